import type { PaperMeta } from '../paper';

/** A paper found on a page, with the root element of its entry (arXiv `<dt>`, Hugging Face `<article>`, ...). */
export interface FoundPaper extends PaperMeta {
  element: Element;
}

export interface Extraction {
  papers: FoundPaper[];
  /** Human-readable problems: a page that promises entries and yields none, counts that disagree, skipped entries. */
  warnings: string[];
}

/**
 * Where PaperSift's tools go in an entry, chosen so that the host page does not move: inline at the end of a line
 * that has room, or as an overlay in a corner of an entry that is already positioned.
 */
export interface Slot {
  parent: Element;
  placement: 'inline' | 'overlay';
}

/** What text an entry carries for the topic model: a whole abstract, a fragment of it, or the title alone. */
export type EntryText = 'abstract' | 'snippet' | 'title';

/**
 * One kind of page on one site (an "adapter"): which URLs it claims, how to read its entries, and where the
 * tools go in them. `extract` is pure: it reads the document (raw server HTML parsed in Node, or the live,
 * script-rendered DOM in the browser) and never modifies it, never throws.
 */
export interface SiteAdapter {
  /** Stable id, e.g. `arxiv-list` (stored with page visits: never renamed). */
  readonly id: string;
  /** What the options page's site health calls it, e.g. "arXiv listings". */
  readonly label: string;
  /**
   * Manifest match patterns covering every URL `matches` claims (the content script runs there, and the extension
   * asks host access for these only). A test checks every claimed fixture URL against them.
   */
  readonly patterns: readonly string[];
  /** Whether this adapter handles the page at `url` (URL only; no document needed). */
  matches(url: URL): boolean;
  /** CSS selector of the entries' root elements: a mutation that adds one of these means new entries. */
  readonly entry: string;
  /** Where the tools go in an entry (`entry` is a root element the adapter returned). */
  slot(entry: Element): Slot;
  /**
   * The nodes that make up an entry, in page order, when it is more than its root element (arXiv's `<dt>` and the
   * `<dd>` after it): "relevant first" moves them together. Default: the root element alone.
   */
  extent?(entry: Element): Element[];
  /** The page is a single-page app that re-renders entries in place: any change may mean other papers. */
  readonly dynamic?: boolean;
  /** What the entries carry, for the README's table and the user's expectations (the model reads each entry's own). */
  readonly text: EntryText;
  extract(doc: Document, url: URL): Extraction;
  /**
   * The same extraction in steps, for pages with thousands of entries: the generator pauses (yields) every few
   * entries so that the caller can let the page run between slices of work; its return value is what `extract`
   * returns. Optional: adapters of short pages have only `extract`.
   */
  extractSteps?(doc: Document, url: URL): Generator<void, Extraction, void>;
  /**
   * Reading while the page is still loading, for listings long enough to be worth it: the reader returns the
   * entries the parser has completed since the last call, and at the end the warnings `extract` would give.
   * Optional.
   */
  readProgressively?(doc: Document, url: URL): ProgressiveReader;
}

export interface ProgressiveReader {
  /**
   * Entries complete in the document and not returned before, in document order. `done`: the document is
   * parsed (DOMContentLoaded), so every entry left is complete. `limit`: at most that many (the rest next time).
   */
  next(done: boolean, limit?: number): FoundPaper[];
  /** After `next(true)`: every paper returned, and the warnings `extract` gives for the document. */
  finish(): Extraction;
}

/**
 * A site PaperSift reads: everything it knows about it, in one module (`lib/sites/<site>/index.ts`). The registry
 * (`registry.ts`) derives the rest: content-script matches, host permissions, the options page's site list, site
 * health, per-site settings, `siteOfUrl`.
 */
export interface Site<Id extends string = string> {
  /** Stable id, stored with papers and settings (never renamed). */
  readonly id: Id;
  /** How the user knows it, e.g. "arXiv". */
  readonly label: string;
  /** Host names of the site (exact, lower-case): a page URL on one of these belongs to this site. */
  readonly hosts: readonly string[];
  /** Its kinds of page. URL claims are disjoint across every adapter of every site. */
  readonly adapters: readonly SiteAdapter[];
}

/** Declares a site (keeps its id's literal type for the registry's `SiteId`). */
export function defineSite<const Id extends string>(site: Site<Id>): Site<Id> {
  return site;
}
