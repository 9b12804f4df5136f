/**
 * ACL Anthology: the 2023 and 2026 person pages (the same author, two markups) must give the same papers; the paper
 * page's ids and fields; mini pages for rows the real pages do not have (edited volumes, rows without links).
 */
import { describe, expect, it } from 'vitest';
import { paperMeta } from '../../../lib/sites/found';
import { extractPage } from '../../../lib/sites/index';
import type { FoundPaper } from '../../../lib/sites/types';
import { cachedPage, entry, loadPage, parseHtml } from './helpers';

const P2023 = entry('acl-anthology-person-page-2023.html');
const P2026 = entry('acl-anthology-person-page-2026-redesign.html');
const PAPER = entry('acl-anthology-paper-page-2021.naacl-main.208-2026-02.html');

const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');

function byId(papers: FoundPaper[]): Map<string, FoundPaper> {
  return new Map(papers.map((p) => [p.id, p]));
}

describe('acl-person on the 2023 and 2026 person pages', () => {
  const old = extractPage(cachedPage(P2023.file, P2023.url), P2023.url);
  const cur = extractPage(cachedPage(P2026.file, P2026.url), P2026.url);

  it('gives the same six papers from both markups (the 2026 page fixed some spacing in one abstract)', () => {
    expect(old.warnings).toEqual([]);
    expect(cur.warnings).toEqual([]);
    const a = byId(old.papers);
    const b = byId(cur.papers);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [id, p] of a) {
      const q = b.get(id);
      expect({ ...paperMeta(p), abstract: squash(p.abstract) }).toEqual({
        ...paperMeta(q as FoundPaper),
        abstract: squash(q?.abstract),
      });
    }
  });

  it('reads each row: year from its <h4>, abstract from the div its "abs" badge names, none without one', () => {
    for (const { papers } of [old, cur]) {
      for (const p of papers) {
        let h4 = p.element.previousElementSibling;
        while (h4 && h4.tagName !== 'H4') h4 = h4.previousElementSibling;
        expect(p.year).toBe(Number(h4?.textContent));
        const abs = p.element.querySelector('a[href^="#abstract-"]');
        expect(p.abstract === undefined).toBe(abs === null);
        expect(p.element.matches('p, div')).toBe(true);
      }
      expect(papers.find((p) => p.id === 'acl:K18-3004')?.abstract).toBeUndefined();
      expect(papers.find((p) => p.id === 'acl:W17-3524')?.abstract).toBe(
        'A fully fledged practical working application for a rule-based NLG system is presented that is able to create non-trivial, human sounding narrative from structured data, in any language and for any topic.',
      );
    }
  });

  it('finds the abstract right after the row when the badge is missing', () => {
    const doc = loadPage(P2026.file, P2026.url);
    for (const a of doc.querySelectorAll('a[href^="#abstract-"]')) a.remove();
    const { papers } = extractPage(doc, P2026.url);
    expect(papers.map((p) => p.abstract)).toEqual(cur.papers.map((p) => p.abstract));
  });

  it('warns when the year headings are there but the paper rows are not', () => {
    const doc = loadPage(P2023.file, P2023.url);
    for (const row of doc.querySelectorAll('.d-sm-flex')) row.remove();
    expect(extractPage(doc, P2023.url).warnings).toEqual([
      'acl-person: the page has year headings but no paper rows (changed or truncated page?)',
    ]);
  });
});

describe('acl-person mini pages', () => {
  const row = (href: string, title: string) =>
    `<div class="d-sm-flex align-items-stretch mb-3"><div class="d-block me-2 list-button-row"><span class="d-inline"><a class="badge" href="${href.replace(/\/$/, '.pdf')}">pdf</a></span></div><span class="d-block"><strong><a class="align-middle" href="${href}">${title}</a></strong><br><a href="/people/ada-lovelace/">Ada Lovelace</a></span></div>`;

  it('skips edited volumes silently and rows without a paper link with a warning', () => {
    const url = 'https://aclanthology.org/people/ada-lovelace/';
    const doc = parseHtml(
      `<section id="main"><h4>2024</h4>${row('/volumes/2024.xyz-1/', 'Proceedings of XYZ')}${row('/faq/', 'Not a paper')}${row('/2024.xyz-1.3/', 'A paper')}</section>`,
      url,
    );
    const r = extractPage(doc, url);
    expect(r.papers.map(paperMeta)).toEqual([
      {
        id: 'acl:2024.xyz-1.3',
        title: 'A paper',
        authors: ['Ada Lovelace'],
        url: 'https://aclanthology.org/2024.xyz-1.3/',
        pdfUrl: 'https://aclanthology.org/2024.xyz-1.3.pdf',
        categories: [],
        site: 'acl',
        year: 2024,
      },
    ]);
    expect(r.warnings).toEqual(['acl-person: skipped row 2: no anthology id in the title link (/faq/)']);
  });
});

describe('acl-paper on the real paper page', () => {
  it('names the paper by its DOI, the anthology id in altIds; reads the details list', () => {
    const { papers, warnings } = extractPage(cachedPage(PAPER.file, PAPER.url), PAPER.url);
    expect(warnings).toEqual([]);
    const p = papers[0];
    expect(p && { ...paperMeta(p), abstract: p.abstract?.slice(0, 40) }).toEqual({
      id: 'doi:10.18653/v1/2021.naacl-main.208',
      title: 'How many data points is a prompt worth?',
      authors: ['Teven Le Scao', 'Alexander Rush'],
      abstract: 'When fine-tuning pretrained models for c',
      url: 'https://aclanthology.org/2021.naacl-main.208/',
      pdfUrl: 'https://aclanthology.org/2021.naacl-main.208.pdf',
      categories: [],
      site: 'acl',
      altIds: ['acl:2021.naacl-main.208'],
      year: 2021,
      venue:
        'Proceedings of the 2021 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies',
    });
    expect(p?.abstract).not.toMatch(/^Abstract/);
    expect(p?.element.id).toBe('main');
  });

  it('falls back to the anthology id without a DOI, and warns when the URL names another paper', () => {
    const doc = loadPage(PAPER.file, PAPER.url);
    for (const m of doc.querySelectorAll('meta[name="citation_doi"]')) m.remove();
    for (const dt of doc.querySelectorAll('dt')) {
      if (dt.textContent === 'DOI:') {
        dt.nextElementSibling?.remove();
        dt.remove();
      }
    }
    let r = extractPage(doc, PAPER.url);
    expect([r.papers[0]?.id, r.papers[0]?.altIds]).toEqual(['acl:2021.naacl-main.208', undefined]);
    r = extractPage(doc, 'https://aclanthology.org/P19-1001/');
    expect(r.warnings).toEqual([
      'acl-paper: the URL names acl:P19-1001 but the page is acl:2021.naacl-main.208',
    ]);
    expect(r.papers[0]?.id).toBe('acl:2021.naacl-main.208');
  });
});
