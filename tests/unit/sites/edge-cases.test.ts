/**
 * Hand-written mini pages for edge cases the real pages do not show (they add to the real pages, never replace
 * them): malformed markup, missing fields, broken JSON, entries without links. Each must give warnings, never an
 * exception, and keep the readable entries.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../lib/sites/index';
import { parseHtml } from './helpers';

const LIST = 'https://arxiv.org/list/cs.LG/new';
const SEARCH = 'https://arxiv.org/search/?query=x&searchtype=all';
const ABS = 'https://arxiv.org/abs/2401.00001';
const DAILY = 'https://huggingface.co/papers';
const HF_PAPER = 'https://huggingface.co/papers/2401.00001';

function run(html: string, url: string) {
  const doc = parseHtml(html, url);
  const before = doc.documentElement.outerHTML;
  const r = extractPage(doc, url);
  expect(doc.documentElement.outerHTML).toBe(before);
  return r;
}

const dt = (id: string, n = 1) =>
  `<dt><a name='item${n}'>[${n}]</a> <a href ="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a> [<a href="/pdf/${id}">pdf</a>]</dt>`;
const dd = (title: string, extra = '') =>
  `<dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> ${title}</div><div class='list-authors'><a href="/a/a_1">Ada Lovelace</a>, <a href="/a/b_1">Alan Turing</a></div><div class='list-subjects'><span class='descriptor'>Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span>; Artificial Intelligence (cs.AI)</div>${extra}</div></dd>`;

describe('arxiv-list mini pages', () => {
  it('skips an entry without an abstract link or id, with its index', () => {
    const r = run(
      `<div id='dlpage'><dl id='articles'><h3>New submissions (showing 3 of 3 entries)</h3>
       ${dt('2401.00001', 1)}${dd('First')}
       <dt><a name='item2'>[2]</a> [<a href="/format/x">other</a>]</dt>${dd('No link')}
       ${dt('2401.00003', 3)}${dd('Third', "<p class='mathjax'>An   abstract.</p>")}</dl></div>`,
      LIST,
    );
    expect(r.adapter).toBe('arxiv-list');
    expect(r.papers.map((p) => [p.id, p.title, p.abstract])).toEqual([
      ['arxiv:2401.00001', 'First', undefined],
      ['arxiv:2401.00003', 'Third', 'An abstract.'],
    ]);
    expect(r.papers[0]?.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(r.papers[0]?.categories).toEqual(['cs.LG', 'cs.AI']);
    expect(r.warnings).toEqual(['arxiv-list: skipped entry 2: no arXiv id in the <dt>']);
  });

  it('uses the "arXiv:ID" text when the abstract link is missing, skips an entry without title or dd', () => {
    const r = run(
      `<div id='dlpage'><dl>
       <dt><span class="list-identifier">arXiv:2401.00001</span></dt>${dd('Text id')}
       ${dt('2401.00002', 2)}<dd><div class='meta'><div class='list-title'><span class='descriptor'>Title:</span></div></div></dd>
       ${dt('2401.00003', 3)}
       ${dt('2401.00004', 4)}${dd('Last')}</dl></div>`,
      LIST,
    );
    expect(r.papers.map((p) => p.id)).toEqual(['arxiv:2401.00001', 'arxiv:2401.00004']);
    expect(r.papers[0]?.pdfUrl).toBeUndefined();
    expect(r.warnings).toEqual([
      'arxiv-list: skipped entry 2: arxiv:2401.00002 has no title',
      'arxiv-list: skipped entry 3: arxiv:2401.00003 has no <dd> (title, authors)',
    ]);
  });

  it('survives malformed markup (unclosed tags, stray elements) and still reads the entries', () => {
    const r = run(
      `<div id='dlpage'><small>[ total of 2 entries: <b>1-2</b> ]</small><h3>Mon, 1 Jan 2024</h3><dl>
       <dt><a href="/abs/2401.00001">arXiv:2401.00001<dd><div class="meta"><div class="list-title">Unclosed <b>bold title
       <dt><a href="/abs/hep-th/9901001v2">arXiv:hep-th/9901001</a><dd><div class="list-title">Old id</div><div class="list-authors">Ada Lovelace, Alan Turing</div>`,
      LIST,
    );
    expect(r.papers.map((p) => [p.id, p.title])).toEqual([
      ['arxiv:2401.00001', 'Unclosed bold title'],
      ['arxiv:hep-th/9901001', 'Old id'],
    ]);
    expect(r.papers[1]?.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(r.warnings).toEqual([]);
  });

  it('warns when the page total promises entries the listing does not have', () => {
    const r = run(
      `<div id='dlpage'><div class='paging'>Total of 25 entries : <span>1-25</span> <a href="?skip=25">26-50</a></div>
       <dl id='articles'>${dt('2401.00001')}${dd('Only one')}</dl></div>`,
      LIST,
    );
    expect(r.papers).toHaveLength(1);
    expect(r.warnings).toEqual([
      'arxiv-list: the page says "Total of 25 entries" (25 on this page), found 1',
    ]);
  });

  it('warns when section headings promise entries and there are none, or when there is no listing at all', () => {
    expect(
      run(
        `<div id='dlpage'><dl id='articles'><h3>New submissions (showing 4 of 4 entries)</h3></dl></div>`,
        LIST,
      ).warnings,
    ).toEqual([
      'arxiv-list: section "New submissions (showing 4 of 4 entries)" says 4 entries, the page has 0',
      'arxiv-list: the section headings promise 4 entries but the page has none',
    ]);
    expect(run('<html><body><p>Service unavailable</p></body></html>', LIST)).toEqual({
      adapter: 'arxiv-list',
      papers: [],
      warnings: ['arxiv-list: no listing (<dl>) found on the page'],
    });
  });
});

describe('arxiv-search mini pages', () => {
  it('skips a result without an arXiv link, reads one without abstract or tags', () => {
    const r = run(
      `<main><h1 class="title">Showing 1&ndash;2 of 2 results</h1><ol>
       <li class="arxiv-result"><p class="list-title"><a href="https://example.com/x">x</a></p><p class="title">Lost</p></li>
       <li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/2401.00002">arXiv:2401.00002</a></p>
       <p class="title is-5 mathjax">Bare <span class="search-hit">result</span></p><p class="authors"><span>Authors:</span> <a href="/s">A. B</a>, </p></li>
       </ol></main>`,
      SEARCH,
    );
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.abstract, p.categories, p.pdfUrl])).toEqual([
      ['arxiv:2401.00002', 'Bare result', ['A. B'], undefined, [], undefined],
    ]);
    expect(r.warnings).toEqual(['arxiv-search: skipped result 1: no arXiv id link']);
  });

  it('warns on an empty result page that promises results; none for "no results"', () => {
    expect(
      run('<h1 class="title">Showing 1&ndash;50 of 1,234 results for all: x</h1>', SEARCH).warnings,
    ).toEqual([
      'arxiv-search: the page says "Showing 1–50 of 1,234 results" but has no results (truncated or changed page?)',
    ]);
    expect(run('<h1 class="title">Sorry, your query returned no results</h1>', SEARCH).warnings).toEqual([]);
  });
});

describe('arxiv-abs mini pages', () => {
  it('warns when there is no title', () => {
    expect(run('<div id="abs"><div class="authors">Nobody</div></div>', ABS)).toEqual({
      adapter: 'arxiv-abs',
      papers: [],
      warnings: ['arxiv-abs: no title (h1.title) on the abstract page'],
    });
  });

  it('reads a page with title only (no abstract, no subjects, no PDF link)', () => {
    const r = run(
      '<div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>Only  a title</h1></div>',
      ABS,
    );
    expect(r.warnings).toEqual([]);
    expect(r.papers.map((p) => ({ ...p, element: p.element.id }))).toEqual([
      {
        id: 'arxiv:2401.00001',
        title: 'Only a title',
        authors: [],
        url: 'https://arxiv.org/abs/2401.00001',
        categories: [],
        site: 'arxiv',
        element: 'abs',
      },
    ]);
  });
});

describe('hf-daily mini pages', () => {
  const card = (id: string, title: string) =>
    `<article><a href="/papers/${id}"><img></a><h3><a href="/papers/${id}">${title}</a></h3></article>`;
  const hydrater = (props: string, cards: string) =>
    `<main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${props}">${cards}</div></main>`;
  const json = (papers: object[]) => JSON.stringify({ dailyPapers: papers }).replaceAll('"', '&quot;');

  it('reports broken JSON and reads the cards; a card without a link is skipped with its index', () => {
    const r = run(
      hydrater(
        '{&quot;dailyPapers&quot;: [',
        `${card('2401.00001', 'One')}<article><h3>No link</h3></article>`,
      ),
      DAILY,
    );
    expect(r.papers.map((p) => [p.id, p.title, p.authors])).toEqual([['arxiv:2401.00001', 'One', []]]);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^hf-daily: data-props of "DailyPapers" is not valid JSON/);
    expect(r.warnings[1]).toBe('hf-daily: skipped card 2: no /papers/<arXiv id> link');
  });

  it('counts JSON items that are not papers, and a dailyPapers that is not a list', () => {
    const r = run(
      hydrater(
        json([
          { paper: { id: '2401.00001', title: ' T  1 ', summary: 'S\n1', authors: [{ name: 'A' }, {}] } },
          { nope: 1 },
        ]),
        card('2401.00001', 'ignored'),
      ),
      DAILY,
    );
    expect(r.papers.map((p) => [p.title, p.authors, p.abstract])).toEqual([['T 1', ['A'], 'S 1']]);
    expect(r.warnings).toEqual(['hf-daily: 1 item(s) of dailyPapers have no paper id or title']);
    expect(run(hydrater('{&quot;dailyPapers&quot;: 3}', card('2401.00001', 'One')), DAILY).warnings).toEqual([
      'hf-daily: the DailyPapers data has no dailyPapers list; papers read from the cards only',
    ]);
  });

  it("reads the search view from searchResults (the day's dailyPapers stay in the data)", () => {
    const props = JSON.stringify({
      dailyPapers: [{ paper: { id: '2401.00009', title: 'Of the day', authors: [] } }],
      searchResults: [
        { paper: { id: '2401.00001', title: 'Found', summary: 'Abs', authors: [{ name: 'A' }] } },
      ],
    }).replaceAll('"', '&quot;');
    const html = hydrater(props, card('2401.00001', 'Found'));
    const r = run(html, 'https://huggingface.co/papers?q=found');
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.abstract])).toEqual([
      ['arxiv:2401.00001', 'Found', ['A'], 'Abs'],
    ]);
    expect(r.warnings).toEqual([]);
    // Without q= the same page is a daily listing: its card has no JSON entry.
    expect(run(html, DAILY).warnings).toEqual([
      'hf-daily: 1 card(s) have no entry in the page data (title from the card only): 2401.00001',
      'hf-daily: 1 paper(s) of the page data have no card: 2401.00009',
    ]);
  });

  it('reports JSON without any card (e.g. stale data after an in-app navigation)', () => {
    const r = run(hydrater(json([{ paper: { id: '2401.00001', title: 'T', authors: [] } }]), ''), DAILY);
    expect(r.papers).toEqual([]);
    expect(r.warnings).toEqual([
      'hf-daily: the page data lists 1 papers, the page shows 0 cards',
      'hf-daily: 1 paper(s) of the page data have no card: 2401.00001',
    ]);
  });
});

describe('hf-paper mini pages', () => {
  it('reads the DOM when there is no hydration data, and warns', () => {
    const r = run(
      `<main><section><h1> A  title </h1><span class="author">Ada Lovelace,</span><span class="author">Alan Turing</span>
       <h2>Abstract</h2><div><div><p>AI summary</p></div><p>The abstract.</p></div></section></main>`,
      HF_PAPER,
    );
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.abstract, p.element.tagName])).toEqual([
      ['arxiv:2401.00001', 'A title', ['Ada Lovelace', 'Alan Turing'], 'The abstract.', 'SECTION'],
    ]);
    expect(r.warnings).toEqual([
      'hf-paper: no data-target="PaperContent" element; paper read from the page text',
    ]);
  });

  it('warns when the data names another paper than the URL, and when there is nothing to read', () => {
    const props = JSON.stringify({ paper: { id: '2401.00002', title: 'Other', authors: [] } }).replaceAll(
      '"',
      '&quot;',
    );
    const r = run(
      `<section><h1>Other</h1><div data-target="PaperContent" data-props="${props}"></div></section>`,
      HF_PAPER,
    );
    expect(r.papers.map((p) => p.id)).toEqual(['arxiv:2401.00002']);
    expect(r.warnings).toEqual([
      'hf-paper: the URL names arxiv:2401.00001 but the page data is for arxiv:2401.00002',
    ]);
    expect(run('<p>nothing</p>', HF_PAPER)).toEqual({
      adapter: 'hf-paper',
      papers: [],
      warnings: [
        'hf-paper: no data-target="PaperContent" element; paper read from the page text',
        'hf-paper: arxiv:2401.00001 has no title',
      ],
    });
  });
});

/** Each URL with the adapter that must handle it (checked against that, never against the result itself). */
const CLAIMS = [
  [LIST, 'arxiv-list'],
  [SEARCH, 'arxiv-search'],
  [ABS, 'arxiv-abs'],
  [DAILY, 'hf-daily'],
  [HF_PAPER, 'hf-paper'],
] as const;

describe('extractPage', () => {
  it('turns an adapter exception into a warning', () => {
    const broken = {
      querySelector: () => {
        throw new Error('boom');
      },
    } as unknown as Document;
    for (const [url, adapter] of CLAIMS) {
      const r = extractPage(broken, url);
      expect(r.adapter).toBe(adapter);
      expect(r.papers).toEqual([]);
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(new RegExp(`^${adapter}: extraction failed: `));
    }
  });

  it('returns nothing for a URL no adapter handles, and a warning for a string that is not a URL', () => {
    const doc = parseHtml('<p>x</p>', 'https://example.com/');
    expect(extractPage(doc, 'https://example.com/list/cs.LG/new')).toEqual({ papers: [], warnings: [] });
    expect(extractPage(doc, 'not a url')).toEqual({ papers: [], warnings: ['not a URL: not a url'] });
  });

  it('also catches a thrown non-Error value', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw 'no DOM here';
        },
      },
    ) as Document;
    for (const [url, adapter] of CLAIMS) {
      // Which adapter handled the URL is checked against the one that claims it, not against itself.
      expect(extractPage(hostile, url)).toEqual({
        adapter,
        papers: [],
        warnings: [`${adapter}: extraction failed: no DOM here`],
      });
    }
  });
});
