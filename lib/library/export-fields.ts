import type { PaperRecord } from '../db/schema';
import { arxivAbsUrl, arxivPdfUrl, bareFromKey, type IdScheme, schemeOf } from '../ids';

// What every export format says about a paper beyond its title and authors: its ids, where to find it, when and
// where it was published. One place, so that BibTeX, RIS, CSV and Markdown agree.

export interface ExportFields {
  /** The bare arXiv id (`2607.20541`) of an arXiv paper, whichever site it was saved from. */
  arxiv?: string;
  /** The DOI (lower-cased, no prefix), from the paper's id or its other ids. */
  doi?: string;
  /** arXiv's abstract page for arXiv papers (not the Hugging Face page they were saved from), else the page seen. */
  url: string;
  pdfUrl?: string;
  /** The year the page gave, else the arXiv id's. */
  year?: number;
  venue?: string;
  /** What a DBLP key tells: `conf/…` a conference paper, `journals/…` an article (CoRR is arXiv); else unknown. */
  kind: 'article' | 'conference' | 'other';
}

/** Year and month of a bare arXiv id: `2607.20519` → 2026-07, `hep-th/9901001` → 1999-01. */
export function arxivDate(bare: string): { year: number; month: number } | undefined {
  const old = bare.includes('/');
  const yymm = old ? bare.slice(bare.indexOf('/') + 1, bare.indexOf('/') + 5) : bare.slice(0, 4);
  if (!/^\d{4}$/.test(yymm)) return undefined;
  const yy = Number(yymm.slice(0, 2));
  const month = Number(yymm.slice(2));
  const year = old && yy >= 91 ? 1900 + yy : 2000 + yy;
  return month >= 1 && month <= 12 ? { year, month } : undefined;
}

/** The first of a paper's ids (its own, then its other ids) of a scheme, without the scheme. */
function idOf(paper: PaperRecord, scheme: IdScheme): string | undefined {
  const id = [paper.id, ...(paper.altIds ?? [])].find((i) => schemeOf(i) === scheme);
  return id?.slice(scheme.length + 1);
}

export function exportFields(paper: PaperRecord): ExportFields {
  const arxiv = bareFromKey(paper.id);
  const doi = idOf(paper, 'doi');
  const dblp = idOf(paper, 'dblp');
  const pdfUrl = paper.pdfUrl ?? (arxiv ? arxivPdfUrl(arxiv) : undefined);
  const year = paper.year ?? (arxiv ? arxivDate(arxiv)?.year : undefined);
  const kind = dblp?.startsWith('conf/')
    ? 'conference'
    : dblp?.startsWith('journals/') && !dblp.startsWith('journals/corr/')
      ? 'article'
      : 'other';
  return {
    ...(arxiv ? { arxiv } : {}),
    ...(doi ? { doi } : {}),
    url: arxiv ? arxivAbsUrl(arxiv) : paper.url,
    ...(pdfUrl ? { pdfUrl } : {}),
    ...(year ? { year } : {}),
    ...(paper.venue ? { venue: paper.venue } : {}),
    kind,
  };
}
