/**
 * DBLP venue tables of contents (`/db/conf/<venue>/<volume>.html`, `/db/journals/<venue>/<volume>.html`): the same
 * `ul.publ-list > li.entry` markup as search results (see common.ts), under `header.h2` section headings. A
 * proceedings volume's own entry (`li.entry.editor`) is not a paper and is skipped. Venue index pages
 * (`index.html`, the list of volumes) are not claimed. Author pages (`/pid/…`) are not claimed either: no author
 * page is saved, and an adapter is built from real pages only (the popup's "This page" reads them on demand).
 */

import { patternsOn } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { DBLP_HOSTS, dblpSlot, isDblpHost, readEntries } from './common';

const TOC_PATH =
  /^\/db\/(?:conf|journals)\/[A-Za-z0-9_-]+\/(?!index\b)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.html$/;

function extract(doc: Document, url: URL): Extraction {
  const { papers, warnings, seen } = readEntries(doc, url, 'dblp-list');
  if (seen === 0 && doc.querySelector('ul.publ-list') !== null) {
    warnings.push('dblp-list: the page has a publication list but no entries (changed or truncated page?)');
  }
  return { papers, warnings };
}

export const dblpList: SiteAdapter = {
  id: 'dblp-list',
  label: 'DBLP tables of contents',
  patterns: patternsOn(DBLP_HOSTS, '/db/conf/*', '/db/journals/*'),
  matches: (url) => isDblpHost(url) && TOC_PATH.test(url.pathname),
  entry: 'li.entry',
  slot: dblpSlot,
  text: 'title',
  extract,
};
