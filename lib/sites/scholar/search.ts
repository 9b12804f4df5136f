/**
 * Google Scholar result lists: searches (`/scholar?q=…`, advanced search), a cluster's versions
 * (`/scholar?cluster=…`) and "Cited by" lists (`/scholar?cites=…`), in the 2016 markup (`#gs_ccl > div.gs_r`) and
 * the 2025 one (`div.gs_r.gs_or.gs_scl[data-cid]`); both hold `div.gs_ri` > `h3.gs_rt`, `div.gs_a`, `div.gs_rs`,
 * `div.gs_fl`, and the side link in `div.gs_ggs`.
 *
 * Results carry a snippet (fragments of the abstract around the query), never the abstract. Ids: the link's arXiv
 * id or DOI (doi.org, or a publisher path holding the DOI) first, then `scholar:<cluster id>` (from `data-cid`, or
 * the `cluster=`, `related:` and `cites=` links of 2016 results).
 */

import { chooseIds } from '../../ids';
import { foundPaper } from '../found';
import { cleanText, collapse, hasClass, httpUrl, parseCount, patternsOn } from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';
import {
  arxivFromVenue,
  clusterFromKey,
  clusterFromLink,
  clusterKey,
  idFromLink,
  isScholarHost,
  parseByline,
  SCHOLAR_HOSTS,
} from './common';

/** Any of these, non-empty, makes `/scholar` a result list (without them it is the home page). */
const QUERY_PARAMS = ['q', 'cluster', 'cites', 'as_q', 'as_epq', 'as_oq', 'as_sauthors'];

/** The type tags before a title: `[PDF]`, `[HTML]`, `[CITATION][C]`, `[BOOK][B]` (spans `gs_ctc`, `gs_ctu`, …). */
const isTypeTag = (el: Element): boolean => el.tagName === 'SPAN' && /(?:^|\s)gs_ct/.test(el.className);
const LEADING_TAGS = /^(?:\[[A-Z]+\]\s*)+/;

const RESULT_COUNT = /(?:about\s+)?(\d[\d,.\u00a0\u202f]*)\s+results?\b/i;

function childWithClass(el: Element, tag: string, cls: string): Element | undefined {
  for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (c.tagName === tag && hasClass(c, cls)) return c;
  }
  return undefined;
}

/** The result's cluster id (decimal): `data-cid`, else the footer's `cluster=`, `related:<key>:` or `cites=`. */
function clusterOf(result: Element, footer: Element | undefined): string | undefined {
  const fromCid = clusterFromKey(result.getAttribute('data-cid') ?? '');
  if (fromCid) return fromCid;
  const hrefs = footer
    ? [...footer.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '')
    : [];
  for (const h of hrefs) {
    const c = clusterFromLink(h, 'cluster');
    if (c) return c;
  }
  for (const h of hrefs) {
    const key = /related:([A-Za-z0-9_-]{12}):/.exec(h)?.[1];
    const c = key ? clusterFromKey(key) : undefined;
    if (c) return c;
  }
  for (const h of hrefs) {
    const c = clusterFromLink(h, 'cites');
    if (c) return c;
  }
  return undefined;
}

/** The side links (`div.gs_ggs`): their URLs, and the one labelled `[PDF]`. */
function sideLinks(result: Element, base: URL): { urls: string[]; pdf?: string } {
  const side = childWithClass(result, 'DIV', 'gs_ggs');
  const urls: string[] = [];
  let pdf: string | undefined;
  for (const a of side?.querySelectorAll('a[href]') ?? []) {
    const u = httpUrl(a.getAttribute('href'), base);
    if (!u) continue;
    urls.push(u);
    if (!pdf && collapse(a.textContent ?? '').includes('[PDF]')) pdf = u;
  }
  return { urls, pdf };
}

function readResult(result: Element, ri: Element, base: URL): FoundPaper | string {
  const h3 = childWithClass(ri, 'H3', 'gs_rt');
  const title = cleanText(h3, { skip: isTypeTag }).replace(LEADING_TAGS, '');
  const footer = childWithClass(ri, 'DIV', 'gs_fl');
  const cluster = clusterOf(result, footer);
  if (!title) return `no title${cluster ? ` (scholar:${cluster})` : ''}`;
  const link = httpUrl(h3?.querySelector('a[href]')?.getAttribute('href'), base);
  // A result without a link (`[CITATION]`) is shown by its cluster page.
  const url = link ?? (cluster ? `${base.origin}/scholar?cluster=${cluster}` : undefined);
  if (!url) return `"${title}" has no link and no cluster id`;
  const side = sideLinks(result, base);
  const byline = parseByline(cleanText(childWithClass(ri, 'DIV', 'gs_a')));
  const ids = chooseIds([
    idFromLink(link),
    ...side.urls.map(idFromLink),
    arxivFromVenue(byline.venue),
    clusterKey(cluster),
  ]);
  if (!ids) return `"${title}" has no link id or cluster id`;
  const tags = h3 ? [...h3.querySelectorAll('span')].filter(isTypeTag).map((s) => s.textContent ?? '') : [];
  const pdfUrl = side.pdf ?? (link && tags.some((t) => t.includes('[PDF]')) ? link : undefined);
  const snippet = cleanText(childWithClass(ri, 'DIV', 'gs_rs'));
  return foundPaper({
    id: ids.id,
    title,
    authors: byline.authors,
    snippet,
    url,
    pdfUrl,
    site: 'scholar',
    altIds: ids.altIds,
    year: byline.year,
    venue: byline.venue,
    element: result,
  });
}

function extract(doc: Document, url: URL): Extraction {
  const papers: FoundPaper[] = [];
  const warnings: string[] = [];
  // `div.gs_r` also wraps non-results (the "Create alert" box): a result has a `div.gs_ri` body.
  let n = 0;
  for (const result of doc.querySelectorAll('div.gs_r')) {
    const ri = childWithClass(result, 'DIV', 'gs_ri');
    if (!ri) continue;
    n++;
    const paper = readResult(result, ri, url);
    if (typeof paper === 'string') warnings.push(`scholar-search: skipped result ${n}: ${paper}`);
    else papers.push(paper);
  }
  if (n === 0) {
    const said = collapse(doc.getElementById('gs_ab_md')?.textContent ?? '');
    const m = RESULT_COUNT.exec(said);
    if (m && (parseCount(m[1]?.replace(/\./g, '')) ?? 0) > 0) {
      warnings.push(`scholar-search: the page says "${m[0]}" but shows no results (changed page?)`);
    }
  }
  return { papers, warnings };
}

export const scholarSearch: SiteAdapter = {
  id: 'scholar-search',
  label: 'Google Scholar results',
  patterns: patternsOn(SCHOLAR_HOSTS, '/scholar?*'),
  matches: (url) =>
    isScholarHost(url) &&
    url.pathname === '/scholar' &&
    QUERY_PARAMS.some((p) => (url.searchParams.get(p) ?? '').trim() !== ''),
  entry: 'div.gs_r',
  slot(entry) {
    // The footer line (Save, Cite, Cited by, Related articles, versions) is short: its end has room.
    const ri = childWithClass(entry, 'DIV', 'gs_ri');
    const footer = ri && childWithClass(ri, 'DIV', 'gs_fl');
    return { parent: footer ?? ri?.querySelector('h3') ?? entry, placement: 'inline' };
  },
  text: 'snippet',
  extract,
};
