/**
 * Google Scholar: ids (cluster keys, DOIs in publisher links, arXiv ids in venues), the author line, results without
 * a link or a title, the page's result count, and profiles growing by "Show more". The real pages are run through
 * pages.test.ts; these tests change copies of them to reach the cases the saved pages do not show.
 */
import { describe, expect, it } from 'vitest';
import {
  arxivFromVenue,
  clusterFromKey,
  idFromLink,
  parseByline,
  splitAuthors,
} from '../../../lib/sites/scholar/common';
import { scholarProfile } from '../../../lib/sites/scholar/profile';
import { scholarSearch } from '../../../lib/sites/scholar/search';
import { cachedPage, entry, loadPage } from './helpers';

const SEARCH_2025 = entry('scholar-search-algorithmic-trading-2025-05.html');
const SEARCH_2016 = entry('scholar-2016-search-learning-deep-architectures.html');
const CITATION_2016 = entry('scholar-2016-search-unsupervised-feature-learning.html');
const PROFILE_20 = entry('scholar-citations-profile-2026-02-amIMrIEAAAAJ-20-rows.html');
const PROFILE_5 = entry('scholar-citations-profile-2026-02-P1RwlvoAAAAJ-5-rows.html');
const PROFILE_2020 = entry('scholar-citations-profile-page-2020.html');

const search = (doc: Document, url: string) => scholarSearch.extract(doc, new URL(url));
const profile = (doc: Document, url: string) => scholarProfile.extract(doc, new URL(url));

describe('Scholar ids', () => {
  it('decodes every data-cid of the 2025 page to the cluster id of its own cluster=/cites= links', () => {
    const doc = cachedPage(SEARCH_2025.file, SEARCH_2025.url);
    const results = [...doc.querySelectorAll('div.gs_r[data-cid]')];
    expect(results).toHaveLength(10);
    for (const r of results) {
      const linked =
        /(?:cluster|cites)=(\d+)/.exec(
          r.querySelector('a[href*="cites="], a[href*="cluster="]')?.getAttribute('href') ?? '',
        )?.[1] ??
        // One result has neither link: its data-clk carries the id as d=.
        /[?&;]d=(\d+)/.exec(r.querySelector('h3 a')?.getAttribute('data-clk') ?? '')?.[1];
      expect(clusterFromKey(r.getAttribute('data-cid') ?? '')).toBe(linked);
    }
    // The 2016 pages' keys (in the related:… links) decode the same way.
    expect(clusterFromKey('pYyS8T9g_kkJ')).toBe('5331804836605365413');
    expect(clusterFromKey('0qfs6zbVakoJ')).toBe('5362332738201102290');
    expect(clusterFromKey('not a key')).toBeUndefined();
    expect(clusterFromKey('AAAAAAAAAAAA')).toBeUndefined();
  });

  it('reads a DOI from doi.org and from publisher paths that hold exactly the DOI, an arXiv id from arXiv links', () => {
    expect(idFromLink('https://dl.acm.org/doi/10.1145/3292500.3330919')).toBe('doi:10.1145/3292500.3330919');
    expect(idFromLink('https://dl.acm.org/doi/abs/10.5555/3454287.3455008')).toBe(
      'doi:10.5555/3454287.3455008',
    );
    expect(idFromLink('https://onlinelibrary.wiley.com/doi/full/10.1002/asi.24750')).toBe(
      'doi:10.1002/asi.24750',
    );
    expect(idFromLink('https://royalsocietypublishing.org/doi/pdf/10.1098/rsos.150288?download=true')).toBe(
      'doi:10.1098/rsos.150288',
    );
    expect(idFromLink('https://link.springer.com/article/10.1007/s10614-020-09972-6')).toBe(
      'doi:10.1007/s10614-020-09972-6',
    );
    expect(idFromLink('https://link.springer.com/chapter/10.1007/978-3-030-58452-8_13')).toBe(
      'doi:10.1007/978-3-030-58452-8_13',
    );
    expect(idFromLink('https://link.springer.com/content/pdf/10.1186/s40854-021-00321-6.pdf')).toBe(
      'doi:10.1186/s40854-021-00321-6',
    );
    expect(idFromLink('https://doi.org/10.1177/23998083221081530')).toBe('doi:10.1177/23998083221081530');
    expect(idFromLink('https://arxiv.org/abs/1706.03762v5')).toBe('arxiv:1706.03762');
    expect(idFromLink('https://arxiv.org/pdf/1706.03762')).toBe('arxiv:1706.03762');
    // No DOI in the path, or not only a DOI: nothing guessed.
    expect(idFromLink('https://ieeexplore.ieee.org/abstract/document/10568131/')).toBeUndefined();
    expect(idFromLink('https://www.sciencedirect.com/science/article/pii/S0957417423023084')).toBeUndefined();
    expect(idFromLink('http://dl.acm.org/citation.cfm?id=1658424')).toBeUndefined();
    expect(idFromLink('https://www.mdpi.com/2227-7390/10/12/2037')).toBeUndefined();
    expect(idFromLink('https://example.com/article/10.1007/s10614-020-09972-6')).toBeUndefined();
    expect(idFromLink('https://dl.acm.org/doi/')).toBeUndefined();
    expect(idFromLink(undefined)).toBeUndefined();
  });

  it('takes the arXiv id a venue names', () => {
    expect(arxivFromVenue('arXiv preprint arXiv:2410.03532')).toBe('arxiv:2410.03532');
    expect(arxivFromVenue('CoRR, abs/1206.5538')).toBe('arxiv:1206.5538');
    expect(arxivFromVenue('arXiv preprint arXiv:cs/0112017')).toBe('arxiv:cs/0112017');
    expect(arxivFromVenue('Journal of Human Rights 4 (2), 197-211')).toBeUndefined();
    expect(arxivFromVenue(undefined)).toBeUndefined();
  });
});

