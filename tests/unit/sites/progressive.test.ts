import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { arxivList } from '../../../lib/sites/arxiv/list';
import { paperMeta } from '../../../lib/sites/found';
import { extractPage } from '../../../lib/sites/index';
import type { FoundPaper } from '../../../lib/sites/types';
import { manifest, readPage } from './helpers';

// Reading an arXiv listing while it loads (what the content script does) must give exactly what extracting the
// finished page gives, and never an entry the parser has not finished.
const listings = manifest().filter((p) => p.adapter === 'arxiv-list' && !p.file.includes('2000-entries'));

describe('arxiv-list read progressively', () => {
  it.each(listings.map((p) => [p.file, p] as const))(
    '%s: the same papers and warnings as extract',
    (_f, p) => {
      const doc = new JSDOM(readPage(p.file), { url: p.url }).window.document;
      const reader = arxivList.readProgressively?.(doc, new URL(p.url));
      if (!reader) throw new Error('arxiv-list reads progressively');
      const seen: FoundPaper[] = [...reader.next(false), ...reader.next(false), ...reader.next(true)];
      expect(reader.next(true)).toEqual([]);
      const whole = extractPage(doc, p.url);
      const done = reader.finish();
      expect(done.warnings).toEqual(whole.warnings);
      expect(done.papers.map(paperMeta)).toEqual(whole.papers.map(paperMeta));
      expect(seen.map(paperMeta)).toEqual(whole.papers.map(paperMeta));
    },
  );

  it('on a page cut anywhere (as the parser has it mid-way), returns only finished entries, each right', () => {
    const p = listings.find((l) => l.file.includes('arxiv-cs.LG-new-2026-07-24')) ?? listings[0];
    if (!p) throw new Error('no listing');
    const html = readPage(p.file);
    const full = extractPage(new JSDOM(html, { url: p.url }).window.document, p.url).papers.map(paperMeta);
    let checked = 0;
    for (const cut of [0.1, 0.25, 0.33, 0.5, 0.61, 0.77, 0.9, 0.97].map((f) => Math.floor(html.length * f))) {
      // jsdom closes what is open at the cut, as the live DOM has it open: what the reader calls complete must
      // be finished in the full page too, field for field.
      const doc = new JSDOM(html.slice(0, cut), { url: p.url }).window.document;
      const reader = arxivList.readProgressively?.(doc, new URL(p.url));
      const got = (reader?.next(false) ?? []).map(paperMeta);
      expect(got).toEqual(full.slice(0, got.length));
      // At most the entry being parsed (and what follows) is held back.
      expect(full.length - got.length).toBeLessThanOrEqual(
        full.length - (doc.querySelectorAll('dt').length - 1),
      );
      checked += got.length;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
