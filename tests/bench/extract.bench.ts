/**
 * Extraction speed on big real-markup pages, parse time excluded. Prints numbers only (no pass/fail).
 *   npx tsx tests/bench/extract.bench.ts            jsdom (what the tests use; slower than a browser DOM)
 *   npx tsx tests/bench/extract.bench.ts --browser  also in Chromium (CHROMIUM_PATH or /usr/bin/chromium), on the
 *                                                   page served at its real URL, like the content script
 * Median of 20 runs after 3 warm-ups; "first" is the cold first run, what the content script pays once per page.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { extractPage } from '../../lib/sites/index';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Case {
  label: string;
  /** Candidates, first existing wins: the repo copy, then the shared original. */
  files: string[];
  url: string;
}

const CASES: Case[] = [
  {
    label: 'arxiv-list',
    files: [
      here('../fixtures/generated/arxiv-cs.LG-new-2000-entries.html'),
      here('../../../shared/fixtures/generated/arxiv-cs.LG-new-2000-entries.html'),
    ],
    url: 'https://arxiv.org/list/cs.LG/new?skip=0&show=2000',
  },
  {
    label: 'arxiv-list (MathJax-rendered)',
    files: [here('../fixtures/pages/arxiv-list/arxiv-astro-ph-pastweek-2024-11-22.html')],
    url: 'https://arxiv.org/list/astro-ph/pastweek?show=1000',
  },
  {
    label: 'arxiv-search',
    files: [
      here('../fixtures/pages/arxiv-search/arxiv-search-abstract-distributed-systems-200-2025-12.html'),
    ],
    url: 'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&abstracts=show&size=200&order=',
  },
  {
    label: 'hf-daily',
    files: [here('../fixtures/generated/hf-daily-papers-40-ml-entries.html')],
    url: 'https://huggingface.co/papers',
  },
];

const RUNS = 20;
const WARMUP = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function line(where: string, label: string, count: number, times: number[], extra: string): string {
  const first = times[0] ?? 0;
  const rest = times.slice(WARMUP);
  return `extract ${label} ${count} entries: ${median(rest).toFixed(1)} ms (median of ${rest.length}; first ${first.toFixed(1)} ms; ${where}${extra})`;
}

function pageHtml(c: Case): string | undefined {
  const file = c.files.find((f) => existsSync(f));
  return file ? readFileSync(file, 'utf8') : undefined;
}

function benchJsdom(): void {
  for (const c of CASES) {
    const html = pageHtml(c);
    if (html === undefined) {
      console.log(`extract ${c.label}: page not found (${c.files.join(' | ')})`);
      continue;
    }
    const t0 = performance.now();
    const dom = new JSDOM(html, { url: c.url });
    const parseMs = performance.now() - t0;
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const start = performance.now();
      count = extractPage(dom.window.document, c.url).papers.length;
      times.push(performance.now() - start);
    }
    console.log(line('jsdom', c.label, count, times, `, parse ${parseMs.toFixed(0)} ms`));
    dom.window.close();
  }
}

/** Bundles lib/sites for the page (vite, already a dev dependency) and times extractPage inside Chromium. */
async function benchBrowser(): Promise<void> {
  const { build } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: here('../../lib/sites/index.ts'),
        formats: ['iife'],
        name: 'PaperSiftSites',
        fileName: () => 's.js',
      },
    },
  });
  const result = Array.isArray(out) ? out[0] : out;
  const code = result && 'output' in result ? result.output[0].code : undefined;
  if (!code) throw new Error('bundling lib/sites failed');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch(existsSync(executablePath) ? { executablePath } : {});
  try {
    for (const c of CASES) {
      const html = pageHtml(c);
      if (html === undefined) continue;
      const page = await browser.newPage();
      // Serve the page at its real URL; nothing else (the sites' scripts, styles, images) is fetched.
      await page.route('**/*', (r) =>
        r.request().url() === c.url
          ? r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' })
          : r.abort(),
      );
      await page.goto(c.url, { waitUntil: 'load' });
      await page.addScriptTag({ content: code });
      const { count, times } = await page.evaluate(
        ({ n }) => {
          const api = (window as unknown as { PaperSiftSites: typeof import('../../lib/sites/index') })
            .PaperSiftSites;
          const times: number[] = [];
          let count = 0;
          for (let i = 0; i < n; i++) {
            const start = performance.now();
            count = api.extractPage(document, location.href).papers.length;
            times.push(performance.now() - start);
          }
          return { count, times };
        },
        { n: WARMUP + RUNS },
      );
      console.log(line('Chromium', c.label, count, times, ''));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

benchJsdom();
if (process.argv.includes('--browser')) await benchBrowser();
