/**
 * DBLP: the real search and TOC pages checked against each entry's own COinS (an independent copy of title, first
 * author and year in the same page), and mini pages for what they do not show (a volume's editor entry, entries
 * without ids, an empty result list).
 */
import { describe, expect, it } from 'vitest';
import { paperMeta } from '../../../lib/sites/found';
import { extractPage } from '../../../lib/sites/index';
import { cachedPage, entry, loadPage, parseHtml } from './helpers';

const SEARCH = entry('dblp-search-calefato-2024-01-prettified.html');
const TOC = entry('dblp-conf-toc-at2012-2023-08-reindented.html');

/** The COinS (`span.Z3988`) of an entry as key/values (`rft.au` may repeat). */
function coins(li: Element): [string, string][] {
  const title = li.querySelector('span.Z3988')?.getAttribute('title') ?? '';
  return title.split('&').map((kv) => {
    const [k = '', v = ''] = kv.split('=');
    return [k, decodeURIComponent(v.replace(/\+/g, ' '))];
  });
}

function run(html: string, url: string) {
  const doc = parseHtml(html, url);
  const before = doc.documentElement.outerHTML;
  const r = extractPage(doc, url);
  expect(doc.documentElement.outerHTML).toBe(before);
  return r;
}

/** A DBLP entry in the markup of the saved pages (trimmed to what the reader uses). */
const li = (o: {
  key?: string;
  cls?: string;
  ee?: string;
  title: string;
  authors?: string[];
  date?: string;
}) =>
  `<li class="entry ${o.cls ?? 'inproceedings'}"${o.key ? ` id="${o.key}"` : ''} itemscope itemtype="http://schema.org/ScholarlyArticle">
   <nav class="publ"><ul><li class="drop-down"><div class="head">${o.ee ? `<a href="${o.ee}">ee</a>` : ''}</div></li></ul></nav>
   <cite class="data tts-content" itemprop="headline">${(o.authors ?? ['Ada Lovelace'])
     .map(
       (a) =>
         `<span itemprop="author" itemscope><a href="https://dblp.org/pid/00/1.html"><span itemprop="name">${a}</span></a></span>`,
     )
     .join(
       ', ',
     )}:<br> <span class="title" itemprop="name">${o.title}</span>${o.date ? ` <span itemprop="datePublished">${o.date}</span>` : ''}</cite></li>`;

describe('dblp-search on the real search page', () => {
  const doc = cachedPage(SEARCH.file, SEARCH.url);
  const { papers, warnings } = extractPage(doc, SEARCH.url);

  it('agrees with every entry COinS: title (without the closing full stop), first author, year', () => {
    expect(papers).toHaveLength(30);
    for (const p of papers) {
      const kv = coins(p.element);
      const get = (k: string) => kv.find(([key]) => key === k)?.[1];
      expect((get('rft.atitle') ?? get('rft.btitle'))?.replace(/\.$/, ''), p.id).toBe(p.title);
      expect(p.authors[0]).toBe(get('rft.au'));
      expect(String(p.year)).toBe(get('rft.date'));
      expect(p.authors).toHaveLength(p.element.querySelectorAll('cite [itemprop="author"]').length);
    }
  });

  it('names papers by DOI or arXiv id (from the ee links), the dblp key (the entry id) in altIds', () => {
    for (const p of papers) {
      const key = `dblp:${p.element.id}`;
      expect(p.id === key ? p.altIds : p.altIds?.[0]).toBe(p.id === key ? undefined : key);
    }
    const byKey = (k: string) => papers.find((p) => p.element.id === k);
    expect(byKey('conf/esem/CalefatoQLK23')?.id).toBe('doi:10.1109/esem56168.2023.10304796');
    // CoRR entries: arXiv's own DOI or a direct arXiv link both name the arXiv paper.
    expect(byKey('journals/corr/abs-2303-14702')?.id).toBe('arxiv:2303.14702');
    expect(byKey('journals/corr/abs-2202-07233')?.id).toBe('arxiv:2202.07233');
    // An entry whose only ee is a CEUR PDF keeps its dblp key as id, and the PDF as pdfUrl.
    const ceur = byKey('conf/aiia/QuarantaCL21');
    expect(ceur && paperMeta(ceur)).toMatchObject({
      id: 'dblp:conf/aiia/QuarantaCL21',
      url: 'http://ceur-ws.org/Vol-3078/paper-81.pdf',
      pdfUrl: 'http://ceur-ws.org/Vol-3078/paper-81.pdf',
      venue: 'DP@AI*IA',
    });
    expect(ceur?.altIds).toBeUndefined();
  });

  it('keeps titles that end with "?" whole, and reads names without the homonym number', () => {
    expect(papers.find((p) => p.element.id === 'journals/tse/KuhrmannTHKMLPF22')?.title).toBe(
      'What Makes Agile Software Development Agile?',
    );
    // <span itemprop="name" title="Gustavo López 0001">Gustavo López</span>
    expect(papers.flatMap((p) => p.authors)).toContain('Gustavo López');
    expect(papers.flatMap((p) => p.authors).some((a) => /\d/.test(a))).toBe(false);
  });

  it('gives no warning for "found 129 matches" with 30 shown, one when the page shows none', () => {
    expect(warnings).toEqual([]);
    const empty = loadPage(SEARCH.file, SEARCH.url);
    for (const el of empty.querySelectorAll('li.entry')) el.remove();
    expect(extractPage(empty, SEARCH.url)).toEqual({
      adapter: 'dblp-search',
      papers: [],
      warnings: [
        'dblp-search: the page says "found 129 matches" but has no entries (changed or truncated page?)',
      ],
    });
  });

  it('takes the year from the li.year separator when the entry has no date', () => {
    const d = loadPage(SEARCH.file, SEARCH.url);
    for (const el of d.querySelectorAll('[itemprop="datePublished"]')) el.removeAttribute('itemprop');
    const got = extractPage(d, SEARCH.url).papers;
    expect(got.map((p) => p.year)).toEqual(papers.map((p) => p.year));
  });
});

