import type { SiteId } from './sites/registry';

export type { SiteId } from './sites/registry';

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
  /** Present only when the page shows the whole abstract. */
  abstract?: string;
  /** A fragment of the abstract, where the page shows only that (Google Scholar, Semantic Scholar rows). */
  snippet?: string;
  /** The paper's page (absolute URL). */
  url: string;
  pdfUrl?: string;
  /** Subject categories as shown, primary first (e.g. `cs.LG`); empty when the page shows none. */
  categories: string[];
  /** The site where this copy of its metadata was seen. */
  site: SiteId;
  /** Other canonical ids the page gives for the same paper (a DBLP entry's DOI, …), best first; see lib/ids.ts. */
  altIds?: string[];
  /** Year of publication, where the page shows it. */
  year?: number;
  /** Venue (journal, conference, server) as the page names it. */
  venue?: string;
}
