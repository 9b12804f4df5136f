/**
 * Semantic Scholar paper pages: `/paper/[<slug>/]<40-hex id>` (server-rendered React, then a single-page app).
 *
 * Entries: the paper itself (the header `div[data-test-id="paper-detail-page-header"]` around
 * `h1[data-test-id="paper-detail-title"]`: DOI, title, authors, venue, year, abstract or TLDR), then every row
 * `div.cl-paper-row[data-paper-id]` of the "Citations" (`data-test-id="cited-by"`) and "References"
 * (`data-test-id="reference"`) lists: title, authors, venue, year, a cut abstract or the TLDR as `snippet`.
 * The headers count every citing and cited paper ("70 References") but only the first page of each list is in the
 * page; the app replaces the rows when the user pages or sorts.
 */

import { arxivKey, chooseIds, parseDoi, s2Key } from '../../ids';
import { foundPaper } from '../found';
import {
  cleanAuthor,
  cleanText,
  collapse,
  hasClass,
  httpUrl,
  isHttpOn,
  parseCount,
  patternsOn,
  yearOf,
} from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';

const HOST = 'www.semanticscholar.org';
export const S2_HOSTS: readonly string[] = [HOST];
const PAPER_PATH = /^\/paper\/(?:[^/]+\/)?([0-9a-fA-F]{40})\/?$/;
const HEADER = 'div[data-test-id="paper-detail-page-header"]';
const TITLE = 'h1[data-test-id="paper-detail-title"]';
const ROW = 'div.cl-paper-row[data-paper-id]';
const LIST_COUNT = /([\d,]+)\s+(?:Citations?|References?)\b/i;

/** Buttons ("Expand", "+5 authors") and the "TLDR" pill with its popover (text once opened) are not the paper's. */
const isControl = (el: Element): boolean => el.tagName === 'BUTTON' || hasClass(el, 'cl-dropdown');

function idFromPath(path: string): string | undefined {
  const m = PAPER_PATH.exec(path);
  return m?.[1] ? s2Key(m[1]) : undefined;
}

function meta(doc: Document, name: string): string[] {
  return [...doc.querySelectorAll(`meta[name="${name}"]`)].map((m) =>
    collapse(m.getAttribute('content') ?? ''),
  );
}

/** arXiv ids and DOIs of the links inside an entry (publisher and DOI links; arXiv when the paper is there). */
function linkIds(el: Element): string[] {
  const ids: string[] = [];
  for (const a of el.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    const arxiv = arxivKey(href);
    const doi = arxiv ? undefined : parseDoi(href);
    if (arxiv) ids.push(arxiv);
    else if (doi) ids.push(`doi:${doi}`);
  }
  return ids;
}

/** The venue's full name: the venue link's `?name=` (its text is cut: "Environment and Planning B: Urban…"). */
function venueOf(el: Element | null): string {
  const a =
    el?.querySelector('a.cl-paper-venue[href]') ?? (el?.matches('a.cl-paper-venue[href]') ? el : null);
  const href = a?.getAttribute('href');
  let name = '';
  try {
    name = href ? collapse(new URL(href, `https://${HOST}/`).searchParams.get('name') ?? '') : '';
  } catch {
    name = '';
  }
  return name || cleanText(el);
}

function authorsOf(el: Element): string[] {
  const names: string[] = [];
  for (const span of el.querySelectorAll('[data-test-id="author-list"]')) {
    const name = cleanAuthor(cleanText(span, { skip: isControl }));
    if (name) names.push(name);
  }
  return names;
}

/** The header's abstract: whole when the truncator shows all of it, else (cut, or a TLDR instead) a snippet. */
function abstractOf(header: Element): { abstract?: string; snippet?: string } {
  const abs = header.querySelector('.abstract__text');
  if (abs) {
    const text = cleanText(abs, { skip: isControl });
    const cut =
      text.endsWith('…') || abs.querySelector('button[aria-label="Expand truncated text"]') !== null;
    if (text) return cut ? { snippet: text } : { abstract: text };
  }
  const tldr = cleanText(header.querySelector('.tldr-abstract-replacement'), { skip: isControl });
  return tldr ? { snippet: tldr } : {};
}

