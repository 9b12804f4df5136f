/**
 * Any other single-paper page, read on demand (the toolbar button's "Save this page"): `readPaperMeta(doc, url)`
 * reads the page's own paper from, in this order,
 * 1. Highwire Press `citation_*` meta tags (what Google Scholar indexes; `content=`, or `value=` in some saves),
 * 2. one schema.org ScholarlyArticle (JSON-LD, then microdata),
 * 3. one COinS (`span.Z3988`).
 * The first source with a title names the paper; later sources with the same title add what it lacks (ids,
 * authors, year...). A page with several ScholarlyArticle items or COinS is a list, not one paper's page: those
 * sources are ignored. Pure and self-contained (imports only ids.ts, text.ts, found.ts and types), so it can be
 * bundled into a script injected with `scripting.executeScript`. Never throws.
 */

import { canonicalId, chooseIds, foldText } from '../../ids';
import { foundPaper } from '../found';
import { collapse, htmlText, httpUrl, yearOf } from '../text';
import { defineSite, type Extraction } from '../types';

interface Candidate {
  source: string;
  title: string;
  authors: string[];
  /** Ids in any form `canonicalId` reads (`doi:…`, doi.org and arXiv URLs, `pmid:…`, bare arXiv ids). */
  ids: string[];
  abstract?: string;
  pdfUrl?: string;
  url?: string;
  year?: number;
  venue?: string;
}

const SCHOLARLY = /^(?:https?:\/\/schema\.org\/)?(?:Medical)?ScholarlyArticle$/;
const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** "Vaswani, Ashish" (the form most `citation_author` tags use) as "Ashish Vaswani"; other forms as they are. */
function displayName(raw: string): string {
  const name = collapse(raw);
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const [last = '', first = ''] = parts.map((p) => p.trim());
  return last && first && !SUFFIX.test(first) ? `${first} ${last}` : name;
}

function names(list: readonly string[]): string[] {
  return list.map(displayName).filter((n) => n !== '' && n !== '…' && n !== '...');
}

/** A link the page gives as a PDF: http(s), and not a DOI or landing page in disguise. */
function pdfLink(href: string | undefined, base: URL): string | undefined {
  const u = httpUrl(href, base);
  return u && !canonicalId(u)?.startsWith('doi:') ? u : undefined;
}

// ---------------------------------------------------------------- Highwire Press citation_* meta tags

