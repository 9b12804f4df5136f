/**
 * Semantic Scholar paper pages: the paper and the rows of its citation and reference lists. The real pages run
 * through pages.test.ts; these tests change copies of them for the cases the saved pages do not show (an expanded
 * abstract, stale meta after an in-app navigation, an empty list, a row without a title).
 */
import { describe, expect, it } from 'vitest';
import { s2Paper } from '../../../lib/sites/semanticscholar/paper';
import { cachedPage, entry, loadPage } from './helpers';

const CROSSWALK = entry('s2-paper-page-704dde84-crosswalk-2024-02.html');
const MEOW = entry('s2-paper-page-d1de4343-meow-2024-02.html');

const extract = (doc: Document, url: string) => s2Paper.extract(doc, new URL(url));

describe('s2-paper', () => {
  it('gives the paper first (the header around the h1), then the citing rows, then the references', () => {
    const doc = cachedPage(CROSSWALK.file, CROSSWALK.url);
    const { papers, warnings } = extract(doc, CROSSWALK.url);
    expect(warnings).toEqual([]);
    const [main, ...rows] = papers;
    expect(main?.element.getAttribute('data-test-id')).toBe('paper-detail-page-header');
    expect(main?.element.querySelector('h1')?.textContent).toBe(main?.title);
    expect(main?.id).toBe('doi:10.1177/23998083221081530');
    expect(main?.altIds).toEqual(['s2:704dde842312c5eabb8c76ecf86b48e9fe68e4fe']);
    const citing = doc.querySelectorAll('[data-test-id="cited-by"] div.cl-paper-row');
    const refs = doc.querySelectorAll('[data-test-id="reference"] div.cl-paper-row');
    expect(rows.map((p) => p.element)).toEqual([...citing, ...refs]);
    expect(rows.map((p) => p.id)).toEqual(rows.map((p) => `s2:${p.element.getAttribute('data-paper-id')}`));
    // Rows carry a cut abstract or a TLDR, never a whole abstract; the "TLDR" pill and "Expand" are left out.
    expect(rows.every((p) => p.abstract === undefined)).toBe(true);
    expect(rows.some((p) => p.snippet?.startsWith('TLDR') || p.snippet?.endsWith('Expand'))).toBe(false);
    // Tools: after "Corpus ID: …" for the paper, after the year for rows.
    expect(main && s2Paper.slot(main.element).parent.getAttribute('data-test-id')).toBe('corpus-id');
    expect(rows[0] && s2Paper.slot(rows[0].element).parent.className).toBe('cl-paper-pubdates');
  });

  it('keeps a cut abstract as a snippet, an expanded one as the abstract', () => {
    const doc = loadPage(CROSSWALK.file, CROSSWALK.url);
    expect(extract(doc, CROSSWALK.url).papers[0]?.abstract).toBeUndefined();
    const text = doc.querySelector('[data-test-id="text-truncator-text"]');
    const full = doc.querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
    if (!text) throw new Error('no truncator');
    text.textContent = full;
    doc.querySelector('[data-test-id="text-truncator-toggle"]')?.remove();
    const main = extract(doc, CROSSWALK.url).papers[0];
    expect(main?.abstract).toBe(full);
    expect(main?.snippet).toBeUndefined();
  });

  it("takes every author from the citation meta, and falls back to the header when the meta are another paper's", () => {
    const doc = loadPage(MEOW.file, MEOW.url);
    const main = extract(doc, MEOW.url).papers[0];
    expect(main?.authors).toHaveLength(9);
    expect(main?.pdfUrl).toBe(
      'https://pdfs.semanticscholar.org/a0a8/584707f198e2f9ec698e3839368b6c7b6565.pdf',
    );
    expect(main?.snippet?.startsWith('It emerged that')).toBe(true);
    // The "TLDR" pill's popover, once opened, explains TLDRs: not the paper's text.
    const popover = doc.querySelector('.tldr-abstract__pill .cl-dropdown__popover');
    if (!popover) throw new Error('no TLDR popover');
    popover.textContent = 'TLDRs are AI-generated short summaries.';
    expect(extract(doc, MEOW.url).papers[0]?.snippet).toBe(main?.snippet);
    // After an in-app navigation the head may still describe the first paper.
    doc.querySelector('meta[name="citation_title"]')?.setAttribute('content', 'Another paper');
    const stale = extract(doc, MEOW.url).papers[0];
    expect(stale?.authors).toEqual(['E. Prato-Previde', 'Simona Cannas', 'S. Mattiello']);
    expect(stale?.pdfUrl).toBeUndefined();
    expect(stale?.venue).toBe('Animals');
    expect(stale?.year).toBe(2020);
    expect(stale?.id).toBe('doi:10.3390/ani10122390');
  });

  it('warns about a list that counts papers but has no rows, not about a list cut to its first page', () => {
    const doc = loadPage(MEOW.file, MEOW.url);
    expect(extract(doc, MEOW.url).warnings).toEqual([]);
    for (const r of doc.querySelectorAll('[data-test-id="reference"] div.cl-paper-row')) r.remove();
    const { papers, warnings } = extract(doc, MEOW.url);
    expect(papers).toHaveLength(11);
    expect(warnings).toEqual(['s2-paper: the list "91 References" has no rows']);
  });

  it('skips an entry without a title with a warning naming its index, never an empty title', () => {
    const doc = loadPage(CROSSWALK.file, CROSSWALK.url);
    const h3 = doc.querySelectorAll('h3.cl-paper-title')[1];
    if (!h3) throw new Error('no second row title');
    h3.textContent = '';
    let r = extract(doc, CROSSWALK.url);
    expect(r.papers).toHaveLength(13);
    expect(r.warnings).toEqual([
      's2-paper: skipped entry 3: empty title (s2:b0ff097955ee437801ae03e1f094778e7c6a1b15)',
    ]);
    const h1 = doc.querySelector('h1');
    if (!h1) throw new Error('no h1');
    h1.textContent = ' ';
    r = extract(doc, CROSSWALK.url);
    expect(r.papers).toHaveLength(12);
    expect(r.papers.map((p) => p.title)).not.toContain('');
    expect(r.warnings[0]).toBe(
      's2-paper: skipped entry 1 (the paper, s2:704dde842312c5eabb8c76ecf86b48e9fe68e4fe): empty title',
    );
  });

  it('reads the rows without the paper header, and warns when the URL and the canonical link disagree', () => {
    const doc = loadPage(CROSSWALK.file, CROSSWALK.url);
    doc.querySelector('h1')?.remove();
    const other = 'https://www.semanticscholar.org/paper/b2f47f05010d6049fea1083e15c1eddc6449fe9a';
    const { papers, warnings } = extract(doc, other);
    expect(papers).toHaveLength(13);
    expect(warnings).toEqual([
      "s2-paper: the URL names s2:b2f47f05010d6049fea1083e15c1eddc6449fe9a but the page's canonical link s2:704dde842312c5eabb8c76ecf86b48e9fe68e4fe",
      's2-paper: no paper title (h1[data-test-id="paper-detail-title"]) on the page of s2:b2f47f05010d6049fea1083e15c1eddc6449fe9a',
    ]);
  });

  it('is a single-page app (re-rendered lists, in-app navigation)', () => {
    expect(s2Paper.dynamic).toBe(true);
    expect(s2Paper.text).toBe('snippet');
  });
});