describe('Scholar author lines', () => {
  it('splits "authors - venue, year - host" in all its real forms', () => {
    expect(parseByline('Y Bengio - Foundations and trends® in Machine Learning, 2009 - dl.acm.org')).toEqual({
      authors: ['Y Bengio'],
      venue: 'Foundations and trends® in Machine Learning',
      year: 2009,
    });
    expect(parseByline('Y Bengio, AC Courville, P Vincent - CoRR, abs/1206.5538, 2012')).toEqual({
      authors: ['Y Bengio', 'AC Courville', 'P Vincent'],
      venue: 'CoRR, abs/1206.5538',
      year: 2012,
    });
    expect(parseByline('S Sorsen, J Schulz - 2022 - aisel.aisnet.org')).toEqual({
      authors: ['S Sorsen', 'J Schulz'],
      year: 2022,
    });
    expect(
      parseByline('A Sari, MA Gavcar, S Aplay… - 2025 IEEE International …, 2025 - ieeexplore.ieee.org'),
    ).toEqual({
      authors: ['A Sari', 'MA Gavcar', 'S Aplay'],
      venue: '2025 IEEE International …',
      year: 2025,
    });
    // Two parts without a year: the second is the host, not a venue.
    expect(parseByline('J Smith - example.org')).toEqual({ authors: ['J Smith'] });
  });

  it('never makes an author of the "…" that cuts a list, at either end', () => {
    expect(splitAuthors('F Fang, C Ventre, M Basios, L Kanthan…')).toEqual([
      'F Fang',
      'C Ventre',
      'M Basios',
      'L Kanthan',
    ]);
    expect(splitAuthors('IM Schwartz, R Acholonu, ...')).toEqual(['IM Schwartz', 'R Acholonu']);
    expect(splitAuthors('…, J Smith, K Lee')).toEqual(['J Smith', 'K Lee']);
    expect(splitAuthors('… ')).toEqual([]);
  });
});

describe('scholar-search', () => {
  it('reads the 2025 page: 10 results, not the "Create alert" div.gs_r; tools go on the footer line', () => {
    const doc = cachedPage(SEARCH_2025.file, SEARCH_2025.url);
    expect(doc.querySelectorAll('div.gs_r')).toHaveLength(11);
    const { papers, warnings } = search(doc, SEARCH_2025.url);
    expect(warnings).toEqual([]);
    expect(papers.map((p) => p.element.getAttribute('data-rp'))).toEqual([
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
    ]);
    for (const p of papers) {
      const slot = scholarSearch.slot(p.element);
      expect(slot.parent.className).toBe('gs_fl gs_flb');
      expect(slot.parent.parentElement?.className).toBe('gs_ri');
    }
    // Snippets, never abstracts; the [HTML] tag is not part of the title.
    expect(papers.every((p) => p.abstract === undefined && p.snippet)).toBe(true);
    expect(papers[0]?.title).toBe('The complexity of cryptocurrencies algorithmic trading');
  });

  it("gives a [CITATION] result without a link its cluster page, on the page's host", () => {
    const { papers } = search(cachedPage(CITATION_2016.file, CITATION_2016.url), CITATION_2016.url);
    expect(papers[0]?.title).toBe(
      'Unsupervised feature learning and deep learning: A review and new perspectives',
    );
    expect(papers[0]?.url).toBe('https://scholar.google.co.jp/scholar?cluster=1290425714414184502');
    expect(papers[0]?.snippet).toBeUndefined();
  });

  it('skips a result without a title with a warning naming it, and keeps the others', () => {
    const doc = loadPage(SEARCH_2025.file, SEARCH_2025.url);
    const h3 = doc.querySelectorAll('div.gs_r h3.gs_rt')[2];
    if (!h3) throw new Error('no third title');
    h3.textContent = ' ';
    const { papers, warnings } = search(doc, SEARCH_2025.url);
    expect(papers).toHaveLength(9);
    expect(papers.map((p) => p.title)).not.toContain('');
    expect(warnings).toEqual(['scholar-search: skipped result 3: no title (scholar:10768036327767186557)']);
  });

  it('warns when the page counts results but shows none, not when the search matched nothing', () => {
    const doc = loadPage(SEARCH_2025.file, SEARCH_2025.url);
    for (const r of doc.querySelectorAll('div.gs_r.gs_or')) r.remove();
    expect(search(doc, SEARCH_2025.url)).toEqual({
      papers: [],
      warnings: ['scholar-search: the page says "about 22,600 results" but shows no results (changed page?)'],
    });
    const none = loadPage(SEARCH_2016.file, SEARCH_2016.url);
    none.querySelector('div.gs_r')?.remove();
    expect(search(none, SEARCH_2016.url)).toEqual({ papers: [], warnings: [] });
  });
});

