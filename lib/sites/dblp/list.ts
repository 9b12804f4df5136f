/**
 * DBLP venue tables of contents (`/db/conf/<venue>/<volume>.html`, `/db/journals/<venue>/<volume>.html`) and author
 * pages (`/pid/<pid>` with or without `.html`): the same `ul.publ-list > li.entry` markup as search results (see
 * common.ts), under `header.h2` section headings (TOC) or `li.year` separators (author pages). A proceedings
 * volume's own entry (`li.entry.editor`) is not a paper and is skipped. Venue index pages (`index.html`, the list
 * of volumes) are not claimed.
 */

import { patternsOn } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { DBLP_HOSTS, dblpSlot, isDblpHost, readEntries } from './common';

const TOC_PATH =
  /^\/db\/(?:conf|journals)\/[A-Za-z0-9_-]+\/(?!index\b)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.html$/;
/** Person ids: `48/5662`, `238/0016`, `s/CarlesSierra`, `00/7223-1`. */
const PID_PATH = /^\/pid\/[a-z0-9]+\/[A-Za-z0-9_-]+(?:\.html)?$/;

function extract(doc: Document, url: URL): Extraction {
  const { papers, warnings, seen } = readEntries(doc, url, 'dblp-list');
  if (seen === 0 && doc.querySelector('ul.publ-list') !== null) {
    warnings.push('dblp-list: the page has a publication list but no entries (changed or truncated page?)');
  }
  return { papers, warnings };
}

export const dblpList: SiteAdapter = {
  id: 'dblp-list',
  label: 'DBLP tables of contents and author pages',
  patterns: patternsOn(DBLP_HOSTS, '/db/conf/*', '/db/journals/*', '/pid/*'),
  matches: (url) => isDblpHost(url) && (TOC_PATH.test(url.pathname) || PID_PATH.test(url.pathname)),
  entry: 'li.entry',
  slot: dblpSlot,
  text: 'title',
  extract,
};
