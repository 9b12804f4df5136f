import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arxivList } from '../../../lib/sites/arxiv/list';
import { paperMeta } from '../../../lib/sites/found';
import { collapse } from '../../../lib/sites/text';
import { cachedPage, entry, loadPage, manifest, parseHtml, SHARED_FIXTURES } from './helpers';

const MATHJAX_PAGE = entry('arxiv-astro-ph-pastweek-2024-11-22.html');
const OLD_2022 = entry('arxiv-astro-ph.CO-pastweek-2022-11-14-old-markup.html');
const TRUNCATED = entry('truncated-response.html');
const EMPTY_MONTH = entry('arxiv-list-cs-9101-monthly-empty-2024-06-new-markup-reindented.html');
const MONTH_SHOW3 = entry('arxiv-list-cs-2301-monthly-show3-2024-06-new-markup-reindented.html');
const NEW_0724 = entry('arxiv-cs.LG-new-2026-07-24.html');
const NEW_2000 = entry('arxiv-cs.LG-new-2000-entries.html');

function extract(doc: Document, url: string) {
  return arxivList.extract(doc, new URL(url));
}

/** The heading of the listing section a <dt> is in (2024 markup: the <h3> inside its <dl>). */
function sectionOf(dt: Element): string {
  const h3 = dt.parentElement?.querySelector(':scope > h3');
  return collapse(h3?.textContent ?? '');
}

describe('browser-saved page with MathJax rendered (astro-ph pastweek 2024-11-22)', () => {
  const doc = () => cachedPage(MATHJAX_PAGE.file, MATHJAX_PAGE.url);

  it('restores the TeX source of every rendered formula in titles', () => {
    const { papers } = extract(doc(), MATHJAX_PAGE.url);
    let withMath = 0;
    for (const p of papers) {
      const scripts =
        p.element.nextElementSibling?.querySelectorAll('.list-title script[type^="math/tex"]') ?? [];
      for (const s of scripts) expect(p.title).toContain(`$${s.textContent}$`);
      if (scripts.length > 0) withMath++;
      expect(p.title).not.toMatch(/MathJax|\u2212/); // rendered minus signs come only from MathJax output
    }
    expect(withMath).toBe(25); // 30 formulas in 25 titles
    const byId = new Map(papers.map((p) => [p.id, p.title]));
    expect(byId.get('arxiv:2411.14189')).toBe(
      'Reevaluating $H_0$ Tension with Non-Planck CMB and DESI BAO Joint Analysis',
    );
    expect(byId.get('arxiv:2411.10537')).toBe(
      'EELG1002: A Record-Breaking [OIII]+H$\\beta$ EW $\\sim 3700$\\AA~Galaxy at $z \\sim 0.8$ -- Analog of Early Galaxies?',
    );
    expect(byId.get('arxiv:2411.14273')).toBe(
      'Examining the evolution of the Supersoft X-ray Source RX J$0513.9-6951$',
    );
  });

  it('gives the same papers as the raw server form of the same page (MathJax output replaced by its $TeX$)', () => {
    // Rebuild the raw form: where the browser put preview + rendering + <script type="math/tex">, the server sent
    // "$tex$" as text (MathJax v2 keeps the source between the delimiters verbatim).
    const raw = loadPage(MATHJAX_PAGE.file, MATHJAX_PAGE.url);
    for (const script of [...raw.querySelectorAll('script[type^="math/tex"]')]) {
      const frame = script.previousElementSibling;
      const preview = frame?.previousElementSibling;
      if (preview?.classList.contains('MathJax_Preview')) preview.remove();
      if (frame?.classList.contains('MathJax')) frame.remove();
      script.replaceWith(raw.createTextNode(`$${script.textContent}$`));
    }
    expect(raw.querySelectorAll('.MathJax, .MathJax_Preview, script[type^="math/tex"]')).toHaveLength(0);
    const fromRaw = extract(raw, MATHJAX_PAGE.url).papers.map(paperMeta);
    const fromRendered = extract(doc(), MATHJAX_PAGE.url).papers.map(paperMeta);
    expect(fromRaw).toHaveLength(397);
    expect(fromRendered).toEqual(fromRaw);
  });

  it('checks the day sections against their "(showing N of N entries)" headings', () => {
    const { papers, warnings } = extract(doc(), MATHJAX_PAGE.url);
    expect(warnings).toEqual([]);
    const perSection = new Map<string, number>();
    for (const p of papers)
      perSection.set(sectionOf(p.element), (perSection.get(sectionOf(p.element)) ?? 0) + 1);
    expect([...perSection.entries()]).toEqual([
      ['Fri, 22 Nov 2024 (showing 75 of 75 entries )', 75],
      ['Thu, 21 Nov 2024 (showing 67 of 67 entries )', 67],
      ['Wed, 20 Nov 2024 (showing 94 of 94 entries )', 94],
      ['Tue, 19 Nov 2024 (showing 101 of 101 entries )', 101],
      ['Mon, 18 Nov 2024 (showing 60 of 60 entries )', 60],
    ]);
  });

  it('warns when a section and the page total disagree with the entries found', () => {
    const d = loadPage(MATHJAX_PAGE.file, MATHJAX_PAGE.url);
    const dt = d.querySelectorAll('dl#articles')[1]?.querySelector('dt');
    dt?.nextElementSibling?.remove();
    dt?.remove();
    const { papers, warnings } = extract(d, MATHJAX_PAGE.url);
    expect(papers).toHaveLength(396);
    expect(warnings).toEqual([
      'arxiv-list: section "Thu, 21 Nov 2024 (showing 67 of 67 entries )" says 67 entries, the page has 66',
      'arxiv-list: the page says "Total of 397 entries" (397 on this page), found 396',
    ]);
  });

  it('reads cross-lists with their own primary category first', () => {
    const { papers } = extract(doc(), MATHJAX_PAGE.url);
    const cross = papers.filter((p) => /cross-list from/.test(p.element.textContent ?? ''));
    expect(cross).toHaveLength(63);
    for (const p of cross) {
      const from = /cross-list from (\S+)\)/.exec(p.element.textContent ?? '')?.[1];
      expect(p.categories[0]).toBe(from);
    }
  });
});

