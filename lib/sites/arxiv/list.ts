/**
 * arXiv listings: `/list/<archive or category>/{new,recent,pastweek,YYMM,YYYY}` with `?skip=&show=`.
 *
 * Two markups are handled in one pass over the `<dl>` sections and their `<dt>`/`<dd>` pairs:
 * - pre-2024: `<h3>` before a plain `<dl>`, `span.list-identifier` in the `<dt>`, "Title:"/"Authors:" descriptors;
 * - 2024 on: `<dl id='articles'>` per section with its `<h3>` inside, `<a href="/abs/ID" title="Abstract">`.
 * The entry element is the `<dt>`. Every `<dt>` is one entry: a paper shown twice (which the real pages never do:
 * new, cross-list and replacement sections list a paper once) gives two entries, each with its own element.
 */

import { bareArxivId, parseArxivId } from '../../ids';
import { cleanText, collapse, hasClass, isDescriptor, parseCount, patternsOn } from '../text';
import type { Extraction, FoundPaper, ProgressiveReader, SiteAdapter } from '../types';
import { ARXIV_HOSTS, arxivPaper, idLinks, isArxivHost, parseAuthors, parseSubjects } from './common';

const LIST_PATH = /^\/list\/[a-z-]+(?:\.[A-Za-z-]+)?\/(?:new|recent|pastweek|\d{4})\/?$/;

/** "(showing 75 of 75 entries )" in a section heading. */
const SHOWING = /\(\s*showing\s+(?:first\s+)?([\d,]+)\s+of\s+([\d,]+)\s+entries\s*\)/i;
const TOTAL = /total of\s+([\d,]+)\s+entries/i;
const RANGE = /^\s*(\d+)\s*-\s*(\d+)\s*$/;

/** The heading of a listing section: an `<h3>` inside the `<dl>` (2024 markup) or just before it (old markup). */
function sectionHeading(dl: Element): Element | undefined {
  for (let c = dl.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (c.tagName === 'H3') return c;
    if (c.tagName === 'DT') break;
  }
  const prev = dl.previousElementSibling;
  return prev?.tagName === 'H3' ? prev : undefined;
}

interface PageTotal {
  /** Entries the page says it shows (the current range when paged, else the total). */
  expected: number;
  text: string;
}

/**
 * The page's own count: "Total of 5649 entries : 1-3 …" (`div.paging`, 2024 markup) or "[ total of 90 entries:
 * 1-90 ]" (`<small>`, old markup). The current range is the one element of the pager that is not a link.
 */
function pageTotal(root: Element): PageTotal | undefined {
  // The pager sits among the first children of #dlpage (before the first <dl>): looking there only avoids a
  // selector scan over a 2,000-entry page.
  const candidates: Element[] = [];
  for (let c = root.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (c.tagName === 'DL') break;
    if (c.tagName === 'SMALL' || hasClass(c, 'paging')) candidates.push(c);
    else {
      for (let g = c.firstElementChild; g !== null; g = g.nextElementSibling) {
        if (g.tagName === 'SMALL' || hasClass(g, 'paging')) candidates.push(g);
      }
    }
  }
  for (const el of candidates) {
    const text = collapse(el.textContent ?? '');
    const m = TOTAL.exec(text);
    if (!m) continue;
    const total = parseCount(m[1]);
    if (total === undefined) continue;
    for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) {
      if (c.tagName === 'A') continue;
      const r = RANGE.exec(c.textContent ?? '');
      if (r?.[1] && r[2]) {
        const shown = Number(r[2]) - Number(r[1]) + 1;
        if (shown >= 0) return { expected: Math.min(shown, total), text: m[0] };
      }
    }
    return { expected: total, text: m[0] };
  }
  return undefined;
}

interface EntryFields {
  title?: Element;
  authors?: Element;
  subjects?: Element;
  abstract?: Element;
}

/** One pass over the `dd`'s metadata block (no per-entry selector search in the common case). */
function entryFields(dd: Element): EntryFields {
  const fields: EntryFields = {};
  const first = dd.firstElementChild;
  const meta = first && hasClass(first, 'meta') ? first : dd;
  for (let c = meta.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (c.tagName === 'P') fields.abstract ??= c;
    else if (hasClass(c, 'list-title')) fields.title = c;
    else if (hasClass(c, 'list-authors')) fields.authors = c;
    else if (hasClass(c, 'list-subjects')) fields.subjects = c;
  }
  // Unexpected nesting: fall back to a search inside this entry only.
  fields.title ??= dd.querySelector('.list-title') ?? undefined;
  fields.authors ??= dd.querySelector('.list-authors') ?? undefined;
  fields.subjects ??= dd.querySelector('.list-subjects') ?? undefined;
  return fields;
}

/** A paper from a `<dt>`/`<dd>` pair, or the reason it could not be read. */
function readEntry(dt: Element, dd: Element | undefined): FoundPaper | string {
  let { bare, hasPdf } = idLinks(dt, parseArxivId);
  if (!bare) {
    // No abstract link: the identifier text "arXiv:2301.00001" still names the paper.
    const m = /arXiv:\s*(\S+)/.exec(dt.textContent ?? '');
    bare = m?.[1] ? bareArxivId(m[1]) : undefined;
  }
  if (!bare) return 'no arXiv id in the <dt>';
  if (!dd) return `arxiv:${bare} has no <dd> (title, authors)`;
  const f = entryFields(dd);
  const title = cleanText(f.title, { skip: isDescriptor });
  if (!title) return `arxiv:${bare} has no title`;
  const abstract = f.abstract ? cleanText(f.abstract) : '';
  return arxivPaper(bare, {
    title,
    authors: parseAuthors(f.authors),
    abstract,
    hasPdf,
    categories: parseSubjects(f.subjects),
    element: dt,
  });
}