function readHeader(doc: Document, url: URL, warnings: string[]): FoundPaper | undefined {
  const h1 = doc.querySelector(TITLE);
  const fromUrl = idFromPath(url.pathname);
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '';
  let fromCanonical: string | undefined;
  try {
    fromCanonical = canonical ? idFromPath(new URL(canonical, url).pathname) : undefined;
  } catch {
    fromCanonical = undefined;
  }
  if (fromUrl && fromCanonical && fromUrl !== fromCanonical) {
    warnings.push(`s2-paper: the URL names ${fromUrl} but the page's canonical link ${fromCanonical}`);
  }
  const s2 = fromUrl ?? fromCanonical;
  if (!h1) {
    warnings.push(`s2-paper: no paper title (${TITLE}) on the page${s2 ? ` of ${s2}` : ''}`);
    return undefined;
  }
  const element = h1.closest(HEADER) ?? h1;
  const title = cleanText(h1);
  if (!title) {
    warnings.push(`s2-paper: skipped entry 1 (the paper${s2 ? `, ${s2}` : ''}): empty title`);
    return undefined;
  }
  // citation_* meta describe the server-rendered paper; after an in-app navigation they may be another's.
  const metaOk = meta(doc, 'citation_title')[0] === title;
  const metaAuthors = metaOk ? meta(doc, 'citation_author').filter(Boolean) : [];
  const pdfMeta = metaOk ? httpUrl(meta(doc, 'citation_pdf_url')[0], url) : undefined;
  const metaDoi = metaOk ? [...meta(doc, 'citation_doi'), pdfMeta ?? ''].map(parseDoi) : [];
  const ids = chooseIds([
    ...linkIds(element),
    ...(pdfMeta ? [arxivKey(pdfMeta)] : []),
    ...metaDoi.map((d) => (d ? `doi:${d}` : undefined)),
    s2,
  ]);
  if (!ids) {
    warnings.push(`s2-paper: skipped entry 1 ("${title}"): no paper id in the URL or the page`);
    return undefined;
  }
  const venue =
    (metaOk ? meta(doc, 'citation_journal_title')[0] : '') ||
    venueOf(element.querySelector('[data-test-id="venue-metadata"]'));
  const year =
    yearOf(cleanText(element.querySelector('[data-test-id="paper-year"]'))) ??
    (metaOk ? yearOf(meta(doc, 'citation_publication_date')[0]) : undefined);
  const pageUrl = fromCanonical && fromCanonical === s2 ? httpUrl(canonical, url) : undefined;
  return foundPaper({
    id: ids.id,
    title,
    // The header shows the first two and the last author ("+6 authors"); the meta list them all.
    authors: metaAuthors.length > 0 ? metaAuthors : authorsOf(element),
    ...abstractOf(element),
    url: pageUrl ?? `https://${HOST}${url.pathname}`,
    // A doi.org link is the publisher's page, not a PDF.
    pdfUrl: pdfMeta && !parseDoi(pdfMeta) ? pdfMeta : undefined,
    site: 'semanticscholar',
    altIds: ids.altIds,
    year,
    venue,
    element,
  });
}

function readRow(row: Element, base: URL): FoundPaper | string {
  const s2 = s2Key(row.getAttribute('data-paper-id') ?? '');
  const link = row.querySelector('a[data-test-id="citation-paper-title"]');
  const title = cleanText(row.querySelector('.cl-paper-title') ?? link);
  if (!title) return `empty title${s2 ? ` (${s2})` : ''}`;
  const ids = chooseIds([...linkIds(row), s2]);
  if (!s2 || !ids) return `"${title}" has no valid data-paper-id`;
  const snippet =
    cleanText(row.querySelector('.cl-paper-abstract'), { skip: isControl }) ||
    cleanText(row.querySelector('.tldr-abstract-replacement'), { skip: isControl });
  const venue = venueOf(row.querySelector('.cl-paper-venue'));
  const year = yearOf(cleanText(row.querySelector('.cl-paper-pubdates')));
  return foundPaper({
    id: ids.id,
    title,
    authors: authorsOf(row),
    snippet,
    url: httpUrl(link?.getAttribute('href'), base) ?? `https://${HOST}/paper/${s2.slice(3)}`,
    site: 'semanticscholar',
    altIds: ids.altIds,
    year,
    venue,
    element: row,
  });
}

/** The citation and reference lists: each card (`#citing-papers`, `#cited-papers`) with its count and rows. */
function lists(doc: Document): Element[] {
  const cards = new Set<Element>(doc.querySelectorAll('#citing-papers, #cited-papers'));
  for (const list of doc.querySelectorAll('[data-test-id="cited-by"], [data-test-id="reference"]')) {
    cards.add(list.closest('.card') ?? list);
  }
  return [...cards];
}

function extract(doc: Document, url: URL): Extraction {
  const papers: FoundPaper[] = [];
  const warnings: string[] = [];
  const main = readHeader(doc, url, warnings);
  if (main) papers.push(main);
  let index = 1;
  for (const card of lists(doc)) {
    const rows = card.querySelectorAll(ROW);
    const heading = collapse(card.querySelector('h2')?.textContent ?? '');
    const count = parseCount(LIST_COUNT.exec(heading)?.[1]);
    // Only the first page of a list is in the page: fewer rows than the count is normal, none is not.
    if (rows.length === 0 && count !== undefined && count > 0) {
      warnings.push(`s2-paper: the list "${heading}" has no rows`);
    }
    for (const row of rows) {
      index++;
      const paper = readRow(row, url);
      if (typeof paper === 'string') warnings.push(`s2-paper: skipped entry ${index}: ${paper}`);
      else papers.push(paper);
    }
  }
  return { papers, warnings };
}

export const s2Paper: SiteAdapter = {
  id: 's2-paper',
  label: 'Semantic Scholar paper pages',
  patterns: patternsOn(S2_HOSTS, '/paper/*'),
  matches: (url) => isHttpOn(url, S2_HOSTS) && PAPER_PATH.test(url.pathname),
  entry: `${HEADER}, ${TITLE}, ${ROW}`,
  slot(entry) {
    if (hasClass(entry, 'cl-paper-row')) {
      // The year ends the row's first line (authors, fields, venue, year).
      return {
        parent: entry.querySelector('.cl-paper-pubdates') ?? entry.querySelector('.cl-paper-title') ?? entry,
        placement: 'inline',
      };
    }
    // "Corpus ID: 247987140", a short line above the title.
    return {
      parent: entry.querySelector('[data-test-id="corpus-id"]') ?? entry.querySelector('h1') ?? entry,
      placement: 'inline',
    };
  },
  // A React app: paging or sorting a list replaces its rows, a link to another paper re-renders the page.
  dynamic: true,
  text: 'snippet',
  extract,
};
