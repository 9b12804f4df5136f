/**
 * The generic single-paper reader (`readPaperMeta`, "Save this page"): every real saved page that carries
 * citation_* tags, schema.org or COinS gives its reviewed paper (tests/fixtures/expected/web/), list pages and
 * pages without such data give none with the reason; real pages with one source taken away exercise the others.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalId } from '../../../lib/ids';
import { paperMeta } from '../../../lib/sites/found';
import { readPaperMeta, web } from '../../../lib/sites/web/index';
import { type Expected, FIXTURES, parseHtml } from './helpers';
import { loadWebPage, readWebPage, WEB_PAGES, type WebPage } from './web-pages';

const page = (name: string): WebPage => {
  const p = WEB_PAGES.find((w) => w.file.includes(name));
  if (!p) throw new Error(`no web page ${name}`);
  return p;
};

describe.each(WEB_PAGES)('readPaperMeta on $file', (p) => {
  it(p.expected ? 'gives the reviewed paper' : 'gives no paper, and says why', () => {
    const doc = loadWebPage(p);
    const before = doc.documentElement.outerHTML;
    const got = readWebPage(p, doc);
    expect(doc.documentElement.outerHTML).toBe(before);
    if (!p.expected) {
      expect(got.papers).toEqual([]);
      expect(got.warnings).toEqual([p.warning]);
      return;
    }
    const want = JSON.parse(readFileSync(`${FIXTURES}${p.expected}`, 'utf8')) as Expected;
    expect(got).toEqual(want);
    const paper = readPaperMeta(doc, p.url).papers[0];
    expect(paper?.element).toBe(doc.body);
    expect(canonicalId(paper?.id ?? '')).toBe(paper?.id);
    for (const alt of paper?.altIds ?? []) expect(canonicalId(alt)).toBe(alt);
  });
});

describe('readPaperMeta sources', () => {
  it('turns "Surname, Given" citation_author tags into "Given Surname" (arXiv writes them so)', () => {
    const doc = loadWebPage(page('1706.03762'));
    expect(doc.querySelector('meta[name="citation_author"]')?.getAttribute('content')).toBe(
      'Vaswani, Ashish',
    );
    expect(readPaperMeta(doc, page('1706.03762').url).papers[0]?.authors[0]).toBe('Ashish Vaswani');
  });

  it('reads schema.org JSON-LD when the page has no citation_* tags (Semantic Scholar page)', () => {
    const p = page('crosswalk');
    const doc = loadWebPage(p);
    for (const m of doc.querySelectorAll('meta[name^="citation_"]')) m.remove();
    const r = readPaperMeta(doc, p.url);
    expect(r.warnings).toEqual([]);
    const got = r.papers[0];
    expect(got && { ...paperMeta(got), abstract: got.abstract?.slice(0, 45) }).toEqual({
      id: 'doi:10.1177/23998083221081530',
      title: 'Where the Crosswalk Ends: Mapping Crosswalk Coverage via Satellite Imagery in San Francisco',
      authors: ['Marcel E. Moran'],
      abstract: 'Marked crosswalks are the primary means of sa',
      url: p.url,
      categories: [],
      site: 'web',
      year: 2022,
    });
  });

  it('reads microdata and COinS of a page with one entry (a DBLP search page cut to its first entry)', () => {
    const p = page('dblp-search');
    const doc = loadWebPage(p);
    for (const li of [...doc.querySelectorAll('li.entry')].slice(1)) li.remove();
    const r = readPaperMeta(doc, p.url);
    expect(r.warnings).toEqual([]);
    expect(r.papers.map(paperMeta)).toEqual([
      {
        id: 'doi:10.1109/esem56168.2023.10304796',
        // DBLP's own closing full stop: the generic reader does not know the site's conventions.
        title: 'Assessing the Use of AutoML for Data-Driven Software Engineering.',
        authors: ['Fabio Calefato', 'Luigi Quaranta', 'Filippo Lanubile', 'Marcos Kalinowski'],
        url: 'https://doi.org/10.1109/ESEM56168.2023.10304796',
        categories: [],
        site: 'web',
        year: 2023,
        venue: 'ESEM',
      },
    ]);
  });

  it('reads COinS alone (a bioRxiv page without its meta tags): its COinS has no id, so no paper', () => {
    const p = page('696633v1');
    const doc = loadWebPage(p);
    for (const m of doc.querySelectorAll('meta[name^="citation_"]')) m.remove();
    expect(readPaperMeta(doc, p.url)).toEqual({
      papers: [],
      warnings: [
        'web: "Sub-nucleosomal organization in urine cell-free DNA" (COinS) has no DOI, arXiv id or PubMed id',
      ],
    });
    // With an id added to the COinS, the paper is read from it: authors flipped, year and journal.
    const span = doc.querySelector('span.Z3988');
    span?.setAttribute('title', `${span.getAttribute('title')}&rft_id=info%3Adoi%2F10.1101%2F696633`);
    const got = readPaperMeta(doc, p.url).papers[0];
    expect(got && [got.id, got.authors.slice(0, 2), got.authors.length, got.year, got.venue]).toEqual([
      'doi:10.1101/696633',
      ['Havell Markus', 'Jun Zhao'],
      18,
      2019,
      'bioRxiv',
    ]);
  });
});

describe('readPaperMeta mini pages', () => {
  const URL_ = 'https://journal.example/article/42';
  const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

  it('reads a JSON-LD ScholarlyArticle (given/family names, PropertyValue ids, isPartOf); ignores plain Articles', () => {
    const item = {
      '@context': 'https://schema.org',
      '@type': 'ScholarlyArticle',
      headline: 'On Computable Numbers',
      author: [{ '@type': 'Person', givenName: 'Alan', familyName: 'Turing' }, 'Alonzo Church'],
      identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: '10.1112/plms/s2-42.1.230' },
      datePublished: '1937-01-01',
      isPartOf: { '@type': 'PublicationIssue', isPartOf: { '@type': 'Periodical', name: 'Proc. LMS' } },
      description: '<p>We define <i>computable</i> numbers.</p>',
    };
    const r = readPaperMeta(
      parseHtml(`<head>${ld({ '@type': 'Article', headline: 'News' })}${ld(item)}</head>`, URL_),
      URL_,
    );
    expect(r.papers.map(paperMeta)).toEqual([
      {
        id: 'doi:10.1112/plms/s2-42.1.230',
        title: 'On Computable Numbers',
        authors: ['Alan Turing', 'Alonzo Church'],
        abstract: 'We define computable numbers.',
        url: URL_,
        categories: [],
        site: 'web',
        year: 1937,
        venue: 'Proc. LMS',
      },
    ]);
  });

  it('gives nothing for several ScholarlyArticles or broken JSON-LD, with the reasons', () => {
    const a = { '@type': 'ScholarlyArticle', name: 'A', sameAs: 'https://doi.org/10.1000/a' };
    const b = { '@type': 'ScholarlyArticle', name: 'B', sameAs: 'https://doi.org/10.1000/b' };
    expect(
      readPaperMeta(parseHtml(`${ld([a, b])}<script type="application/ld+json">{oops</script>`, URL_), URL_),
    ).toEqual({
      papers: [],
      warnings: [
        'web: no citation_* meta tags, schema.org ScholarlyArticle or COinS (a JSON-LD block is not valid JSON; 2 schema.org ScholarlyArticle items in JSON-LD (a list))',
      ],
    });
  });

  it('merges only sources about the same paper: a COinS of another title adds no id', () => {
    const head =
      '<meta name="citation_title" content="Paper  A"><meta name="citation_author" content="Doe, Jane">';
    const coins = (t: string) =>
      `<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.atitle=${encodeURIComponent(t)}&rft_id=info%3Apmid%2F12345"></span>`;
    expect(readPaperMeta(parseHtml(`${head}${coins('Another paper')}`, URL_), URL_).warnings).toEqual([
      'web: "Paper A" (citation_* meta tags) has no DOI, arXiv id or PubMed id',
    ]);
    const r = readPaperMeta(parseHtml(`${head}${coins('Paper A.')}`, URL_), URL_);
    expect(r.papers.map((p) => [p.id, p.title, p.authors])).toEqual([
      ['pmid:12345', 'Paper A', ['Jane Doe']],
    ]);
  });

  it('takes the id from an arXiv page URL, keeps "Surname, Jr." as written, drops a DOI given as PDF link', () => {
    const html =
      '<meta name="citation_title" content="T"><meta name="citation_author" content="King, Jr."><meta name="citation_pdf_url" content="https://doi.org/10.1000/x">';
    const r = readPaperMeta(
      parseHtml(html, 'https://arxiv.org/abs/2401.00001v2'),
      'https://arxiv.org/abs/2401.00001v2',
    );
    expect(r.papers.map((p) => [p.id, p.altIds, p.authors, p.pdfUrl])).toEqual([
      ['arxiv:2401.00001', ['doi:10.1000/x'], ['King, Jr.'], undefined],
    ]);
  });

  it('never throws: a URL that is not one, an empty document', () => {
    expect(readPaperMeta(parseHtml('', URL_), 'not a url').warnings[0]).toMatch(
      /^web: reading the page failed: /,
    );
    expect(readPaperMeta(parseHtml('', URL_), URL_)).toEqual({
      papers: [],
      warnings: ['web: no citation_* meta tags, schema.org ScholarlyArticle or COinS'],
    });
  });

  it('is a site without hosts or adapters (run on demand, not by URL)', () => {
    expect(web).toEqual({ id: 'web', label: 'Other pages', hosts: [], adapters: [] });
  });
});
