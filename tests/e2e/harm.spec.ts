import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  extensionId,
  fixturePage,
  fixturePages,
  launchPlain,
  launchWithExtension,
  newProfileDir,
  openAnnotated,
  ROOT,
  scrollThrough,
  servePages,
} from './browser';

// "Never harm the page": the same real pages with and without the extension, in the same Chromium.

interface Problems {
  errors: string[];
}

function watch(page: Page): Problems {
  const p: Problems = { errors: [] };
  page.on('pageerror', (e) => p.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The saved pages' images, styles and scripts are not served here: each failed load logs an error, in an
    // order that varies between runs. The extension itself loads nothing from the page's origin.
    const url = m.location().url;
    if (m.text().startsWith('Failed to load resource') && !url.startsWith('chrome-extension://')) return;
    if (m.type() === 'error') p.errors.push(`console: ${m.text()} @ ${url}`);
  });
  return p;
}

async function withContexts(run: (plain: BrowserContext, ext: BrowserContext) => Promise<void>, extra = {}) {
  const dirs = [newProfileDir(), newProfileDir()];
  const plain = await launchPlain(dirs[0] as string);
  const ext = await launchWithExtension(dirs[1] as string);
  await servePages(plain, extra);
  await servePages(ext, extra);
  try {
    await run(plain, ext);
  } finally {
    await plain.close();
    await ext.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

test('no error and no console error from the extension on any real page', async () => {
  // Every real page twice (with and without the extension): about 4 minutes for 29 pages on a busy 2-core machine.
  test.setTimeout(480_000);
  await withContexts(async (plain, ext) => {
    for (const p of fixturePages()) {
      const a = await plain.newPage();
      const seenA = watch(a);
      await a.goto(p.url, { waitUntil: 'load' });
      await a.waitForTimeout(300);
      const b = await ext.newPage();
      const seenB = watch(b);
      if (p.adapter && p.entries > 0) await openAnnotated(b, p.url, p.entries);
      else await b.goto(p.url, { waitUntil: 'load' });
      await b.waitForTimeout(300);
      // The pages' own failures (their scripts and images are not served here) happen with or without us; with
      // the extension there is no error that the page alone does not have.
      const baseline = [...seenA.errors];
      const extra = seenB.errors.filter((e) => {
        const k = baseline.indexOf(e);
        if (k < 0) return true;
        baseline.splice(k, 1);
        return false;
      });
      expect({ page: p.file, extra }).toEqual({ page: p.file, extra: [] });
      await a.close();
      await b.close();
    }
  });
});

const HOSTILE = [
  `<img src=x onerror="window.__pwned='img'">`,
  `<script>window.__pwned='script'</script>`,
  `" onmouseover="window.__pwned='attr'" data-x="`,
  `</span><b>bold</b>`,
];

test('page text is never inserted as HTML: hostile titles, authors and abstracts stay text, nothing runs', async () => {
  // The real cs.LG listing with page text replaced by markup-like strings, escaped as arXiv would serve them.
  const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html');
  const url = 'https://arxiv.org/list/cs.AI/new';
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  let html = readFileSync(join(ROOT, 'tests/fixtures', listing.file), 'utf8');
  let i = 0;
  html = html.replace(/(<span class='descriptor'>Title:<\/span>)([^<]*)/g, (_m, d: string, t: string) =>
    i < HOSTILE.length * 2
      ? `${d} Graph neural network ${esc(HOSTILE[i++ % HOSTILE.length] as string)}${t}`
      : `${d}${t}`,
  );
  let j = 0;
  html = html.replace(/<p class='mathjax'>/g, (m) =>
    j < HOSTILE.length ? `${m}${esc(HOSTILE[j++] as string)} reinforcement learning ` : m,
  );
  expect(i).toBe(HOSTILE.length * 2);
  expect(j).toBe(HOSTILE.length);
  await withContexts(
    async (_plain, ext) => {
      const page = await ext.newPage();
      await openAnnotated(page, url, listing.entries);
      const first = page.locator('[data-papersift-id]').first();
      await first.locator('papersift-entry').locator('button[data-action="save"]').click();
      await expect(first).toHaveAttribute('data-papersift-saved', 'true');
      // Hover every badge (titles carry the text), open a menu, type the hostile text in the filter.
      for (const b of await page.locator('papersift-entry [data-topic]').all()) await b.hover();
      await page.locator('papersift-bar input[type="search"]').fill(HOSTILE[0] as string);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        injected: [...document.querySelectorAll('papersift-entry, papersift-bar')].reduce(
          (n, h) =>
            n + (h.shadowRoot?.querySelectorAll('img, script, b, [onerror], [onmouseover]').length ?? 0),
          0,
        ),
      }));
      expect(state).toEqual({ pwned: null, injected: 0 });
      // The popup shows the saved hostile title as text.
      const popup = await ext.newPage();
      await popup.goto(`chrome-extension://${await extensionId(ext)}/popup.html`);
      await expect(popup.locator('li[data-paper-id]').first()).toContainText('<img src=x onerror=');
      expect(await popup.locator('img, script:not([src]), b').count()).toBe(0);
      expect(
        await popup.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null),
      ).toBeNull();
    },
    { [url]: html },
  );
});

test("the page's own layout and styles are unchanged outside our elements, on every site's pages", async () => {
  // Every real page with entries, and the usual day's listing (the 2,000-entry page adds time, not a case).
  const pages = fixturePages().filter((p) => p.entries > 0 && !p.file.includes('2000-entries'));
  test.setTimeout(60_000 + pages.length * 20_000);
  // Geometry and a few computed styles of every element the page renders, except our own and the highlight we
  // add to matching entries (box-shadow, background), which is the feature. The pages' own animations are stopped
  // first (a button's ripple is wherever its timer left it), and both pages were scrolled through the same way
  // (lazy images then fail to load in both).
  const snapshot = async (page: Page) => {
    await page.addStyleTag({
      content: '*, ::before, ::after { animation: none !important; transition: none !important; }',
    });
    return page.evaluate(() =>
      [...document.body.querySelectorAll('*')]
        .filter(
          (el) => !el.closest('papersift-entry, papersift-bar') && getComputedStyle(el).display !== 'none',
        )
        .map((el) => {
          const r = el.getBoundingClientRect();
          const s = getComputedStyle(el);
          return `${el.tagName} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)} ${s.color} ${s.fontSize} ${s.fontFamily} ${s.display} ${s.margin} ${s.padding} ${s.opacity}`;
        }),
    );
  };
  await withContexts(async (plain, ext) => {
    for (const p of pages) {
      const a = await plain.newPage();
      await a.goto(p.url, { waitUntil: 'load' });
      await scrollThrough(a);
      const b = await ext.newPage();
      await openAnnotated(b, p.url, p.entries);
      const [sa, sb] = [await snapshot(a), await snapshot(b)];
      expect.soft(sb.length, p.file).toBe(sa.length);
      const diff = sa.map((x, k) => (x === sb[k] ? null : `${x}\n   ${sb[k]}`)).filter(Boolean);
      expect.soft(diff.slice(0, 3), `${p.file}: ${diff.length} elements moved or restyled`).toEqual([]);
      await a.close();
      await b.close();
    }
  });
});
