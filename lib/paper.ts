/** The sites PaperSift reads. A paper's `site` is where this copy of its metadata was seen. */
export const SITES = ['arxiv', 'huggingface'] as const;
export type SiteId = (typeof SITES)[number];

/**
 * A paper's metadata as a page shows it: what a site adapter extracts, what the content script sends to the
 * background and what the database keeps. Plain data (structured-clone safe), no DOM.
 */
export interface PaperMeta {
  /** Canonical id: `arxiv:<id without version>` for arXiv papers (also when seen on Hugging Face), else `<scheme>:<id>`. */
  id: string;
  /** Clean text: whitespace collapsed, no markup, MathJax rendering removed. */
  title: string;
  authors: string[];
  /** Present only when the page shows the abstract. */
  abstract?: string;
  /** The paper's page (absolute URL). */
  url: string;
  pdfUrl?: string;
  /** Subject categories as shown, primary first (e.g. `cs.LG`); empty when the page shows none. */
  categories: string[];
  site: SiteId;
}
