/**
 * DBLP search results: `/search?q=…` on dblp.org and dblp.uni-trier.de. Publication hits are `li.entry` in
 * `#completesearch-publs ul.publ-list`, grouped under `li.year` separators (see common.ts). The page shows the
 * first 30 of "found N matches" and loads more as the user scrolls (infinite scroll appends entries), and the
 * search box re-renders the list as the user types: hence `dynamic`.
 */

import { collapse, parseCount, patternsOn } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { DBLP_HOSTS, dblpSlot, isDblpHost, readEntries } from './common';

const MATCHES = /found\s+([\d,]+)\s+match(?:es)?/i;

function extract(doc: Document, url: URL): Extraction {
  const { papers, warnings, seen } = readEntries(doc, url, 'dblp-search');
  const info = doc.getElementById('completesearch-info-matches');
  const m = info ? MATCHES.exec(collapse(info.textContent ?? '')) : null;
  const promised = parseCount(m?.[1]) ?? 0;
  // "found 129 matches" with 30 shown is the normal first page; none shown at all is not.
  if (seen === 0 && promised > 0) {
    warnings.push(`dblp-search: the page says "${m?.[0]}" but has no entries (changed or truncated page?)`);
  }
  return { papers, warnings };
}

export const dblpSearch: SiteAdapter = {
  id: 'dblp-search',
  label: 'DBLP search',
  patterns: patternsOn(DBLP_HOSTS, '/search*'),
  matches: (url) =>
    isDblpHost(url) && /^\/search\/?$/.test(url.pathname) && (url.searchParams.get('q') ?? '').trim() !== '',
  entry: 'li.entry',
  slot: dblpSlot,
  dynamic: true,
  text: 'title',
  extract,
};