describe('pre-2024 markup (astro-ph.CO pastweek, raw server HTML)', () => {
  it('reads the first entries exactly, without descriptors or affiliations', () => {
    const { papers } = extract(cachedPage(OLD_2022.file, OLD_2022.url), OLD_2022.url);
    expect(papers.slice(0, 2).map(paperMeta)).toEqual([
      {
        id: 'arxiv:2211.06393',
        title: 'Using machine learning to compress the matter transfer function $T(k)$',
        authors: ['J. Bayron Orjuela-Quintana', 'Savvas Nesseris', 'Wilmar Cardona'],
        url: 'https://arxiv.org/abs/2211.06393',
        pdfUrl: 'https://arxiv.org/pdf/2211.06393',
        categories: ['astro-ph.CO', 'gr-qc'],
        site: 'arxiv',
      },
      {
        id: 'arxiv:2211.06380',
        title: 'Probing Axions through Tomography of Anisotropic Cosmic Birefringence',
        authors: ['Alessandro Greco', 'Nicola Bartolo', 'Alessandro Gruppuso'],
        url: 'https://arxiv.org/abs/2211.06380',
        pdfUrl: 'https://arxiv.org/pdf/2211.06380',
        categories: ['astro-ph.CO'],
        site: 'arxiv',
      },
    ]);
    const cross = papers.find((p) => p.id === 'arxiv:2211.06405');
    expect(cross?.categories[0]).toBe('gr-qc');
    expect(cross?.element.querySelector('.list-identifier')).not.toBeNull();
  });

  it('lists every paper once: a cross-listed paper is one entry, not a new one plus a cross-list', () => {
    for (const page of manifest().filter((p) => p.adapter === 'arxiv-list')) {
      const ids = extract(cachedPage(page.file, page.url), page.url).papers.map((p) => p.id);
      expect(new Set(ids).size, page.file).toBe(ids.length);
    }
  });
});

describe('page counts', () => {
  it('reports the real truncated response (header promises 93, body has none)', () => {
    const r = extract(cachedPage(TRUNCATED.file, TRUNCATED.url), TRUNCATED.url);
    expect(r.papers).toEqual([]);
    expect(r.warnings).toEqual([
      'arxiv-list: the page says "total of 93 entries" but has no entries (truncated or changed page?)',
    ]);
  });

  it('gives 0 papers and no warning for an empty month', () => {
    expect(extract(cachedPage(EMPTY_MONTH.file, EMPTY_MONTH.url), EMPTY_MONTH.url)).toEqual({
      papers: [],
      warnings: [],
    });
  });

  it('compares with the current page range, not the grand total, when paged', () => {
    const ok = extract(cachedPage(MONTH_SHOW3.file, MONTH_SHOW3.url), MONTH_SHOW3.url);
    expect(ok.papers.map((p) => p.id)).toEqual(['arxiv:2301.00001', 'arxiv:2301.00002', 'arxiv:2301.00003']);
    expect(ok.warnings).toEqual([]);
    const d = loadPage(MONTH_SHOW3.file, MONTH_SHOW3.url);
    d.querySelector('dd')?.remove();
    const r = extract(d, MONTH_SHOW3.url);
    expect(r.papers).toHaveLength(2);
    expect(r.warnings).toEqual([
      'arxiv-list: skipped entry 1: arxiv:2301.00001 has no <dd> (title, authors)',
    ]);
    d.querySelector('dt')?.remove();
    expect(extract(d, MONTH_SHOW3.url).warnings).toEqual([
      'arxiv-list: the page says "Total of 5649 entries" (3 on this page), found 2',
    ]);
  });
});

