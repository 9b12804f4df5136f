import type { PaperMeta, SiteId } from '../paper';

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
 * One kind of page on one site. `extract` is pure: it reads the document (raw server HTML parsed in Node, or the
 * live, script-rendered DOM in the browser) and never modifies it, never throws.
 */
export interface SiteAdapter {
  /** Stable id, e.g. `arxiv-list`. */
  readonly id: string;
  readonly site: SiteId;
  /** Whether this adapter handles the page at `url` (URL only; no document needed). */
  matches(url: URL): boolean;
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
