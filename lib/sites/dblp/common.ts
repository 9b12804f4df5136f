/**
 * The DBLP publication entry, shared by search results, venue tables of contents and author pages (the same
 * `ul.publ-list > li.entry` markup): `li.entry[id=<dblp key>]` > `nav.publ` (electronic edition links) and
 * `cite.data` (authors, title, venue, year as schema.org microdata).
 */

import { chooseIds, dblpKey, parseArxivId, parseDoi } from '../../ids';
import { foundPaper, readEach } from '../found';
import { cleanAuthor, cleanText, collapse, hasClass, httpUrl, isHttpOn, yearOf } from '../text';
import type { FoundPaper } from '../types';

export const DBLP_HOSTS: readonly string[] = ['dblp.org', 'dblp.uni-trier.de'];

export function isDblpHost(url: URL): boolean {
  return isHttpOn(url, DBLP_HOSTS);
}

/** Every `li.entry` of the publication lists, in page order (editor entries included: the caller skips them). */
export function entries(doc: Document): Element[] {
  return [...doc.querySelectorAll('ul.publ-list > li.entry')];
}

/** A proceedings volume's own entry (its editors, not a paper). */
export function isEditorEntry(li: Element): boolean {
  return hasClass(li, 'editor');
}

/** The electronic-edition links of an entry (DOI, arXiv, publisher, PDF), absolute, in page order, once each. */
function eeLinks(li: Element, base: URL): string[] {
  const nav = li.querySelector('nav.publ');
  if (!nav) return [];
  const out: string[] = [];
  // `li.ee` in the "view" menu; the menu's head icon links the first one (the only ee link some saves keep).
  const head = nav.querySelector(':scope > ul > li.drop-down > div.head > a[href]');
  for (const a of [...nav.querySelectorAll('li.ee a[href]'), ...(head ? [head] : [])]) {
    const href = httpUrl(a.getAttribute('href'), base);
    if (!href || out.includes(href)) continue;
    // The head icon of an entry without ee links opens a search or a share link: keep identifiers and files only.
    if (a === head && !isEeLink(href)) continue;
    out.push(href);
  }
  return out;
}

/** Links that DBLP shows as electronic editions: DOIs, arXiv, PDFs, publisher pages (not dblp's own pages). */
function isEeLink(href: string): boolean {
  const host = new URL(href).hostname;
  if (host === 'dblp.org' || host.endsWith('.dblp.org') || host === 'dblp.uni-trier.de') return false;
  if (/(^|\.)(google\.com|twitter\.com|reddit\.com|facebook\.com|linkedin\.com|bibsonomy\.org)$/.test(host)) {
    return false;
  }
  return true;
}

/** DBLP ends every title with a full stop (unless it ends with "?" or "!"): drop it. */
export function dblpTitle(s: string): string {
  return s.endsWith('.') && !s.endsWith('..') ? s.slice(0, -1).trimEnd() : s;
}

/** The year of the `li.year` separator before the entry (search results and author pages group by year). */
function separatorYear(li: Element): number | undefined {
  for (let p = li.previousElementSibling; p !== null; p = p.previousElementSibling) {
    if (p.tagName === 'LI' && hasClass(p, 'year')) return yearOf(p.textContent);
  }
  return undefined;
}

function entryYear(cite: Element, li: Element): number | undefined {
  const el = cite.querySelector('[itemprop="datePublished"]');
  // `<span itemprop=datePublished>2023</span>` (search) or `<meta itemprop=datePublished content=2012>` (TOC).
  const fromEntry = yearOf(el?.getAttribute('content') ?? el?.textContent);
  return fromEntry ?? separatorYear(li);
}

/** The venue the entry names: the `isPartOf` periodical or proceedings ("ESEM", "Empir. Softw. Eng."). */
function entryVenue(cite: Element): string | undefined {
  for (const part of cite.querySelectorAll('[itemprop="isPartOf"]')) {
    const name = part.querySelector(':scope > [itemprop="name"]');
    const text = name ? cleanText(name) : '';
    if (text) return text;
  }
  return undefined;
}

/**
 * One `li.entry` as a paper, or the reason it cannot be read. Ids: the DOI and arXiv ee links win over the dblp
 * key (kept in `altIds`); `url` is the first electronic edition (else dblp's record page), `pdfUrl` an ee link to
 * a PDF.
 */
export function readEntry(li: Element, base: URL): FoundPaper | string {
  const cite = li.querySelector('cite.data') ?? li.querySelector('cite');
  if (!cite) return 'no citation (cite.data)';
  const key = li.getAttribute('id') ?? '';
  const titleEl = cite.querySelector('span.title');
  const title = dblpTitle(cleanText(titleEl));
  const ee = eeLinks(li, base);
  const ids = chooseIds([
    ...ee.map((href) => {
      const arxiv = parseArxivId(href);
      if (arxiv) return `arxiv:${arxiv}`;
      const doi = parseDoi(href);
      return doi ? `doi:${doi}` : undefined;
    }),
    dblpKey(key),
  ]);
  if (!ids) return `no DOI, arXiv link or dblp key (id="${key}")`;
  if (!title) return `${ids.id} has no title`;
  const authors: string[] = [];
  for (const a of cite.querySelectorAll('[itemprop="author"]')) {
    const name = cleanAuthor(cleanText(a.querySelector('[itemprop="name"]') ?? a));
    if (name && name !== '…' && name !== '...') authors.push(name);
  }
  const record = dblpKey(key) ? `https://dblp.org/rec/${key}.html` : undefined;
  const url = ee[0] ?? record;
  if (!url) return `${ids.id} has no link`;
  const pdfUrl = ee.find((href) => /\.pdf$/i.test(new URL(href).pathname));
  const year = entryYear(cite, li);
  const venue = entryVenue(cite);
  return foundPaper({
    id: ids.id,
    title,
    authors,
    url,
    pdfUrl,
    site: 'dblp',
    altIds: ids.altIds,
    year,
    venue: venue && collapse(venue),
    element: li,
  });
}

export interface ReadResult {
  papers: FoundPaper[];
  warnings: string[];
  /** Entries seen, editor entries included. */
  seen: number;
}

/**
 * Reads every entry of the page (editor entries are no papers); `adapter` prefixes the warnings. Entries of which
 * none is a paper are a warning.
 */
export function readEntries(doc: Document, base: URL, adapter: string): ReadResult {
  const all = entries(doc);
  const read = (li: Element) => (isEditorEntry(li) ? null : readEntry(li, base));
  const { papers, warnings } = readEach(all, read, `${adapter}: skipped entry`);
  if (papers.length === 0 && all.length > 0)
    warnings.push(`${adapter}: no paper among the ${all.length} entries`);
  return { papers, warnings, seen: all.length };
}

/** The tools go at the end of the citation line (after the pages), inline. */
export function dblpSlot(entry: Element): { parent: Element; placement: 'inline' } {
  return { parent: entry.querySelector('cite.data') ?? entry, placement: 'inline' };
}