/** The page-level checks: a listing at all, the page's own total, the sections' promises. */
function pageWarnings(
  root: Element,
  dlCount: number,
  entries: number,
  sectionsWithCount: number,
  sectionPromise: number,
  warnings: string[],
): void {
  if (dlCount === 0) warnings.push('arxiv-list: no listing (<dl>) found on the page');
  const total = pageTotal(root);
  if (total) {
    if (entries === 0 && total.expected > 0) {
      warnings.push(
        `arxiv-list: the page says "${total.text}" but has no entries (truncated or changed page?)`,
      );
    } else if (entries !== total.expected) {
      warnings.push(
        `arxiv-list: the page says "${total.text}" (${total.expected} on this page), found ${entries}`,
      );
    }
  } else if (sectionsWithCount > 0 && entries === 0 && sectionPromise > 0) {
    warnings.push(`arxiv-list: the section headings promise ${sectionPromise} entries but the page has none`);
  }
}

/** The `(showing N of M entries)` check of one section, once its entries are all read. */
function sectionWarning(dl: Element, dts: number): { promised?: number; warning?: string } {
  const heading = sectionHeading(dl);
  const showing = heading ? SHOWING.exec(heading.textContent ?? '') : null;
  if (!showing?.[1] || !heading) return {};
  const n = parseCount(showing[1]) ?? 0;
  return n === dts
    ? { promised: n }
    : {
        promised: n,
        warning: `arxiv-list: section "${collapse(heading.textContent ?? '')}" says ${n} entries, the page has ${dts}`,
      };
}

/** Papers read between two pauses of `extractSteps`. */
const STEP = 100;

function extract(doc: Document, url: URL): Extraction {
  const steps = extractSteps(doc, url);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The whole listing, read by the progressive reader with the document complete, pausing every STEP papers. */
function* extractSteps(doc: Document, url: URL): Generator<void, Extraction, void> {
  const reader = readProgressively(doc, url);
  // A bite ends early only once it holds `STEP` papers: a smaller one means the listing is read.
  while (reader.next(true, STEP).length === STEP) yield;
  return reader.finish();
}

/**
 * Reads the listing while the parser builds it. An entry is complete once the parser has gone past its `<dd>`
 * (something follows it), a section once something follows its `<dl>`; at DOMContentLoaded everything is.
 * Each entry is read once, so reading as the page loads costs what one extraction costs.
 */
function readProgressively(doc: Document, _url: URL): ProgressiveReader {
  const papers: FoundPaper[] = [];
  const warnings: string[] = [];
  let root: Element | null = null;
  let dls: HTMLCollectionOf<HTMLDListElement> | undefined;
  let dlIndex = 0;
  /** The last `<dt>` read in the current `<dl>` (null: none yet). */
  let lastDt: Element | null = null;
  let dts = 0;
  let entries = 0;
  let sectionPromise = 0;
  let sectionsWithCount = 0;
  return {
    next(done, limit = Number.POSITIVE_INFINITY) {
      const out: FoundPaper[] = [];
      // The listing's root appears early in the page; until then there is nothing to read.
      root ??= doc.getElementById('dlpage') ?? (done ? (doc.body ?? doc.documentElement) : null);
      if (!root) return out;
      dls ??= root.getElementsByTagName('dl');
      while (dlIndex < dls.length) {
        const dl = dls[dlIndex] as HTMLDListElement;
        let c = lastDt ? lastDt.nextElementSibling : dl.firstElementChild;
        for (; c !== null; c = c.nextElementSibling) {
          if (c.tagName !== 'DT') continue;
          const dd = c.nextElementSibling;
          // Not complete yet: its <dd> is missing or still being parsed.
          if (!done && (dd === null || (dd.tagName === 'DD' && dd.nextSibling === null))) return out;
          if (out.length >= limit) return out;
          dts++;
          entries++;
          lastDt = c;
          const paper = readEntry(c, dd?.tagName === 'DD' ? dd : undefined);
          if (typeof paper === 'string') warnings.push(`arxiv-list: skipped entry ${entries}: ${paper}`);
          else {
            papers.push(paper);
            out.push(paper);
          }
        }
        // The section may still grow unless the parser has gone past it.
        if (!done && dl.nextSibling === null) return out;
        const section = sectionWarning(dl, dts);
        if (section.promised !== undefined) {
          sectionPromise += section.promised;
          sectionsWithCount++;
        }
        if (section.warning) warnings.push(section.warning);
        dlIndex++;
        lastDt = null;
        dts = 0;
      }
      return out;
    },
    finish() {
      const all = [...warnings];
      const r = root ?? doc.body ?? doc.documentElement;
      if (r) pageWarnings(r, dls?.length ?? 0, entries, sectionsWithCount, sectionPromise, all);
      else all.push('arxiv-list: empty document');
      return { papers, warnings: all };
    },
  };
}

export const arxivList: SiteAdapter = {
  id: 'arxiv-list',
  label: 'arXiv listings',
  patterns: patternsOn(ARXIV_HOSTS, '/list/*'),
  matches: (url) => isArxivHost(url) && LIST_PATH.test(url.pathname),
  entry: 'dt',
  // The `[12] arXiv:… [pdf, other]` line has room at its end.
  slot: (entry) => ({ parent: entry, placement: 'inline' }),
  // The entry is the <dt> (id line) and the <dd> after it (title, authors, abstract).
  extent: (dt) => {
    const dd = dt.nextElementSibling;
    return dd?.tagName === 'DD' ? [dt, dd] : [dt];
  },
  text: 'abstract',
  extract,
  extractSteps,
  readProgressively,
};
