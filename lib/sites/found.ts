/**
 * How adapters put together what they read: one paper record (its optional fields only where the page gave them),
 * and the papers of a list of entries (an entry that cannot be read becomes a warning).
 */

import type { PaperMeta } from '../paper';
import type { Extraction, FoundPaper } from './types';

/** What an adapter read of one paper: an optional field may be empty (`''`, `[]`, undefined) when the page lacks it. */
export interface PaperFields {
  id: string;
  title: string;
  authors: string[];
  abstract?: string | undefined;
  snippet?: string | undefined;
  url: string;
  pdfUrl?: string | undefined;
  /** Default: none. */
  categories?: string[];
  site: FoundPaper['site'];
  altIds?: string[] | undefined;
  year?: number | undefined;
  venue?: string | undefined;
  element: Element;
}

/** The paper record, its fields in the fixed order of `PaperMeta`, empty optional fields left out. */
export function foundPaper(f: PaperFields): FoundPaper {
  return {
    id: f.id,
    title: f.title,
    authors: f.authors,
    ...(f.abstract ? { abstract: f.abstract } : {}),
    ...(f.snippet ? { snippet: f.snippet } : {}),
    url: f.url,
    ...(f.pdfUrl ? { pdfUrl: f.pdfUrl } : {}),
    categories: f.categories ?? [],
    site: f.site,
    ...(f.altIds && f.altIds.length > 0 ? { altIds: f.altIds } : {}),
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.venue ? { venue: f.venue } : {}),
    element: f.element,
  };
}

/** The paper as plain data, without its entry element (what is sent, stored and printed), in `PaperMeta`'s order. */
export function paperMeta({ element: _element, ...meta }: FoundPaper): PaperMeta {
  return meta;
}

/**
 * The papers of a page's entries, read one by one in page order. An entry `read` cannot read (it gives the reason)
 * becomes the warning "`skipped` N: reason", N counting every entry from 1; one that is not a paper (null) is passed
 * over without a word.
 */
export function readEach<E extends Element>(
  entries: ArrayLike<E>,
  read: (entry: E) => FoundPaper | string | null,
  skipped: string,
): Extraction {
  const papers: FoundPaper[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const paper = read(entries[i] as E);
    if (typeof paper === 'string') warnings.push(`${skipped} ${i + 1}: ${paper}`);
    else if (paper) papers.push(paper);
  }
  return { papers, warnings };
}