function highwire(doc: Document, base: URL): Candidate | undefined {
  const tags = new Map<string, string[]>();
  for (const el of doc.querySelectorAll('meta[name]')) {
    const name = (el.getAttribute('name') ?? '').trim().toLowerCase();
    if (!name.startsWith('citation_')) continue;
    const value = collapse(el.getAttribute('content') ?? el.getAttribute('value') ?? '');
    if (value) tags.set(name, [...(tags.get(name) ?? []), value]);
  }
  const one = (...keys: string[]) => keys.map((k) => tags.get(k)?.[0]).find((v) => v !== undefined);
  const title = one('citation_title');
  if (!title) return undefined;
  const authors = tags.get('citation_author') ?? (one('citation_authors') ?? '').split(';');
  const abstract = htmlText(one('citation_abstract') ?? '');
  const arxiv = one('citation_arxiv_id');
  const pmid = one('citation_pmid');
  const year = yearOf(
    one('citation_publication_date', 'citation_date', 'citation_online_date', 'citation_year'),
  );
  const venue = one('citation_journal_title', 'citation_conference_title');
  const landing = httpUrl(one('citation_public_url', 'citation_abstract_html_url'), base);
  return {
    source: 'citation_* meta tags',
    title,
    authors: names(authors),
    ids: [
      ...(tags.get('citation_doi') ?? []).map((d) => (d.startsWith('10.') ? `doi:${d}` : d)),
      ...(arxiv ? [arxiv] : []),
      ...(pmid ? [`pmid:${pmid}`] : []),
      // arXiv and DOI URLs among the links (a DOI given as the "PDF" link, an arXiv landing page).
      ...['citation_pdf_url', 'citation_abstract_html_url', 'citation_public_url'].flatMap(
        (k) => tags.get(k) ?? [],
      ),
    ],
    ...(abstract ? { abstract } : {}),
    ...(pdfLink(one('citation_pdf_url'), base) ? { pdfUrl: pdfLink(one('citation_pdf_url'), base) } : {}),
    ...(landing ? { url: landing } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(venue ? { venue } : {}),
  };
}

// ---------------------------------------------------------------- schema.org ScholarlyArticle

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asList(v: Json | undefined): Json[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** A plain text value: a string, or an object's `name` / `@value` / `value`. */
function text(v: Json | undefined): string | undefined {
  const first = asList(v)[0];
  if (typeof first === 'string' || typeof first === 'number') return collapse(String(first)) || undefined;
  if (isObject(first)) return text(first.name ?? first['@value'] ?? first.value);
  return undefined;
}

function typed(o: { [k: string]: Json }): boolean {
  return asList(o['@type']).some((t) => typeof t === 'string' && SCHOLARLY.test(t));
}

/** Every ScholarlyArticle object in the page's JSON-LD blocks (top level, `@graph`, nested values). */
function jsonLdItems(doc: Document, notes: string[]): { [k: string]: Json }[] {
  const out: { [k: string]: Json }[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObject(v)) {
      if (typed(v)) out.push(v);
      for (const x of Object.values(v)) if (typeof x === 'object' && x !== null) visit(x, depth + 1);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      notes.push('a JSON-LD block is not valid JSON');
    }
  }
  return out;
}

function personName(v: Json): string | undefined {
  if (isObject(v) && v.name === undefined && (v.givenName || v.familyName)) {
    return collapse(`${text(v.givenName) ?? ''} ${text(v.familyName) ?? ''}`);
  }
  return text(v);
}

function fromJsonLd(o: { [k: string]: Json }, base: URL): Candidate | undefined {
  const title = text(o.name) ?? text(o.headline);
  if (!title) return undefined;
  const ids = [...asList(o.identifier), ...asList(o.sameAs), ...asList(o.url), o['@id'] ?? null]
    .map((v) => (isObject(v) ? text(v.value ?? v['@value'] ?? null) : typeof v === 'string' ? v : undefined))
    .filter((v): v is string => !!v);
  const abstract = text(o.abstract) ?? text(o.description);
  const year = yearOf(text(o.datePublished));
  const venue = asList(o.isPartOf).map((p) => text(isObject(p) && p.isPartOf ? p.isPartOf : p))[0];
  const url = httpUrl(text(o.url), base);
  return {
    source: 'schema.org JSON-LD',
    title,
    authors: names(
      asList(o.author)
        .map(personName)
        .filter((n): n is string => !!n),
    ),
    ids,
    ...(abstract ? { abstract: htmlText(abstract) } : {}),
    ...(url ? { url } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(venue ? { venue } : {}),
  };
}

/** The microdata properties of an item: `itemprop` elements whose closest enclosing item is `item`. */
function itemProps(item: Element): Map<string, Element[]> {
  const props = new Map<string, Element[]>();
  for (const el of item.querySelectorAll('[itemprop]')) {
    const owner = el.parentElement?.closest('[itemscope]');
    if (owner !== item) continue;
    for (const name of (el.getAttribute('itemprop') ?? '').split(/\s+/)) {
      if (name) props.set(name, [...(props.get(name) ?? []), el]);
    }
  }
  return props;
}

function itemValue(el: Element): string {
  if (el.hasAttribute('itemscope')) {
    const name = itemProps(el).get('name')?.[0];
    return name ? itemValue(name) : collapse(el.textContent ?? '');
  }
  const tag = el.tagName;
  if (tag === 'META') return collapse(el.getAttribute('content') ?? '');
  if (tag === 'A' || tag === 'LINK') return el.getAttribute('href') ?? '';
  if (tag === 'TIME') return el.getAttribute('datetime') ?? collapse(el.textContent ?? '');
  return collapse(el.textContent ?? '');
}

function fromMicrodata(item: Element, base: URL): Candidate | undefined {
  const props = itemProps(item);
  const first = (k: string) => {
    const el = props.get(k)?.[0];
    return el ? itemValue(el) || undefined : undefined;
  };
  const title = first('name') ?? first('headline');
  if (!title) return undefined;
  const abstract = first('abstract') ?? first('description');
  const year = yearOf(first('datePublished'));
  const venue = first('isPartOf');
  const url = httpUrl(first('url'), base);
  return {
    source: 'schema.org microdata',
    title,
    authors: names((props.get('author') ?? []).map(itemValue)),
    ids: ['identifier', 'sameAs', 'url'].flatMap((k) => (props.get(k) ?? []).map(itemValue)),
    ...(abstract ? { abstract } : {}),
    ...(url ? { url } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(venue ? { venue } : {}),
  };
}

// ---------------------------------------------------------------- COinS

function fromCoins(kev: string, base: URL): Candidate | undefined {
  const pairs: [string, string][] = [];
  for (const part of kev.split('&')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      pairs.push([part.slice(0, i), collapse(decodeURIComponent(part.slice(i + 1).replace(/\+/g, ' ')))]);
    } catch {
      // A malformed escape: skip the pair.
    }
  }
  const get = (k: string) => pairs.find(([key, v]) => key === k && v)?.[1];
  const title = get('rft.atitle') ?? get('rft.btitle') ?? get('rft.title');
  if (!title) return undefined;
  let authors = pairs.filter(([k]) => k === 'rft.au').map(([, v]) => v);
  const last = get('rft.aulast');
  if (authors.length === 0 && last) authors = [`${last}, ${get('rft.aufirst') ?? ''}`];
  const ids = pairs
    .filter(([k]) => k === 'rft_id')
    .map(([, v]) => v.replace(/^info:(doi|pmid|arxiv)\//i, (_, s: string) => `${s.toLowerCase()}:`));
  const year = yearOf(get('rft.date'));
  const venue = get('rft.jtitle') ?? (get('rft.atitle') ? get('rft.btitle') : undefined);
  const url = ids.map((i) => httpUrl(i, base)).find((u) => u !== undefined);
  return {
    source: 'COinS',
    title,
    authors: names(authors),
    ids,
    ...(url && !canonicalId(url) ? { url } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(venue ? { venue } : {}),
  };
}

// ---------------------------------------------------------------- the reader

/** One candidate per source, in order; sources with several items (a list page) give none, with a note. */
function candidates(doc: Document, base: URL, notes: string[]): Candidate[] {
  const out: Candidate[] = [];
  const hw = highwire(doc, base);
  if (hw) out.push(hw);
  const ld = jsonLdItems(doc, notes);
  if (ld.length === 1 && ld[0]) {
    const c = fromJsonLd(ld[0], base);
    if (c) out.push(c);
  } else if (ld.length > 1) notes.push(`${ld.length} schema.org ScholarlyArticle items in JSON-LD (a list)`);
  const items = [...doc.querySelectorAll('[itemscope][itemtype]')].filter(
    (el) =>
      (el.getAttribute('itemtype') ?? '').split(/\s+/).some((t) => SCHOLARLY.test(t)) &&
      !el.parentElement?.closest('[itemscope]'),
  );
  if (items.length === 1 && items[0]) {
    const c = fromMicrodata(items[0], base);
    if (c) out.push(c);
  } else if (items.length > 1)
    notes.push(`${items.length} schema.org ScholarlyArticle items in microdata (a list)`);
  const coins = [
    ...new Set([...doc.querySelectorAll('span.Z3988[title]')].map((s) => s.getAttribute('title'))),
  ];
  if (coins.length === 1 && coins[0]) {
    const c = fromCoins(coins[0], base);
    if (c) out.push(c);
  } else if (coins.length > 1) notes.push(`${coins.length} COinS (a list)`);
  return out;
}

/**
 * The paper of a single-paper page, from its `citation_*` meta tags, schema.org ScholarlyArticle or COinS: one
 * paper (site `web`, entry element `document.body`) or none, with warnings saying why. Pure; never throws.
 */
export function readPaperMeta(doc: Document, url: string | URL): Extraction {
  const notes: string[] = [];
  try {
    const base = new URL(String(url));
    const found = candidates(doc, base, notes);
    const primary = found[0];
    if (!primary) {
      const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
      return {
        papers: [],
        warnings: [`web: no citation_* meta tags, schema.org ScholarlyArticle or COinS${why}`],
      };
    }
    // Later sources describing the same paper (same title) fill in what the first one lacks.
    // Folded titles tell whether two sources describe the same paper.
    const same = found.filter((c) => foldText(c.title) === foldText(primary.title));
    const pick = <K extends keyof Candidate>(k: K): Candidate[K] | undefined => {
      for (const c of same) {
        const v = c[k];
        if (v !== undefined && !(Array.isArray(v) && v.length === 0)) return v;
      }
      return undefined;
    };
    const ids = chooseIds([...same.flatMap((c) => c.ids), base.href]);
    if (!ids) {
      return {
        papers: [],
        warnings: [`web: "${primary.title}" (${primary.source}) has no DOI, arXiv id or PubMed id`],
      };
    }
    const paper = foundPaper({
      id: ids.id,
      title: primary.title,
      authors: pick('authors') ?? [],
      abstract: pick('abstract'),
      url: pick('url') ?? `${base.origin}${base.pathname}${base.search}`,
      pdfUrl: pick('pdfUrl'),
      site: 'web',
      altIds: ids.altIds,
      year: pick('year'),
      venue: pick('venue'),
      element: doc.body ?? doc.documentElement,
    });
    return { papers: [paper], warnings: [] };
  } catch (e) {
    return {
      papers: [],
      warnings: [`web: reading the page failed: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
}

/** Papers saved from pages of no supported site. Read on demand, not by URL: no hosts, no adapters. */
export const web = defineSite({ id: 'web', label: 'Other pages', hosts: [], adapters: [] });