describe('scholar-profile', () => {
  /** What "Show more" does: rows appended to #gsc_a_b, then "Articles 1–N" updated. */
  function showMore(doc: Document, rowsHtml: string, nn?: string): void {
    const body = doc.getElementById('gsc_a_b');
    if (!body) throw new Error('no #gsc_a_b');
    const table = doc.createElement('table');
    table.innerHTML = rowsHtml;
    for (const row of [...table.rows]) body.appendChild(row);
    const label = doc.getElementById('gsc_a_nn');
    if (label && nn !== undefined) label.textContent = nn;
  }

  const otherRows = () => {
    const doc = loadPage(PROFILE_5.file, PROFILE_5.url);
    return [...doc.querySelectorAll('tr.gsc_a_tr')].map((r) => r.outerHTML).join('');
  };

  it('reads the rows present each time it runs: the rows "Show more" appends are entries too', () => {
    const doc = loadPage(PROFILE_20.file, PROFILE_20.url);
    expect(profile(doc, PROFILE_20.url).papers).toHaveLength(20);
    showMore(doc, otherRows(), 'Articles 1–25');
    const { papers, warnings } = profile(doc, PROFILE_20.url);
    expect(warnings).toEqual([]);
    expect(papers).toHaveLength(25);
    expect(papers[20]?.id).toBe('scholar:P1RwlvoAAAAJ:u5HHmVD_uO8C');
    expect(papers.every((p) => p.element.matches(scholarProfile.entry))).toBe(true);
  });

  it('warns when the rows and "Articles 1–N" disagree, or the table is empty while articles exist', () => {
    const doc = loadPage(PROFILE_20.file, PROFILE_20.url);
    showMore(doc, otherRows());
    expect(profile(doc, PROFILE_20.url).warnings).toEqual([
      'scholar-profile: the page says "Articles 1–20", its table has 25 rows',
    ]);
    const empty = loadPage(PROFILE_20.file, PROFILE_20.url);
    for (const r of empty.querySelectorAll('tr.gsc_a_tr')) r.remove();
    expect(profile(empty, PROFILE_20.url)).toEqual({
      papers: [],
      warnings: ['scholar-profile: the page says "Articles 1–20" but its article table has no rows'],
    });
  });

  it("keeps the cluster id of a row's cited-by link, except for merged articles (cites=A,B)", () => {
    const { papers } = profile(cachedPage(PROFILE_2020.file, PROFILE_2020.url), PROFILE_2020.url);
    expect(papers[0]?.altIds).toEqual(['scholar:17455492728027388341']);
    const merged = papers[2];
    expect(merged?.id).toBe('scholar:A5NhLJkAAAAJ:9yKSN-GCB0IC');
    expect(merged?.altIds).toBeUndefined();
    expect(merged?.element.querySelector('a.gsc_a_ac')?.getAttribute('href')).toContain(
      'cites=2801456600159347306,2342876692076362465',
    );
  });

  it('skips a row without a title with a warning naming it; tools go on the venue line', () => {
    const doc = loadPage(PROFILE_5.file, PROFILE_5.url);
    const a = doc.querySelectorAll('a.gsc_a_at')[1];
    if (!a) throw new Error('no second title');
    a.textContent = '';
    const { papers, warnings } = profile(doc, PROFILE_5.url);
    expect(papers).toHaveLength(4);
    expect(warnings).toEqual([
      'scholar-profile: skipped row 2: no title (scholar:P1RwlvoAAAAJ:d1gkVwhDpl0C)',
    ]);
    const first = papers[0];
    if (!first) throw new Error('no paper');
    const slot = scholarProfile.slot(first.element);
    expect(slot.parent.textContent).toBe('Proceedings of the ACM Web Conference 2023, 1865-1874, 2023');
  });
});
