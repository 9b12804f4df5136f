import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, expect, type Page, test, type Worker } from '@playwright/test';

/** Project root, the built Chrome extension and Debian's Chromium (Playwright cannot download browsers here). */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The build folder (`PAPERSIFT_OUT_DIR`, as in wxt.config.ts). */
// resolve, as WXT does: an absolute PAPERSIFT_OUT_DIR is that folder, a relative one is under the project.
export const OUT = resolve(ROOT, process.env.PAPERSIFT_OUT_DIR || '.output');
export const DIST = join(OUT, 'chrome-mv3');
export const FIREFOX_DIST = join(OUT, 'firefox-mv2');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A saved real page and the URL it was saved from (tests/fixtures/pages.json). */
export interface FixturePage {
  file: string;
  url: string;
  adapter: string | null;
  entries: number;
  /** The reviewed expected extraction (tests/fixtures/expected/…), for pages with an adapter. */
  expected?: string;
  note?: string;
}

export function fixturePages(): FixturePage[] {
  return JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/pages.json'), 'utf8')) as FixturePage[];
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'papersift-profile-'));
}

/** Chromium with the built extension loaded, in a persistent profile (so a restart keeps IndexedDB). */
export async function launchWithExtension(
  userDataDir: string,
  { headless = true, dist = DIST }: { headless?: boolean; dist?: string } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      // This machine has no network: keep Chromium from trying (and logging failures) in the background.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export async function extensionId(context: BrowserContext): Promise<string> {
  const url = (await extensionWorker(context)).url();
  const id = /^chrome-extension:\/\/([a-z]+)\//.exec(url)?.[1];
  if (!id) throw new Error(`unexpected service worker URL ${url}`);
  return id;
}

/**
 * Serves the saved pages at their real URLs; every other web request (the sites' scripts, styles, images, fonts)
 * gets an empty 404, so nothing leaves the machine and the pages behave as saved; 127.0.0.1 is let through (the
 * tests' own servers). Extra pages can be added for a
 * test (e.g. a hostile page at a listing URL).
 */
export async function servePages(
  context: BrowserContext,
  extra: Record<string, string> = {},
): Promise<Map<string, string>> {
  const byUrl = new Map<string, string>();
  for (const p of fixturePages())
    byUrl.set(p.url, readFileSync(join(ROOT, 'tests/fixtures', p.file), 'utf8'));
  for (const [url, html] of Object.entries(extra)) byUrl.set(url, html);
  await context.route(/^https?:\/\//, (route) => {
    // This machine's own test servers (the Zotero stand-in) are reached for real.
    if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
    const html = byUrl.get(route.request().url());
    if (html !== undefined)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  });
  return byUrl;
}

/**
 * Each test of the calling file in a profile of its own: the extension loaded, the saved pages served at their real
 * URLs and a tab open (handed to `use` before the test), all closed and removed after it.
 */
export function eachTestInFreshBrowser(use: (fresh: { context: BrowserContext; page: Page }) => void): void {
  let profile = '';
  let context: BrowserContext | undefined;
  test.beforeEach(async () => {
    profile = newProfileDir();
    context = await launchWithExtension(profile);
    await servePages(context);
    use({ context, page: await context.newPage() });
  });
  test.afterEach(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });
}

/**
 * Opens a page and waits until every entry is classified, then scrolls through it so that every entry's tools
 * are drawn (they are drawn as entries come near the viewport), and back to the top.
 */
export async function openAnnotated(page: Page, url: string, entries: number): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('[data-papersift-topics]')).toHaveCount(entries, { timeout: 30_000 });
  await scrollThrough(page);
  // Entries the filter hides have no box, so no tools until they are shown.
  const shown = await page.locator('[data-papersift-id]:not([data-papersift-view="hide"])').count();
  await expect(
    page.locator('[data-papersift-id]:not([data-papersift-view="hide"]) papersift-entry'),
  ).toHaveCount(shown, { timeout: 30_000 });
}

/** Scrolls the page from top to bottom a screen at a time, letting each screen render, then back to the top. */
export async function scrollThrough(page: Page): Promise<void> {
  // A background tab gets almost no animation frames (nor intersection updates): bring it to the front.
  await page.bringToFront();
  await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight * 2) {
      scrollTo(0, y);
      await frame();
    }
    scrollTo(0, 0);
    await frame();
  })()`);
}

export function fixturePage(fileSuffix: string): FixturePage {
  const p = fixturePages().find((f) => f.file.endsWith(fileSuffix));
  if (!p) throw new Error(`no fixture page ${fileSuffix}`);
  return p;
}

/** The toolbar badge text of the active tab, read in the extension's service worker. */
export async function badgeText(context: BrowserContext): Promise<string> {
  const sw = await extensionWorker(context);
  return sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id === undefined ? '(no tab)' : chrome.action.getBadgeText({ tabId: tab.id });
  });
}

/** The same Chromium without the extension: the baseline that "never harm the page" compares with. */
export async function launchPlain(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
