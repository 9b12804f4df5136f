import { describe, expect, it } from 'vitest';
import { arxivAbs } from '../../../lib/sites/arxiv/abs';
import { arxivSearch } from '../../../lib/sites/arxiv/search';
import { paperMeta } from '../../../lib/sites/found';
import { collapse } from '../../../lib/sites/text';
import { cachedPage, entry, loadPage } from './helpers';

const SEARCH = entry('arxiv-search-abstract-distributed-systems-200-2025-12.html');

describe('arXiv search results (200 results, Dec 2025)', () => {
  const extract = (doc: Document) => arxivSearch.extract(doc, new URL(SEARCH.url));
  const byId = (id: string) => extract(cachedPage(SEARCH.file, SEARCH.url)).papers.find((p) => p.id === id);

  it('reads the full abstract without the "△ Less" toggle, highlights as plain text', () => {
    const p = byId('arxiv:2512.03003');
    expect(p && paperMeta(p)).toEqual({
      id: 'arxiv:2512.03003',
      title: 'The role of the top Yukawa coupling in triple Higgs production at the LHC',
      authors: ['Luca Panizzi'],
      abstract:
        'In this letter I quantify the effects of varying the top Yukawa coupling in the process of production of three Higgs bosons at the LHC. Modifications of the coupling within experimentally observed ranges have a sizeable impact on the total cross-section, but do not have large effects on the distributions of the invariant mass of the three-Higgs system and other global observables.',
      url: 'https://arxiv.org/abs/2512.03003',
      pdfUrl: 'https://arxiv.org/pdf/2512.03003',
      categories: ['hep-ph'],
      site: 'arxiv',
    });
    for (const q of extract(cachedPage(SEARCH.file, SEARCH.url)).papers) {
      expect(q.abstract).not.toMatch(/[△▽] (Less|More)|^Abstract:/);
      expect(q.element.tagName).toBe('LI');
    }
  });

  it('puts the primary category (is-link tag) first, then the others, and ignores DOI tags', () => {
    expect(byId('arxiv:2512.02934')?.categories).toEqual(['quant-ph', 'cond-mat.stat-mech']);
    const papers = extract(cachedPage(SEARCH.file, SEARCH.url)).papers;
    for (const p of papers) {
      const primary = p.element.querySelector('.tags span.tag.is-link');
      expect(p.categories[0]).toBe(collapse(primary?.textContent ?? ''));
      expect(p.categories.some((c) => c.startsWith('10.') || c === 'doi')).toBe(false);
    }
    expect(papers.reduce((n, p) => n + p.categories.length, 0)).toBe(344);
  });

  it('keeps the authors the page shows when it cuts the list ("et al. (11 additional authors not shown)")', () => {
    const cut = extract(cachedPage(SEARCH.file, SEARCH.url)).papers.filter((p) =>
      /additional authors not shown/.test(p.element.querySelector('.authors')?.textContent ?? ''),
    );
    expect(cut).toHaveLength(3);
    for (const p of cut) {
      expect(p.authors.at(-1)).not.toMatch(/et al|additional/);
      expect(p.authors).toHaveLength(p.element.querySelectorAll('.authors a').length);
    }
  });

  it('checks the result count against "Showing 1–200 of 77,800 results"', () => {
    const d = loadPage(SEARCH.file, SEARCH.url);
    expect(extract(d).warnings).toEqual([]);
    d.querySelector('li.arxiv-result')?.remove();
    expect(extract(d).warnings).toEqual([
      'arxiv-search: the page says "Showing 1–200 of 77,800 results" (200 on this page), found 199',
    ]);
  });
});

describe('arXiv abstract pages', () => {
  it.each([
    ['arxiv-abs-1706.03762-browse-0.3.4-2026.html', 'Attention Is All You Need', 8, ['cs.CL', 'cs.LG']],
    [
      'arxiv-abs-2004.10162-2020-04.html',
      'EMPIR: Ensembles of Mixed Precision Deep Networks for Increased Robustness against Adversarial Attacks',
      3,
      ['cs.LG', 'cs.CV', 'stat.ML'],
    ],
    [
      'arxiv-abs-2106.09608-2021-12.html',
      'Learning Knowledge Graph-based World Models of Textual Environments',
      2,
      ['cs.LG', 'cs.AI', 'cs.CL'],
    ],
  ])('%s', (file, title, authors, categories) => {
    const page = entry(file);
    const doc = cachedPage(page.file, page.url);
    const { papers, warnings } = arxivAbs.extract(doc, new URL(page.url));
    expect(warnings).toEqual([]);
    expect(papers).toHaveLength(1);
    const p = papers[0];
    expect(p?.title).toBe(title);
    expect(p?.authors).toHaveLength(authors);
    expect(p?.categories).toEqual(categories);
    expect(p?.element).toBe(doc.getElementById('abs'));
    // The visible abstract agrees with the citation_abstract meta where the page has one.
    const meta = doc.querySelector('meta[name="citation_abstract"]')?.getAttribute('content');
    if (meta) expect(p?.abstract).toBe(collapse(meta));
    expect(p?.abstract).not.toMatch(/^Abstract:/);
    expect(p?.title).toBe(
      collapse(doc.querySelector('meta[name="citation_title"]')?.getAttribute('content') ?? ''),
    );
  });

  it('reads the same paper at a versioned URL, and names it without the version', () => {
    const page = entry('arxiv-abs-1706.03762-browse-0.3.4-2026.html');
    const { papers, warnings } = arxivAbs.extract(
      cachedPage(page.file, page.url),
      new URL('https://arxiv.org/abs/1706.03762v7'),
    );
    expect(warnings).toEqual([]);
    expect(papers[0]?.id).toBe('arxiv:1706.03762');
    expect(papers[0]?.url).toBe('https://arxiv.org/abs/1706.03762');
    expect(papers[0]?.pdfUrl).toBe('https://arxiv.org/pdf/1706.03762');
  });

  it('warns when the URL and the page name different papers, and keeps the paper the page shows', () => {
    const page = entry('arxiv-abs-2004.10162-2020-04.html');
    const r = arxivAbs.extract(cachedPage(page.file, page.url), new URL('https://arxiv.org/abs/2004.10163'));
    expect(r.warnings).toEqual([
      'arxiv-abs: the URL names arxiv:2004.10163 but the page cites arxiv:2004.10162',
    ]);
    expect(r.papers[0]?.id).toBe('arxiv:2004.10162');
  });
});
