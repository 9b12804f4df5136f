/**
 * arXiv search results: `/search/?query=…`, `/search/<archive>?…`, `/search/advanced?…`.
 * One `li.arxiv-result` per paper (the entry element). The full abstract is `span.abstract-full` without its
 * "△ Less" toggle; `search-hit` highlight spans read as plain text; categories are the tag spans, the primary
 * (`is-link`) first.
 */

import { parseArxivId } from '../../ids';
import { readEach } from '../found';
import { cleanText, collapse, parseCount, patternsOn } from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';
import { ARXIV_HOSTS, arxivPaper, idLinks, isArxivHost, parseAuthors } from './common';

const SEARCH_PATH = /^\/search(?:\/(?:advanced|[a-z-]+(?:\.[A-Za-z-]+)?)?)?\/?$/;

/** "Showing 1–200 of 77,800 results" (en dash in the page). */
const SHOWING = /showing\s+([\d,]+)\s*[–—-]\s*([\d,]+)\s+of\s+([\d,]+)\s+results/i;

/** The "▽ More" / "△ Less" toggles inside the abstract spans. */
function isToggle(el: Element): boolean {
  return el.tagName === 'A' && !el.hasAttribute('href');
}

function categories(li: Element): string[] {
  const primary: string[] = [];
  const others: string[] = [];
  const tags = li.querySelectorAll('.tags span.tag');
  for (const tag of tags) {
    const cl = tag.classList;
    if (!cl.contains('is-link') && !cl.contains('is-grey')) continue; // doi / journal tags
    const code = collapse(tag.textContent ?? '');
    if (!code) continue;
    (cl.contains('is-link') ? primary : others).push(code);
  }
  return [...new Set([...primary, ...others])];
}

function readResult(li: Element): FoundPaper | string {
  const { bare, hasPdf } = idLinks(li.querySelector('.list-title') ?? li, parseArxivId);
  if (!bare) return 'no arXiv id link';
  const title = cleanText(li.querySelector('p.title'));
  if (!title) return `arxiv:${bare} has no title`;
  const full = li.querySelector('.abstract-full');
  const abstract = full ? cleanText(full, { skip: isToggle }) : '';
  return arxivPaper(bare, {
    title,
    authors: parseAuthors(li.querySelector('p.authors')),
    abstract,
    hasPdf,
    categories: categories(li),
    element: li,
  });
}

function extract(doc: Document, _url: URL): Extraction {
  const results = doc.querySelectorAll('li.arxiv-result');
  const { papers, warnings } = readEach(results, readResult, 'arxiv-search: skipped result');
  const heading = doc.querySelector('h1.title') ?? doc.querySelector('main h1');
  const m = heading ? SHOWING.exec(collapse(heading.textContent ?? '')) : null;
  if (m) {
    const from = parseCount(m[1]) ?? 0;
    const to = parseCount(m[2]) ?? 0;
    const expected = Math.max(0, to - from + 1);
    if (results.length === 0 && expected > 0) {
      warnings.push(`arxiv-search: the page says "${m[0]}" but has no results (truncated or changed page?)`);
    } else if (results.length !== expected) {
      warnings.push(
        `arxiv-search: the page says "${m[0]}" (${expected} on this page), found ${results.length}`,
      );
    }
  }
  return { papers, warnings };
}

export const arxivSearch: SiteAdapter = {
  id: 'arxiv-search',
  label: 'arXiv search',
  patterns: patternsOn(ARXIV_HOSTS, '/search*'),
  entry: 'li.arxiv-result',
  // At the end of the result's id line.
  slot: (entry) => ({ parent: entry.querySelector('.list-title') ?? entry, placement: 'inline' }),
  text: 'abstract',
  matches: (url) => isArxivHost(url) && SEARCH_PATH.test(url.pathname),
  extract,
};
