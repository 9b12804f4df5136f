/**
 * bioRxiv listings: `/content/early/recent` ("All Articles", `?page=N`), in the 2018 Highwire/Drupal
 * markup: days in `div.highwire-list-wrapper` with `h3.highwire-list-title` ("February 11, 2018"), entries
 * `div.highwire-article-citation` with `a.highwire-cite-linked-title` (title and link), the authors, and a DOI line.
 * Titles only (no abstracts). Text nodes may carry newlines and indentation (prettified saves): collapsed.
 */

import { chooseIds } from '../../ids';
import { foundPaper, readEach } from '../found';
import { cleanText, httpUrl, patternsOn, yearOf } from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';
import { BIORXIV_HOSTS, citationAuthors, citationDoi, isBiorxivHost } from './common';

const LIST_PATH = /^\/content\/early\/recent\/?$/;

/** The date heading of the entry's day ("February 11, 2018"). */
function dayYear(entry: Element): number | undefined {
  const wrapper = entry.closest('.highwire-list-wrapper');
  return yearOf(cleanText(wrapper?.querySelector('.highwire-list-title')));
}

function readEntry(entry: Element, base: URL): FoundPaper | string {
  const link = entry.querySelector('a.highwire-cite-linked-title');
  const doi = citationDoi(entry);
  const ids = chooseIds([doi ? `doi:${doi}` : undefined]);
  if (!ids) return 'no DOI';
  const title = cleanText(link) || (entry.getAttribute('title') ?? '').trim();
  if (!title) return `${ids.id} has no title`;
  const url = httpUrl(link?.getAttribute('href'), base) ?? `https://doi.org/${ids.id.slice(4)}`;
  const journal = cleanText(entry.querySelector('.highwire-cite-metadata-journal'));
  return foundPaper({
    id: ids.id,
    title,
    authors: citationAuthors(entry),
    url,
    site: 'biorxiv',
    year: dayYear(entry),
    venue: journal || 'bioRxiv',
    element: entry,
  });
}

function extract(doc: Document, url: URL): Extraction {
  const entries = doc.querySelectorAll('div.highwire-article-citation');
  const { papers, warnings } = readEach(entries, (e) => readEntry(e, url), 'biorxiv-list: skipped entry');
  if (entries.length === 0 && doc.querySelector('.highwire-list-wrapper, .highwire-article-citation-list')) {
    warnings.push('biorxiv-list: the page has article lists but no entries (changed or truncated page?)');
  }
  return { papers, warnings };
}

export const biorxivList: SiteAdapter = {
  id: 'biorxiv-list',
  label: 'bioRxiv listings',
  patterns: patternsOn(BIORXIV_HOSTS, '/content/early/recent*'),
  matches: (url) => isBiorxivHost(url) && LIST_PATH.test(url.pathname),
  entry: 'div.highwire-article-citation',
  // At the end of the "bioRxiv 263731; doi: …" line.
  slot: (entry) => ({ parent: entry.querySelector('.highwire-cite-metadata') ?? entry, placement: 'inline' }),
  text: 'title',
  extract,
};
