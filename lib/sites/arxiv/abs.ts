/**
 * arXiv abstract pages: `/abs/<id>[vN]`, new (`2407.21783`) and old (`hep-th/9901001`) ids.
 * The visible DOM is the source (`h1.title`, `div.authors`, `blockquote.abstract`, `td.subjects`), the same in the
 * 2020 (browse 0.3.0) and 2026 (browse 0.3.4) layouts. The entry element is `div#abs`, the block that holds title,
 * authors, abstract and subjects (else the closest container of the title).
 */

import { arxivIdFromPath, bareArxivId, parseArxivId } from '../../ids';
import { cleanText, isDescriptor, patternsOn } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { ARXIV_HOSTS, arxivPaper, isArxivHost, parseAuthors, parseSubjects } from './common';

function meta(doc: Document, name: string): string | undefined {
  return doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim() || undefined;
}

function extract(doc: Document, url: URL): Extraction {
  const warnings: string[] = [];
  const titleEl = doc.querySelector('h1.title');
  if (!titleEl) return { papers: [], warnings: ['arxiv-abs: no title (h1.title) on the abstract page'] };
  const element = doc.getElementById('abs') ?? titleEl.closest('div') ?? titleEl;

  // The "Cite as" link (or citation_arxiv_id) names the paper the page shows; the URL's id is the fallback.
  const fromUrl = arxivIdFromPath(url.pathname);
  const citeHref = element.querySelector('.arxivid a[href*="/abs/"]')?.getAttribute('href');
  const fromPage =
    (citeHref ? parseArxivId(citeHref) : undefined) ?? bareArxivId(meta(doc, 'citation_arxiv_id') ?? '');
  const bare = fromPage ?? fromUrl;
  if (!bare) return { papers: [], warnings: ['arxiv-abs: no arXiv id in the URL or the page'] };
  if (fromUrl && fromPage && fromUrl !== fromPage) {
    warnings.push(`arxiv-abs: the URL names arxiv:${fromUrl} but the page cites arxiv:${fromPage}`);
  }

  const title = cleanText(titleEl, { skip: isDescriptor });
  if (!title) return { papers: [], warnings: [...warnings, `arxiv-abs: arxiv:${bare} has an empty title`] };
  const abstract = cleanText(element.querySelector('blockquote.abstract'), { skip: isDescriptor });
  const hasPdf =
    doc.querySelector('a[href*="/pdf/"]') !== null || meta(doc, 'citation_pdf_url') !== undefined;
  const subjects = element.querySelector('td.subjects') ?? doc.querySelector('td.subjects');

  const paper = arxivPaper(bare, {
    title,
    authors: parseAuthors(element.querySelector('.authors')),
    abstract,
    hasPdf,
    categories: parseSubjects(subjects),
    element,
  });
  return { papers: [paper], warnings };
}

const ABS_PATH = /^\/abs\/.+$/;

export const arxivAbs: SiteAdapter = {
  id: 'arxiv-abs',
  label: 'arXiv abstract pages',
  patterns: patternsOn(ARXIV_HOSTS, '/abs/*'),
  entry: '#abs, .abs',
  // At the end of the dateline.
  slot: (entry) => ({ parent: entry.querySelector('.dateline') ?? entry, placement: 'inline' }),
  text: 'abstract',
  matches: (url) =>
    isArxivHost(url) && ABS_PATH.test(url.pathname) && arxivIdFromPath(url.pathname) !== undefined,
  extract,
};
