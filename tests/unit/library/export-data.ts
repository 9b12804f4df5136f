import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PaperRecord } from '../../../lib/db/schema';
import { arxivKey } from '../../../lib/ids';
import type { LibraryItem } from '../../../lib/library/items';

// Real papers for the export tests beyond the 36 of the sample library: the titles with TeX of
// shared/data/papers.jsonl (tests/fixtures/library/tex-titles.jsonl), and papers of other id schemes as their pages
// show them (tests/fixtures/pages: DBLP, ACL Anthology, Semantic Scholar, Google Scholar).

const T = Date.UTC(2026, 6, 1);

function record(p: Partial<PaperRecord> & Pick<PaperRecord, 'id' | 'title' | 'url'>): PaperRecord {
  return {
    authors: [],
    categories: [],
    sites: [],
    firstSeen: T,
    lastSeen: T,
    topics: [],
    scores: {},
    evidence: {},
    ...p,
  };
}

export function item(paper: PaperRecord, notes?: string, tags: string[] = []): LibraryItem {
  return {
    paper,
    ...(notes || tags.length
      ? { user: { id: paper.id, tags, ...(notes ? { notes } : {}), updatedAt: T } }
      : {}),
    addedAt: { default: T },
    savedAt: T,
  };
}

interface TexRow {
  id: string;
  title: string;
  abstract?: string;
  categories: string[];
}

/** The real titles with TeX maths, commands, braces, `&`, `%`, `_`, `#`, `~`, quotes, dashes, accents (122). */
export function texTitlePapers(): PaperRecord[] {
  const file = resolve(import.meta.dirname, '../../fixtures/library/tex-titles.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const row = JSON.parse(line) as TexRow;
      const arxiv = arxivKey(row.id);
      const openreview = row.id.replace(/^openreview:/, '');
      return record({
        id: arxiv ?? row.id,
        title: row.title,
        ...(row.abstract ? { abstract: row.abstract } : {}),
        categories: row.categories,
        url: arxiv
          ? `https://huggingface.co/papers/${row.id}`
          : `https://openreview.net/forum?id=${openreview}`,
      });
    });
}

/** Notes as users write them: line breaks, a blank line, TeX specials, quotes, a formula, accents. */
export const NOTES = [
  'Read §3 first: the bound is O(n^2) — check Lemma 2.',
  'Compare with {DiARC} & \\cite{x}; 50% faster, under_score, #tag ~approx, a < b > c | d; eq. 3 has a stray }',
  '',
  "Second paragraph: ``quoted'' -- Schrödinger's $x$ trick.",
].join('\n');

/** Papers of other id schemes, with what their pages give (ids, title, authors, year, venue, link). */
export const OTHER_SCHEMES: PaperRecord[] = [
  // dblp.org/search?q=calefato: a conference paper (its DOI names it, the DBLP key beside it).
  record({
    id: 'doi:10.1109/esem56168.2023.10304796',
    altIds: ['dblp:conf/esem/CalefatoQLK23'],
    title: 'Assessing the Use of AutoML for Data-Driven Software Engineering',
    authors: ['Fabio Calefato', 'Luigi Quaranta', 'Filippo Lanubile', 'Marcos Kalinowski'],
    year: 2023,
    venue: 'ESEM',
    url: 'https://doi.org/10.1109/ESEM56168.2023.10304796',
  }),
  // The same page: a journal article.
  record({
    id: 'doi:10.1007/s10664-021-10012-6',
    altIds: ['dblp:journals/ese/CalefatoGILS22'],
    title: 'Will you come back to contribute? Investigating the inactivity of OSS core developers in GitHub',
    authors: [
      'Fabio Calefato',
      'Marco Aurélio Gerosa',
      'Giuseppe Iaffaldano',
      'Filippo Lanubile',
      'Igor Steinmacher',
    ],
    year: 2022,
    venue: 'Empir. Softw. Eng.',
    url: 'https://doi.org/10.1007/s10664-021-10012-6',
  }),
  // aclanthology.org/2021.naacl-main.208/
  record({
    id: 'doi:10.18653/v1/2021.naacl-main.208',
    altIds: ['acl:2021.naacl-main.208'],
    title: 'How many data points is a prompt worth?',
    authors: ['Teven Le Scao', 'Alexander M. Rush'],
    year: 2021,
    venue:
      'Proceedings of the 2021 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies',
    url: 'https://aclanthology.org/2021.naacl-main.208/',
    pdfUrl: 'https://aclanthology.org/2021.naacl-main.208.pdf',
  }),
  // semanticscholar.org/paper/…/704dde84…: the page names the DOI.
  record({
    id: 'doi:10.1177/23998083221081530',
    altIds: ['s2:704dde842312c5eabb8c76ecf86b48e9fe68e4fe'],
    title: 'Where the Crosswalk Ends: Mapping Crosswalk Coverage via Satellite Imagery in San Francisco',
    authors: ['Marcel E. Moran'],
    year: 2022,
    venue: 'Environment and Planning B Urban Analytics and City Science',
    url: 'https://www.semanticscholar.org/paper/Where-the-Crosswalk-Ends%3A-Mapping-Crosswalk-via-in-Moran/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
  }),
  // scholar.google.co.jp: a result with no DOI, its link the publisher's page.
  record({
    id: 'scholar:5331804836605365413',
    title: 'Learning deep architectures for AI',
    authors: ['Y Bengio'],
    year: 2009,
    venue: 'Foundations and trends® in Machine Learning',
    url: 'http://dl.acm.org/citation.cfm?id=1658424',
  }),
];
