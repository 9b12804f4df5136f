// History expiry (lib/db/retention.ts) in headless Chromium, on a profile that holds a long history: N papers only
// seen (real titles and abstracts from ../shared/data/papers.jsonl, under made-up ids), last seen 60 days ago, and
// retention due. The worker is stopped, then the usual day's cs.LG /new page (112 entries) is opened: the worker
// starts and answers the page, and expires the history a few seconds later; the page is opened again while that
// runs. Measured: how long the expiry takes, and when the page is annotated in each visit, against the same visit
// once the expiry is done (worker stopped again).
//
//   npx tsx tests/bench/retention.bench.ts [papers] [rounds]     (after `npm run build`)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { PageStats } from '../../lib/page/controller';
import { fixturePage, servePages } from '../e2e/browser';
import { importFile, openProfile, optionsUrl, type Profile, retentionRanAt } from '../e2e/library-data';

const N = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const DAY = 86_400_000;
const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html');

interface SharedPaper {
  title: string;
  abstract?: string;
}

function history(now: number): string {
  const source = readFileSync(new URL('../../../shared/data/papers.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SharedPaper)
    .filter((p) => p.abstract);
  const papers = Array.from({ length: N }, (_, i) => {
    const p = source[i % source.length] as SharedPaper;
    // Ids that no fixture page uses: 1901.00000 onwards.
    const id = `${1901 + Math.floor(i / 90_000)}.${String(i % 90_000).padStart(5, '0')}`;
    return {
      id: `arxiv:${id}`,
      title: p.title,
      authors: ['A. Author', 'B. Author', 'C. Author'],
      abstract: p.abstract,
      url: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
      categories: ['cs.LG'],
      sites: ['arxiv'],
      firstSeen: now - 60 * DAY,
      lastSeen: now - 60 * DAY,
      topics: [],
      scores: { gnn: 0.01, rl: 0.02, hypernetworks: 0.01, recommendation: 0.01 },
      evidence: {},
    };
  });
  return JSON.stringify({
    format: 'papersift-backup',
    version: 1,
    schemaVersion: 2,
    exportedAt: new Date(now).toISOString(),
    tables: {
      papers,
      lists: [{ id: 'default', name: 'Reading list', order: 0, createdAt: now - 400 * DAY }],
      memberships: [],
      userData: [],
      topics: [],
      marks: [],
      settings: [{ key: 'historyRetention', value: { at: now - 2 * DAY, compactedTo: 0, deletedTo: 0 } }],
      visits: [],
    },
  });
}

/** Papers with and without an abstract. */
function abstracts(options: Page): Promise<[number, number]> {
  return options.evaluate(
    () =>
      new Promise<[number, number]>((resolve) => {
        const r = indexedDB.open('papersift');
        r.onsuccess = () => {
          let withA = 0;
          let without = 0;
          const c = r.result.transaction('papers').objectStore('papers').openCursor();
          c.onsuccess = () => {
            const cur = c.result;
            if (!cur) {
              resolve([withA, without]);
              r.result.close();
              return;
            }
            if ((cur.value as { abstract?: string }).abstract) withA++;
            else without++;
            cur.continue();
          };
        };
      }),
  );
}

async function stopWorker(p: Profile, page: Page): Promise<void> {
  const cdp = await p.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Opens the listing; returns when it was annotated after DCL, and the wall-clock time of navigation start. */
async function visit(p: Profile): Promise<{ annotatedAfterDcl: number; navStart: number }> {
  const page = await p.context.newPage();
  let stats: PageStats | undefined;
  page.on('console', (m) => {
    const t = m.text();
    if (t.startsWith('PaperSift stats ')) stats = JSON.parse(t.slice('PaperSift stats '.length)) as PageStats;
  });
  await page.goto(listing.url, { waitUntil: 'domcontentloaded' });
  const t0 = Date.now();
  while (!stats && Date.now() - t0 < 120_000) await page.waitForTimeout(20);
  if (!stats) throw new Error('the extension reported no stats');
  const { dcl, navStart } = (await page.evaluate(`(() => ({
    dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
    navStart: performance.timeOrigin,
  }))()`)) as { dcl: number; navStart: number };
  const annotatedAfterDcl = stats.annotatedAt - dcl;
  await page.close();
  return { annotatedAfterDcl, navStart };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const woke: number[] = [];
const during: number[] = [];
const after: number[] = [];
const expiry: number[] = [];
let overlapped = 0;
const imports: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const p = await openProfile();
  try {
    await servePages(p.context);
    const options = await p.context.newPage();
    await options.goto(optionsUrl(p));
    const now = Date.now();
    const file = Buffer.from(history(now));
    const path = join(tmpdir(), `papersift-history-${process.pid}.json`);
    writeFileSync(path, file);
    const tImport = Date.now();
    const status = await importFile(options, path);
    imports.push(Date.now() - tImport);
    rmSync(path, { force: true });
    if (!status.includes(`: ${N} new papers`)) throw new Error(`import: ${status}`);
    if (round === 0)
      console.log(
        `history: ${N} papers only seen, last seen 60 days ago (${(file.length / 1e6).toFixed(0)} MB as a backup)`,
      );
    const before = await retentionRanAt(options);
    await stopWorker(p, options);
    // The visit that wakes the worker (the expiry is due, and starts a few seconds later).
    const first = await visit(p);
    woke.push(first.annotatedAfterDcl);
    // A visit while the expiry runs.
    await options.waitForTimeout(Math.max(0, first.navStart + 5_500 - Date.now()));
    during.push((await visit(p)).annotatedAfterDcl);
    if ((await retentionRanAt(options)) === before) overlapped++;
    let at = before;
    const t0 = Date.now();
    while (at === before && Date.now() - t0 < 300_000) {
      await options.waitForTimeout(50);
      at = await retentionRanAt(options);
    }
    if (at === before) throw new Error('the history did not expire');
    expiry.push(Date.now() - first.navStart);
    const [withA, without] = await abstracts(options);
    if (round === 0) console.log(`after the expiry: ${withA} papers with an abstract, ${without} without`);
    await stopWorker(p, options);
    after.push((await visit(p)).annotatedAfterDcl);
  } finally {
    await p.close();
  }
}
const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
const page = `${listing.entries}-entry page annotated after DCL`;
console.log(`import of the backup through the options page (read, validated, written): ${ms(imports)}`);
console.log(`expiry done, from the waking visit's navigation start (it starts 5 s after): ${ms(expiry)}`);
console.log(`${page}, worker asleep, expiry due: ${ms(woke)}`);
console.log(
  `${page}, 5.5 s later, during the expiry (still running at the end of ${overlapped} of ${ROUNDS} such visits): ${ms(during)}`,
);
console.log(`${page}, worker asleep, nothing to expire: ${ms(after)}`);