describe('generated /new pages (2024 markup with abstracts)', () => {
  it.each([
    [NEW_0724, { 'New submissions': 96, 'Cross submissions': 1, 'Replacement submissions': 15 }],
    [NEW_2000, { 'New submissions': 781, 'Cross submissions': 1089, 'Replacement submissions': 130 }],
  ])('$file: sections, cross-lists and abstracts match the page', (page, sections) => {
    const { papers, warnings } = extract(cachedPage(page.file, page.url), page.url);
    expect(warnings).toEqual([]);
    const counts: Record<string, number> = {};
    for (const p of papers) {
      const section = sectionOf(p.element).replace(/ \(showing .*$/, '');
      counts[section] = (counts[section] ?? 0) + 1;
      const text = collapse(p.element.textContent ?? '');
      if (section === 'Cross submissions') {
        expect(text).toContain(`(cross-list from ${p.categories[0]})`);
        expect(p.categories[0]).not.toBe('cs.LG');
        expect(p.categories).toContain('cs.LG');
      } else {
        expect(p.categories[0]).toBe('cs.LG');
        expect(text.includes('(replaced)')).toBe(section === 'Replacement submissions');
      }
      const abstract = p.element.nextElementSibling?.querySelector('p.mathjax');
      expect(p.abstract).toBe(collapse(abstract?.textContent ?? ''));
      expect(p.abstract?.length).toBeGreaterThan(100);
    }
    expect(counts).toEqual(sections);
  });

  const jsonl = `${SHARED_FIXTURES}generated/arxiv-cs.LG-metadata-2026-05-12..07-24.jsonl`;
  it.skipIf(!existsSync(jsonl))(
    'agree with the metadata they were built from (ids, titles, authors, abstracts)',
    () => {
      interface Row {
        id: string;
        title: string;
        authors: string[];
        categories: string[];
        summary: string;
        day: string;
      }
      const rows = readFileSync(jsonl, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Row);
      const byId = new Map(rows.map((r) => [`arxiv:${r.id}`, r]));
      const cs = rows.filter((r) => r.categories.includes('cs.LG'));
      for (const [page, ids] of [
        [NEW_2000, cs.slice(0, 2000).map((r) => `arxiv:${r.id}`)],
        [NEW_0724, cs.filter((r) => r.day === '2026-07-24').map((r) => `arxiv:${r.id}`)],
      ] as const) {
        const papers = extract(cachedPage(page.file, page.url), page.url).papers;
        expect(papers).toHaveLength(ids.length);
        expect(new Set(papers.map((p) => p.id))).toEqual(new Set(ids));
        for (const p of papers) {
          const r = byId.get(p.id);
          expect(r, p.id).toBeDefined();
          if (!r) continue;
          expect(p.title, p.id).toBe(collapse(r.title));
          expect(p.authors, p.id).toEqual(r.authors.map(collapse));
          expect(p.abstract, p.id).toBe(collapse(r.summary));
          expect(p.categories, p.id).toEqual(r.categories);
          expect(p.url).toBe(`https://arxiv.org/abs/${r.id}`);
        }
      }
    },
  );
});

describe('entries the page repeats', () => {
  it('keeps a paper listed in two sections as two entries with their own elements', () => {
    const item = (n: number) =>
      `<dt><a name='item${n}'>[${n}]</a><a href ="/abs/2401.00001" title="Abstract" id="2401.00001">arXiv:2401.00001</a></dt>
       <dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> Same paper</div>
       <div class='list-authors'><a href="/a/x">A. Author</a></div></div></dd>`;
    const doc = parseHtml(
      `<div id='dlpage'><dl id='articles'><h3>New submissions (showing 1 of 1 entries)</h3>${item(1)}</dl>
       <dl id='articles'><h3>Cross submissions (showing 1 of 1 entries)</h3>${item(2)}</dl></div>`,
      'https://arxiv.org/list/cs.LG/new',
    );
    const r = extract(doc, 'https://arxiv.org/list/cs.LG/new');
    expect(r.warnings).toEqual([]);
    expect(r.papers.map((p) => p.id)).toEqual(['arxiv:2401.00001', 'arxiv:2401.00001']);
    expect(r.papers[0]?.element).not.toBe(r.papers[1]?.element);
  });
});