describe('dblp-list on the real TOC page', () => {
  it('reads the 56 papers with their dblp keys, the CEUR PDF (head icon link) and the year meta', () => {
    const { papers, warnings } = extractPage(cachedPage(TOC.file, TOC.url), TOC.url);
    expect(warnings).toEqual([]);
    expect(papers).toHaveLength(56);
    for (const p of papers) {
      expect(p.id).toBe(`dblp:${p.element.id}`);
      expect(p.pdfUrl).toMatch(/^https:\/\/ceur-ws\.org\/Vol-918\/.+\.pdf$/);
      expect(p.year).toBe(2012);
      const kv = coins(p.element);
      expect(kv.find(([k]) => k === 'rft.atitle')?.[1]).toBe(`${p.title}.`);
    }
  });
});

describe('dblp mini pages', () => {
  const TOC_URL = 'https://dblp.org/db/conf/xyz/xyz2024.html';

  it("skips a proceedings volume's own entry (li.entry.editor), keeps the papers", () => {
    const r = run(
      `<header class="h2"><h2>Front matter</h2></header><ul class="publ-list">
       ${li({ key: 'conf/xyz/2024', cls: 'editor', title: 'Proceedings of XYZ 2024.', date: '2024' })}
       ${li({ key: 'conf/xyz/Lovelace24', ee: 'https://doi.org/10.1000/XYZ.1', title: 'Notes on the Engine.', date: '2024' })}
       </ul>`,
      TOC_URL,
    );
    expect(r.adapter).toBe('dblp-list');
    expect(r.warnings).toEqual([]);
    expect(r.papers.map(paperMeta)).toEqual([
      {
        id: 'doi:10.1000/xyz.1',
        title: 'Notes on the Engine',
        authors: ['Ada Lovelace'],
        url: 'https://doi.org/10.1000/XYZ.1',
        categories: [],
        site: 'dblp',
        altIds: ['dblp:conf/xyz/Lovelace24'],
        year: 2024,
      },
    ]);
    // A TOC with only the volume's entry promises papers and has none.
    expect(
      run(`<ul class="publ-list">${li({ key: 'conf/xyz/2024', cls: 'editor', title: 'P.' })}</ul>`, TOC_URL)
        .warnings,
    ).toEqual(['dblp-list: no paper among the 1 entries']);
  });

  it('skips an entry without any id or title with its index', () => {
    const r = run(
      `<ul class="publ-list"><li class="year">2024</li>
       ${li({ title: 'No key, no link.' })}
       ${li({ key: 'journals/xyz/Turing24', title: '' })}
       ${li({ key: 'journals/xyz/Hopper24', title: 'Kept.', authors: ['Grace Hopper', 'Ada Lovelace'] })}</ul>`,
      TOC_URL,
    );
    expect(r.adapter).toBe('dblp-list');
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.year, p.url])).toEqual([
      [
        'dblp:journals/xyz/Hopper24',
        'Kept',
        ['Grace Hopper', 'Ada Lovelace'],
        2024,
        'https://dblp.org/rec/journals/xyz/Hopper24.html',
      ],
    ]);
    expect(r.warnings).toEqual([
      'dblp-list: skipped entry 1: no DOI, arXiv link or dblp key (id="")',
      'dblp-list: skipped entry 2: dblp:journals/xyz/Turing24 has no title',
    ]);
  });

  it('warns on a publication list without entries; none on a search without matches', () => {
    expect(run('<ul class="publ-list"></ul>', TOC_URL).warnings).toEqual([
      'dblp-list: the page has a publication list but no entries (changed or truncated page?)',
    ]);
    expect(
      run('<p id="completesearch-info-matches">found no matches</p>', 'https://dblp.org/search?q=zzzz')
        .warnings,
    ).toEqual([]);
  });
});
