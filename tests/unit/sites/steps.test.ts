import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractPage, extractPageSteps } from '../../../lib/sites/index';
import { manifest, readPage } from './helpers';

// The stepped extraction the content script uses on long pages must give exactly what `extractPage` gives.
describe('extractPageSteps', () => {
  const pages = manifest().filter((p) => p.adapter && !p.file.includes('2000-entries'));
  it.each(pages.map((p) => [p.file, p] as const))('%s: same papers and warnings as extractPage', (_f, p) => {
    const doc = new JSDOM(readPage(p.file), { url: p.url }).window.document;
    const whole = extractPage(doc, p.url);
    const steps = extractPageSteps(doc, p.url);
    let pauses = 0;
    let r = steps.next();
    while (!r.done) {
      pauses++;
      r = steps.next();
    }
    expect(r.value).toEqual(whole);
    // arXiv listings pause every 100 entries; the others run in one go.
    expect(pauses).toBe(p.adapter === 'arxiv-list' ? Math.floor(p.entries / 100) : 0);
  });
});
