/** Helpers shared by the Google Scholar adapters (search results, Citations profiles). */

import { arxivKey, parseDoi, scholarKey } from '../../ids';
import { collapse, isHttpOn } from '../text';

/**
 * Scholar's hosts: `.com` and the country hosts Google redirects to (the real pages were saved on
 * scholar.google.com and scholar.google.co.jp). The common ones only: each adds content-script patterns.
 */
export const SCHOLAR_HOSTS: readonly string[] = [
  'scholar.google.com',
  'scholar.google.co.uk',
  'scholar.google.de',
  'scholar.google.fr',
  'scholar.google.co.jp',
  'scholar.google.com.au',
  'scholar.google.ca',
  'scholar.google.co.in',
  'scholar.google.es',
  'scholar.google.it',
  'scholar.google.com.br',
  'scholar.google.nl',
  'scholar.google.ch',
];

const HOSTS = new Set(SCHOLAR_HOSTS);

export function isScholarHost(url: URL): boolean {
  return isHttpOn(url, HOSTS);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The decimal cluster id of a result's 12-character key (`data-cid="8kIZgzgPiqQJ"`, also in `related:…` links and
 * the 2016 `gs_ocit(event,'…')`): base64url of the cluster id as 8 little-endian bytes plus a 9th byte. On the real
 * pages every key decodes to the id of the same result's `cluster=`/`cites=` links.
 */
export function clusterFromKey(key: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{12}$/.test(key)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < 12; i += 4) {
    const n =
      (B64.indexOf(key.charAt(i)) << 18) |
      (B64.indexOf(key.charAt(i + 1)) << 12) |
      (B64.indexOf(key.charAt(i + 2)) << 6) |
      B64.indexOf(key.charAt(i + 3));
    bytes.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }
  let id = 0n;
  for (let i = 7; i >= 0; i--) id = (id << 8n) | BigInt(bytes[i] ?? 0);
  return id > 0n ? id.toString() : undefined;
}

/** `scholar:<digits>` of a `cluster=` or `cites=` parameter (a single id; merged `cites=1,2` are not one id). */
export function clusterFromLink(
  href: string | null | undefined,
  param: 'cluster' | 'cites',
): string | undefined {
  if (!href) return undefined;
  const m = new RegExp(`[?&]${param}=(\\d{5,25})(?:&|#|$)`).exec(href);
  return m?.[1];
}

/** DOI-bearing paths of publisher sites: Atypon's `/doi/[abs|full|pdf|epdf|…/]10.x/…` (ACM, Wiley, Taylor & Francis,
 * SAGE, Royal Society, ACS, Science, PNAS, …) and Springer's `/article|chapter|content/pdf/10.x/…[.pdf]`. */
const ATYPON_DOI =
  /^\/doi\/(?:(?:abs|full|pdf|epdf|pdfdirect|fullHtml|epub|reader)\/)?(10\.\d{4,9}\/.+?)\/?$/;
const SPRINGER_DOI =
  /^\/(?:article|chapter|referenceworkentry|protocol|content\/pdf)\/(10\.\d{4,9}\/.+?)(?:\.pdf)?\/?$/;

/**
 * The ids a result's link names: an arXiv id (abs/pdf link), a DOI (doi.org, or a publisher path that holds the
 * whole DOI and nothing else). Undefined for the others (IEEE document numbers, ScienceDirect PIIs, …).
 */
export function idFromLink(href: string | undefined): string | undefined {
  if (!href) return undefined;
  const arxiv = arxivKey(href);
  if (arxiv) return arxiv;
  const doi = parseDoi(href);
  if (doi) return `doi:${doi}`;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: use the path as it is.
  }
  const m = ATYPON_DOI.exec(path) ?? (url.hostname === 'link.springer.com' ? SPRINGER_DOI.exec(path) : null);
  const fromPath = m?.[1] ? parseDoi(m[1]) : undefined;
  return fromPath ? `doi:${fromPath}` : undefined;
}

/**
 * The arXiv id a venue names: "arXiv preprint arXiv:2410.03532" (profiles), "CoRR, abs/1206.5538" (DBLP's way,
 * taken over by Scholar for arXiv versions).
 */
export function arxivFromVenue(venue: string | undefined): string | undefined {
  const m = /\barXiv:\s*([^\s,;]+)/i.exec(venue ?? '') ?? /\bCoRR,?\s+abs\/([^\s,;]+)/.exec(venue ?? '');
  return m?.[1] ? arxivKey(m[1]) : undefined;
}

/** `scholar:<digits>` for a cluster id, checked by ids.ts. */
export function clusterKey(digits: string | undefined): string | undefined {
  return digits ? scholarKey(digits) : undefined;
}

const ELLIPSIS = /^(?:…|\.{3})+|(?:…|\.{3})+$/g;

/**
 * Author names of a Scholar author line ("Y Bengio, AC Courville, P Vincent", "F Fang, C Ventre, L Kanthan…",
 * profile rows' "A, B, C, ..."): split on commas; the "…" that marks a cut list is dropped, never an author.
 */
export function splitAuthors(text: string): string[] {
  const names: string[] = [];
  for (const part of text.split(',')) {
    const name = collapse(part.replace(ELLIPSIS, ''));
    if (name) names.push(name);
  }
  return names;
}

const YEAR_AT_END = /^(.*?)[,\s]*\b((?:1[5-9]|20)\d{2})$/;

/** "Venue, 2009", "2022", "CoRR, abs/1206.5538, 2012": the venue (possibly empty) and the year. */
export function venueAndYear(s: string): { venue?: string; year?: number } {
  const text = collapse(s);
  const m = YEAR_AT_END.exec(text);
  if (!m) return text ? { venue: text } : {};
  const venue = collapse(m[1] ?? '').replace(/[,\s]+$/, '');
  return { ...(venue ? { venue } : {}), year: Number(m[2]) };
}

/**
 * The `div.gs_a` line of a result: "authors - venue, year - host" (any part may be missing: "authors - year -
 * host", "authors - venue, year"). Split on " - "; the first part is the authors, the last the host when there are
 * three or more parts; a middle part without a year, alone after the authors, is the host, not a venue.
 */
export function parseByline(text: string): { authors: string[]; venue?: string; year?: number } {
  const parts = collapse(text).split(' - ');
  const authors = splitAuthors(parts[0] ?? '');
  if (parts.length < 2) return { authors };
  const middle = parts.length >= 3 ? parts.slice(1, -1).join(' - ') : (parts[1] ?? '');
  const vy = venueAndYear(middle);
  if (parts.length === 2 && vy.year === undefined) return { authors };
  return { authors, ...vy };
}
