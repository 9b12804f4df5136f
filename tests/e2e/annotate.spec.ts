import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, expect, test } from '@playwright/test';
import { canonicalId } from '../../lib/ids';
import { fixturePages, launchWithExtension, newProfileDir, ROOT, scrollThrough, servePages } from './browser';

// Every real page (and the generated ones) with an adapter, opened at its real URL in Chromium with the built
// extension: each entry must carry the canonical id and, once classified, the topics attribute, and show its tools.
const pages = fixturePages().filter((p) => p.adapter !== null);

let context: BrowserContext;
let profile: string;
test.beforeAll(async () => {
  profile = newProfileDir();
  context = await launchWithExtension(profile);
  await servePages(context);
});
test.afterAll(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

for (const p of pages) {
  test(`annotates every entry of ${p.file}`, async () => {
    // The 2,000-entry page (6 MB) takes over a minute to scroll through on a busy 2-core machine.
    test.setTimeout(p.entries > 1000 ? 300_000 : 90_000);
    const page = await context.newPage();
    const errors: string[] = [];
    // The saved pages' own scripts fail here (their script files are not served); only ours count.
    page.on('pageerror', (e) => {
      if (`${e.stack ?? ''}`.includes('chrome-extension://')) errors.push(e.message);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) errors.push(m.text());
    });
    await page.goto(p.url, { waitUntil: 'domcontentloaded' });
    if (p.entries === 0) {
      // Nothing to annotate: give the content script time to run, then check it added nothing.
      await page.waitForTimeout(1500);
      expect(await page.locator('[data-papersift-id]').count()).toBe(0);
      return;
    }
    await expect(page.locator('[data-papersift-topics]')).toHaveCount(p.entries, { timeout: 30_000 });
    // The tools are drawn as entries come near the viewport: scroll through the page, then count them.
    await scrollThrough(page);
    await expect(page.locator('[data-papersift-id] papersift-entry')).toHaveCount(p.entries, {
      timeout: 30_000,
    });
    const entries = await page.evaluate(() =>
      [...document.querySelectorAll('[data-papersift-id]')].map((el) => ({
        tag: el.tagName,
        id: el.getAttribute('data-papersift-id') ?? '',
        topics: el.getAttribute('data-papersift-topics'),
        tools: el.querySelectorAll('papersift-entry').length,
        saveButton:
          el.querySelector('papersift-entry')?.shadowRoot?.querySelector('button[data-action="save"]') !==
          null,
      })),
    );
    expect(entries).toHaveLength(p.entries);
    // In order: the entries of the reviewed extraction, as the page shows them.
    const expected = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', p.expected as string), 'utf8')) as {
      papers: { id: string }[];
    };
    expect(entries.map((e) => e.id)).toEqual(expected.papers.map((x) => x.id));
    for (const e of entries) {
      expect(canonicalId(e.id)).toBe(e.id);
      expect(e.topics).toMatch(/^((gnn|rl|hypernetworks|recommendation)( |$))*$/);
      expect(e.tools).toBe(1);
      expect(e.saveButton).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
}
