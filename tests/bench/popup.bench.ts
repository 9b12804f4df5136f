/**
 * The popup with a 10,000-paper library, in Chromium with the built extension. Prints numbers only (no pass/fail).
 *   npx tsx tests/bench/popup.bench.ts      (builds the extension first when .output/chrome-mv3 is missing)
 * Library: the first 10,000 papers of ../shared/data/papers.jsonl (real titles and abstracts), authors lent from the
 * real cs.LG metadata file (that data set has none), 5% with notes and tags, a third read or reading, 2 lists.
 * - first render: navigation start → the list painted (the popup's `papersift:list-painted` mark), median of 9 loads;
 * - search: per keystroke, the input event → the list updated and painted (`papersift:search` measures), typing
 *   realistic queries one character at a time (the index is built first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DIST, extensionId, launchWithExtension, newProfileDir, ROOT } from '../e2e/browser';

const N = 10_000;
const SHARED = join(ROOT, '../shared');
const TOPIC_RULES: [string, RegExp][] = [
  ['gnn', /graph neural|\bGNNs?\b|graph convolution|message[- ]passing/i],
  ['rl', /reinforcement learning|policy gradient|\bRLHF\b/i],
  ['hypernetworks', /hypernetwork/i],
  ['recommendation', /recommend/i],
];

interface Row {
  id: string;
  title: string;
  abstract: string;
  categories: string[];
}

function library() {
  const rows = readFileSync(join(SHARED, 'data/papers.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, N)
    .map((l) => JSON.parse(l) as Row);
  const authors = readFileSync(
    join(SHARED, 'fixtures/generated/arxiv-cs.LG-metadata-2026-05-12..07-24.jsonl'),
    'utf8',
  )
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { authors: string[] }).authors);
  const t0 = Date.UTC(2025, 0, 1);
  const papers = rows.map((r, i) => {
    const arxiv = /^\d{4}\.\d{4,5}$/.test(r.id);
    const id = arxiv ? `arxiv:${r.id}` : r.id.includes(':') ? r.id : `paper:${r.id}`;
    const text = `${r.title} ${r.abstract}`;
    const topics = TOPIC_RULES.filter(([, re]) => re.test(text)).map(([t]) => t);
    return {
      id,
      title: r.title,
      authors: authors[i % authors.length] ?? [],
      abstract: r.abstract,
      url: arxiv
        ? `https://arxiv.org/abs/${r.id}`
        : `https://openreview.net/forum?id=${encodeURIComponent(r.id)}`,
      categories: r.categories,
      sites: [i % 3 === 0 ? 'huggingface' : 'arxiv'],
      firstSeen: t0 + i * 60_000,
      lastSeen: t0 + i * 60_000,
      topics,
      scores: Object.fromEntries(TOPIC_RULES.map(([t]) => [t, topics.includes(t) ? 0.9 : 0.05])),
      evidence: Object.fromEntries(topics.map((t) => [t, ['rule']])),
    };
  });
  const memberships = papers.flatMap((p, i) => [
    { listId: 'default', paperId: p.id, addedAt: t0 + i * 60_000 },
    ...(i % 10 === 0 ? [{ listId: 'list-thesis', paperId: p.id, addedAt: t0 + i * 60_000 + 1 }] : []),
  ]);
  const userData = papers
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => i % 3 === 0 || i % 20 === 0)
    .map(({ p, i }) => ({
      id: p.id,
      ...(i % 3 === 0 ? { status: i % 2 ? 'read' : 'reading' } : {}),
      ...(i % 20 === 0 ? { notes: 'Compare with our baseline; check the ablation and the appendix.' } : {}),
      tags: i % 20 === 0 ? ['thesis', 'to-cite'] : [],
      updatedAt: t0,
    }));
  return { papers, memberships, userData };
}

async function fill(page: Page): Promise<void> {
  const { papers, memberships, userData } = library();
  const lists = [
    { id: 'default', name: 'Reading list', order: 0, createdAt: 0 },
    { id: 'list-thesis', name: 'Thesis', order: 1, createdAt: 0 },
  ];
  const put = (store: string, rows: unknown[]) =>
    page.evaluate(
      ({ store, rows }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('papersift');
          open.onsuccess = () => {
            const tx = open.result.transaction(store, 'readwrite');
            for (const r of rows) tx.objectStore(store).put(r);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      { store, rows },
    );
  await put('lists', lists);
  for (let i = 0; i < papers.length; i += 1000) await put('papers', papers.slice(i, i + 1000));
  await put('memberships', memberships);
  await put('userData', userData);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  if (!existsSync(join(DIST, 'manifest.json')))
    spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  // A private copy of the build: another `wxt build` in the same tree must not swap files under the browser.
  const dist = mkdtempSync(join(tmpdir(), 'papersift-dist-'));
  cpSync(DIST, dist, { recursive: true });
  const profile = newProfileDir();
  const context = await launchWithExtension(profile, { dist });
  try {
    const popupUrl = `chrome-extension://${await extensionId(context)}/popup.html`;
    const page = await context.newPage();
    await page.setViewportSize({ width: 600, height: 580 });
    await page.goto(popupUrl);
    await page.getByTestId('saved-count').waitFor();
    await fill(page);

    const MARKS = [
      'papersift:script',
      'papersift:db-open',
      'papersift:first-page',
      'papersift:rendered',
      'papersift:list-painted',
      'papersift:counted',
    ];
    const marks: Record<string, number[]> = Object.fromEntries(MARKS.map((m) => [m, []]));
    const titlesAt: number[] = [];
    const indexedAt: number[] = [];
    for (let i = 0; i < 9; i++) {
      await page.goto(popupUrl);
      await page.waitForFunction(() => performance.getEntriesByName('papersift:indexed').length > 0, null, {
        timeout: 120_000,
      });
      const at = await page.evaluate(
        (names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN),
        [...MARKS, 'papersift:indexed-titles', 'papersift:indexed'],
      );
      if ((await page.locator('li[data-paper-id]').count()) === 0)
        throw new Error('the popup shows no paper');
      for (const [j, m] of MARKS.entries()) marks[m]?.push(at[j] as number);
      titlesAt.push(at[MARKS.length] as number);
      indexedAt.push(at[MARKS.length + 1] as number);
    }
    const loads = marks['papersift:list-painted'] ?? [];
    console.log(
      `popup with ${await page.getByTestId('saved-count').textContent()}, ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)}`,
    );
    console.log(
      `first render (navigation start → list painted): median ${ms(median(loads))}, runs ${loads.map((x) => x.toFixed(0)).join(' ')}`,
    );
    console.log(
      `  of which (medians from navigation start): script runs ${ms(median(marks['papersift:script'] ?? []))}, database open ${ms(median(marks['papersift:db-open'] ?? []))}, first page read ${ms(median(marks['papersift:first-page'] ?? []))} (one transaction), rows in the DOM ${ms(median(marks['papersift:rendered'] ?? []))}; lists counted ${ms(median(marks['papersift:counted'] ?? []))}`,
    );
    console.log(
      `search index (worker, after first paint): titles/authors/notes/tags ready ${ms(median(titlesAt))}, with abstracts ${ms(median(indexedAt))}`,
    );

    const queries = [
      'graph neural network',
      'reinforcement learning policy',
      'diffusion model image',
      'ablation baseline',
    ];
    const all: number[] = [];
    const allPaints: number[] = [];
    const search = page.getByLabel('Search saved papers');
    for (const q of queries) {
      await search.fill('');
      await page.waitForTimeout(100);
      const times: number[] = [];
      const paints: number[] = [];
      for (const ch of q) {
        const before = await page.evaluate(
          () => performance.getEntriesByName('papersift:search-paint').length,
        );
        await search.press(ch === ' ' ? 'Space' : ch);
        await page.waitForFunction(
          (n) => performance.getEntriesByName('papersift:search-paint').length > n,
          before,
        );
        const [dom, paint] = await page.evaluate(() => [
          performance.getEntriesByName('papersift:search').at(-1)?.duration ?? Number.NaN,
          performance.getEntriesByName('papersift:search-paint').at(-1)?.duration ?? Number.NaN,
        ]);
        times.push(dom as number);
        paints.push(paint as number);
      }
      const hits = await page.getByTestId('view-count').textContent();
      console.log(
        `search "${q}": input → list updated median ${ms(median(times))}, max ${ms(Math.max(...times))}; → painted median ${ms(median(paints))} (${hits})`,
      );
      all.push(...times);
      allPaints.push(...paints);
    }
    console.log(
      `search per keystroke (${all.length}), input → list updated: median ${ms(median(all))}, p95 ${ms(pct(all, 0.95))}, max ${ms(Math.max(...all))}`,
    );
    console.log(
      `search per keystroke (${allPaints.length}), input → list painted: median ${ms(median(allPaints))}, p95 ${ms(pct(allPaints, 0.95))}`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
