/** Shared by the site adapter tests and tests/fixtures/generate-expected.ts: load pages the way the tests do. */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import type { PaperMeta } from '../../../lib/paper';
import { paperMeta } from '../../../lib/sites/found';
import { extractPage } from '../../../lib/sites/index';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const SHARED_FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

export interface ManifestEntry {
  file: string;
  url: string;
  adapter: string | null;
  entries: number;
  expected?: string;
  note: string;
}

export interface Expected {
  adapter: string | null;
  url: string;
  count: number;
  warnings: string[];
  papers: PaperMeta[];
}

export function manifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(`${FIXTURES}pages.json`, 'utf8')) as ManifestEntry[];
}

export function entry(fileSuffix: string): ManifestEntry {
  const e = manifest().find((p) => p.file.endsWith(fileSuffix));
  if (!e) throw new Error(`no manifest entry for ${fileSuffix}`);
  return e;
}

export function readPage(file: string): string {
  return readFileSync(`${FIXTURES}${file}`, 'utf8');
}

/** Parses a fixture at its real URL (jsdom runs no scripts by default). A fresh document each call. */
export function loadPage(file: string, url: string): Document {
  return new JSDOM(readPage(file), { url }).window.document;
}

const cache = new Map<string, Document>();

/** Like loadPage, parsed once per test worker (the 2,000-entry page takes seconds). Do not modify it. */
export function cachedPage(file: string, url: string): Document {
  const key = `${file} ${url}`;
  let doc = cache.get(key);
  if (!doc) {
    doc = loadPage(file, url);
    cache.set(key, doc);
  }
  return doc;
}

export function parseHtml(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

/** What extraction gives for a manifest entry, in the expected-JSON shape. */
export function extractEntry(e: ManifestEntry, doc?: Document): Expected {
  const r = extractPage(doc ?? loadPage(e.file, e.url), e.url);
  return {
    adapter: r.adapter ?? null,
    url: e.url,
    count: r.papers.length,
    warnings: r.warnings,
    papers: r.papers.map(paperMeta),
  };
}

export function readExpected(e: ManifestEntry): Expected {
  if (!e.expected) throw new Error(`${e.file} has no expected JSON`);
  return JSON.parse(readFileSync(`${FIXTURES}${e.expected}`, 'utf8')) as Expected;
}

/** One paper a line: reviewable and diff-friendly even for the 2,000-entry page. */
export function formatExpected(x: Expected): string {
  const head = [
    `  "adapter": ${JSON.stringify(x.adapter)}`,
    `  "url": ${JSON.stringify(x.url)}`,
    `  "count": ${x.count}`,
    `  "warnings": ${JSON.stringify(x.warnings)}`,
  ];
  const papers = x.papers.map((p) => `    ${JSON.stringify(p)}`).join(',\n');
  return `{\n${head.join(',\n')},\n  "papers": [${papers ? `\n${papers}\n  ` : ''}]\n}\n`;
}
