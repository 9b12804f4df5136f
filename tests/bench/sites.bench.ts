// Every real page with entries, on every site, in headless Chromium with the built extension: our longest step on
// the page thread and the long tasks after DOMContentLoaded (the README's page budgets: under 50 ms, none), and when
// every entry was annotated. One run per page, fresh profile; numbers, not pass/fail.
//
//   npx tsx tests/bench/sites.bench.ts     (after `npm run build`)
import { rmSync } from 'node:fs';
import type { PageStats } from '../../lib/page/controller';
import { fixturePages, launchWithExtension, newProfileDir, servePages } from '../e2e/browser';

const probe = `
  window.__tasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
`;

const pages = fixturePages().filter((p) => p.adapter && p.entries > 0 && !p.file.includes('2000-entries'));
const dir = newProfileDir();
const context = await launchWithExtension(dir);
await servePages(context);
console.log('page'.padEnd(72), 'entries  longest step  long tasks after DCL  annotated after DCL');
for (const p of pages) {
  const page = await context.newPage();
  await page.addInitScript({ content: probe });
  let stats: PageStats | undefined;
  page.on('console', (m) => {
    const t = m.text();
    if (t.startsWith('PaperSift stats ')) stats = JSON.parse(t.slice('PaperSift stats '.length)) as PageStats;
  });
  await page.goto(p.url, { waitUntil: 'load' });
  const t0 = Date.now();
  while (!stats && Date.now() - t0 < 30_000) await page.waitForTimeout(50);
  const { dcl, tasks } = (await page.evaluate(`({
    dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
    tasks: window.__tasks,
  })`)) as { dcl: number; tasks: [number, number][] };
  const after = tasks.filter(([start]) => start >= dcl).length;
  const s = stats as PageStats | undefined;
  console.log(
    p.file.slice(0, 72).padEnd(72),
    String(p.entries).padStart(7),
    `${s ? s.longestStepMs.toFixed(1) : '—'} ms`.padStart(13),
    String(after).padStart(21),
    `${s ? (s.annotatedAt - dcl).toFixed(0) : '—'} ms`.padStart(20),
  );
  await page.close();
}
await context.close();
rmSync(dir, { recursive: true, force: true });
