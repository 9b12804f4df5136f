/**
 * bioRxiv: the article pages checked against their own meta tags (two independent copies of authors and abstract
 * in one page), the 2019 page's `value=` meta tags, the listing against each entry's `title` and `data-pisa`
 * attributes, and the warnings.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../lib/sites/index';
import { cachedPage, entry, loadPage, parseHtml } from './helpers';

const A2019 = entry('biorxiv-article-page-10.1101-696633v1-2019.html');
const A2026 = entry('biorxiv-article-page-10.1101-2020.03.22.002386v3-2026.html');
const LIST = entry('biorxiv-listing-all-articles-page2-2018-02-11-bs4-prettified.html');

const metaAll = (doc: Document, name: string) =>
  [...doc.querySelectorAll(`meta[name="${name}"]`)].map(
    (m) => m.getAttribute('content') ?? m.getAttribute('value'),
  );

describe('biorxiv-article', () => {
  it.each([A2019, A2026])(
    'reads the authors of the citation block as the meta tags list them: $file',
    (page) => {
      const doc = cachedPage(page.file, page.url);
      const { papers, warnings } = extractPage(doc, page.url);
      expect(warnings).toEqual([]);
      const p = papers[0];
      expect(p?.authors).toEqual(metaAll(doc, 'citation_author'));
      expect(p?.authors.some((a) => a.includes('ORCID'))).toBe(false);
      expect(p?.id).toBe(`doi:${metaAll(doc, 'citation_doi')[0]}`);
      expect(p?.element.contains(doc.getElementById('page-title'))).toBe(true);
    },
  );

  it('reads the 2019 page whose meta tags carry value= (and only value=)', () => {
    const doc = cachedPage(A2019.file, A2019.url);
    expect(doc.querySelector('meta[name="citation_doi"]')?.hasAttribute('content')).toBe(false);
    const p = extractPage(doc, A2019.url).papers[0];
    expect([p?.pdfUrl, p?.year, p?.venue]).toEqual([
      'https://www.biorxiv.org/content/biorxiv/early/2019/07/11/696633.full.pdf',
      2019,
      'bioRxiv',
    ]);
  });

  it('leaves out the abstract heading and the reference marks; the meta abstract gives the same text', () => {
    const want = extractPage(cachedPage(A2026.file, A2026.url), A2026.url).papers[0]?.abstract;
    expect(want).toMatch(/^An outbreak of the novel coronavirus/);
    expect(want).toContain('social and economic disruption. There are');
    const doc = loadPage(A2026.file, A2026.url);
    doc.querySelector('div.section.abstract')?.remove();
    expect(extractPage(doc, A2026.url).papers[0]?.abstract).toBe(want);
  });

  it('falls back to the meta authors (value= too) when the citation block has none', () => {
    const doc = loadPage(A2019.file, A2019.url);
    for (const a of doc.querySelectorAll('.highwire-citation-author')) a.remove();
    const p = extractPage(doc, A2019.url).papers[0];
    expect(p?.authors).toHaveLength(18);
    expect(p?.authors[0]).toBe('Havell Markus');
  });

  it('warns when the URL names another DOI, and without a title', () => {
    const other = 'https://www.biorxiv.org/content/10.1101/123456v2';
    const r = extractPage(cachedPage(A2019.file, A2019.url), other);
    expect(r.warnings).toEqual([
      'biorxiv-article: the URL names doi:10.1101/123456 but the page is doi:10.1101/696633',
    ]);
    expect(r.papers[0]?.id).toBe('doi:10.1101/696633');
    expect(extractPage(parseHtml('<p>Server error</p>', other), other)).toEqual({
      adapter: 'biorxiv-article',
      papers: [],
      warnings: ['biorxiv-article: no article title (h1#page-title) on the page'],
    });
  });
});

describe('biorxiv-list', () => {
  it('reads the ten entries: titles as their title attribute, DOIs as their data-pisa id, year of the day', () => {
    const { papers, warnings } = extractPage(cachedPage(LIST.file, LIST.url), LIST.url);
    expect(warnings).toEqual([]);
    expect(papers).toHaveLength(10);
    for (const p of papers) {
      expect(p.title).toBe(p.element.getAttribute('title'));
      expect(p.id).toBe(`doi:10.1101/${p.element.getAttribute('data-pisa-master')?.split(';')[1]}`);
      expect(p.year).toBe(2018);
      expect(p.abstract).toBeUndefined();
      expect(p.authors.length).toBeGreaterThan(1);
      for (const a of p.authors) expect(a).toMatch(/^\S.*\S$/);
    }
    expect(papers[0]?.authors.slice(0, 2)).toEqual(['Meirong Bai', 'Roman Vozdek']);
  });

  it('skips an entry without a DOI, and warns when the lists are empty', () => {
    const doc = loadPage(LIST.file, LIST.url);
    doc.querySelector('.highwire-cite-metadata-doi')?.remove();
    const r = extractPage(doc, LIST.url);
    expect(r.papers).toHaveLength(9);
    expect(r.warnings).toEqual(['biorxiv-list: skipped entry 1: no DOI']);
    for (const el of doc.querySelectorAll('div.highwire-article-citation')) el.remove();
    expect(extractPage(doc, LIST.url).warnings).toEqual([
      'biorxiv-list: the page has article lists but no entries (changed or truncated page?)',
    ]);
  });
});
