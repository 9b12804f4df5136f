// `npm run demo`: the main job without a display. Loads the built extension into headless Chromium, opens every
// saved page of tests/fixtures at its real URL, prints per page the entries found with their topics, and writes a
// screenshot of the annotated page to .output/demo/.
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  DIST,
  extensionId,
  fixturePages,
  launchWithExtension,
  newProfileDir,
  OUT,
  servePages,
} from '../e2e/browser';

const outDir = join(OUT, 'demo');
mkdirSync(outDir, { recursive: true });
const limit = Number(process.env.DEMO_ROWS ?? 12);

const profile = newProfileDir();
const context = await launchWithExtension(profile);
await servePages(context);
// An extension page, to read what the background stored (titles as extracted, not as the page renders them).
const store = await context.newPage();
await store.goto(`chrome-extension://${await extensionId(context)}/popup.html`);
const storedTitles = (ids: string[]) =>
  store.evaluate(
    (keys) =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('papersift');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('papers');
          const out: Record<string, string> = {};
          for (const k of keys) {
            const r = tx.objectStore('papers').get(k);
            r.onsuccess = () => {
              if (r.result) out[k] = r.result.title;
            };
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve(out);
          };
        };
      }),
    ids,
  );
console.log(`PaperSift demo: extension ${DIST}, Chromium headless\n`);
try {
  for (const p of fixturePages().filter((f) => f.adapter)) {
    const page = await context.newPage();
    await page.goto(p.url, { waitUntil: 'domcontentloaded' });
    try {
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-papersift-topics]').length >= n,
        p.entries,
        { timeout: 30_000 },
      );
    } catch {
      // Report what is there; the count line below shows the shortfall.
    }
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('[data-papersift-id]')].map((el) => ({
        id: el.getAttribute('data-papersift-id') ?? '',
        topics: el.getAttribute('data-papersift-topics'),
      })),
    );
    const titles = await storedTitles(found.map((r) => r.id));
    const rows = found.map((r) => ({ ...r, title: titles[r.id] ?? '(not stored)' }));
    const labelled = rows.filter((r) => r.topics);
    const perTopic = new Map<string, number>();
    for (const r of labelled)
      for (const t of r.topics?.split(' ') ?? []) perTopic.set(t, (perTopic.get(t) ?? 0) + 1);
    // Screenshot around the first labelled entry, so the badges are in view.
    const firstLabelled = labelled[0]?.id;
    if (firstLabelled) {
      await page.locator(`[data-papersift-id="${firstLabelled}"]`).first().scrollIntoViewIfNeeded();
    }
    const shot = join(outDir, `${basename(p.file, '.html')}.png`);
    await page.screenshot({ path: shot });
    console.log(`== ${p.file}\n   ${p.url}  [${p.adapter}]`);
    console.log(
      `   ${rows.length} entries found (page has ${p.entries}), ${labelled.length} with a topic: ${
        [...perTopic].map(([t, n]) => `${t} ${n}`).join(', ') || 'none'
      }`,
    );
    for (const r of [...labelled, ...rows.filter((x) => !x.topics)].slice(0, limit)) {
      console.log(`   ${r.id.padEnd(24)} ${(r.topics || '-').padEnd(22)} ${r.title.slice(0, 90)}`);
    }
    if (rows.length > limit) console.log(`   … ${rows.length - limit} more`);
    console.log(`   screenshot: ${shot}\n`);
    await page.close();
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
