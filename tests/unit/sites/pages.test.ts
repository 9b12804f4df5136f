/**
 * Every page of tests/fixtures/pages.json, parsed with jsdom at its real URL: the right adapter claims it, the
 * extraction equals the reviewed expected JSON, entry elements are the right, distinct, connected elements, and the
 * document is left exactly as it was.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalId } from '../../../lib/ids';
import { ADAPTERS, adapterById, extractPage, findAdapter, siteOfAdapter } from '../../../lib/sites/index';
import { cachedPage, extractEntry, FIXTURES, manifest, readExpected } from './helpers';

describe('manifest', () => {
  const pages = manifest();

  it('lists every page once, at distinct, normalised URLs', () => {
    const files = pages.map((p) => p.file);
    const urls = pages.map((p) => p.url);
    expect(new Set(files).size).toBe(files.length);
    expect(new Set(urls).size).toBe(urls.length);
    for (const u of urls) expect(new URL(u).href).toBe(u);
  });

  it('lists every saved page of tests/fixtures (none left out of the tests)', () => {
    const onDisk = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
      .filter((f) => /^(pages|generated)\/.+\.html$/.test(f))
      .sort();
    expect(pages.map((p) => p.file).sort()).toEqual(onDisk);
  });

  it('names existing adapters, and an expected JSON exactly for pages with one', () => {
    const ids = ADAPTERS.map((a) => a.id);
    for (const p of pages) {
      if (p.adapter === null) {
        expect(p.entries).toBe(0);
        expect(p.expected).toBeUndefined();
      } else {
        expect(ids).toContain(p.adapter);
        expect(p.expected).toBe(
          `expected/${p.file
            .split('/')
            .pop()
            ?.replace(/\.html$/, '')}.json`,
        );
      }
    }
  });
});

describe.each(manifest())('$file', (page) => {
  it(`is claimed by ${page.adapter ?? 'no adapter'}`, () => {
    expect(findAdapter(page.url)?.id ?? null).toBe(page.adapter);
  });

  if (page.adapter === null) {
    it('yields nothing through extractPage', () => {
      const r = extractPage(cachedPage(page.file, page.url), page.url);
      expect(r).toEqual({ papers: [], warnings: [] });
    });
    return;
  }

  it(`extracts ${page.entries} entries, equal to the reviewed expected JSON`, () => {
    const doc = cachedPage(page.file, page.url);
    const got = extractEntry(page, doc);
    const want = readExpected(page);
    expect(got.count).toBe(page.entries);
    expect(want.count).toBe(page.entries);
    expect(want.papers).toHaveLength(page.entries);
    expect(got.adapter).toBe(page.adapter);
    expect(got.warnings).toEqual(want.warnings);
    expect(got.papers).toEqual(want.papers);
    expect(got).toEqual(want);
  });

  it('gives each paper its own entry element of the right kind, inside the document', () => {
    const doc = cachedPage(page.file, page.url);
    const { papers } = extractPage(doc, page.url);
    const elements = papers.map((p) => p.element);
    expect(new Set(elements).size).toBe(papers.length);
    const adapter = adapterById(page.adapter ?? undefined);
    for (const p of papers) {
      // The adapter's declared entry selector finds its entries (the placement and the mutation watcher use it).
      expect(p.element.matches(adapter?.entry ?? '')).toBe(true);
      expect(doc.contains(p.element)).toBe(true);
      expect(p.site).toBe(siteOfAdapter(page.adapter ?? ''));
      expect(canonicalId(p.id)).toBe(p.id);
      for (const alt of p.altIds ?? []) expect(canonicalId(alt)).toBe(alt);
    }
  });

  it('leaves the document unchanged', () => {
    const doc = cachedPage(page.file, page.url);
    const before = doc.documentElement.outerHTML;
    extractPage(doc, page.url);
    extractPage(doc, page.url);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
