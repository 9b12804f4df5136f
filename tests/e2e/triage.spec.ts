import { rmSync } from 'node:fs';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { fixturePage, launchWithExtension, newProfileDir, openAnnotated, servePages } from './browser';

// The morning triage from the keyboard (issue 11), in Chromium with the built extension on real and generated
// pages: the keys act on the entry the user sees focused, the flow moves on, every action can be undone, the focused
// entry is readable, "seen" means read, and the "why" is reachable from the keyboard.

const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html'); // 112 entries with abstracts
const hf40 = fixturePage('hf-daily-papers-40-ml-entries.html'); // 40 cards
const titlesOnly = fixturePage('arxiv-astro-ph.CO-pastweek-2022-11-14-old-markup.html'); // no abstracts

let context: BrowserContext;
let profile: string;
let page: Page;

test.beforeEach(async () => {
  profile = newProfileDir();
  context = await launchWithExtension(profile);
  await servePages(context);
  page = await context.newPage();
});
test.afterEach(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

const bar = () => page.locator('papersift-bar');
const focused = () => page.locator('[data-papersift-focus]');
const ids = () =>
  page
    .locator('[data-papersift-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-papersift-id')));
const flagged = (flag: string) =>
  page
    .locator(`[data-papersift-${flag}="true"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-papersift-id')));

for (const p of [listing, hf40]) {
  test(`${p.file}: j s j s j s j x j s saves, dismisses and moves on; nothing is silently unsaved`, async () => {
    await openAnnotated(page, p.url, p.entries);
    const all = (await ids()) as string[];
    for (const key of 'j s j s j s j x j s'.split(' ')) {
      await page.keyboard.press(key);
      // Each key acts once its request is answered (the entry's buttons wait meanwhile).
      await expect(page.locator('papersift-entry button[data-action="save"][disabled]')).toHaveCount(0);
    }
    await expect.poll(() => flagged('saved')).toEqual([all[0], all[2], all[4], all[8]]);
    expect(await flagged('dismissed')).toEqual([all[6]]);
    await expect(focused()).toHaveAttribute('data-papersift-id', all[9] as string);
  });
}

test('j/k bring the focused entry fully into view: its top near the top, its title clear of the bar', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  for (let i = 0; i < 5; i++) await page.keyboard.press('j');
  const vh = await page.evaluate(() => innerHeight);
  // arXiv's entry is the <dt> id line and the <dd> after it (title, authors, abstract).
  const box = await focused().evaluate((dt) => {
    const dd = dt.nextElementSibling as Element;
    const r = (el: Element) => el.getBoundingClientRect();
    const title = dd.querySelector('.list-title') as Element;
    return {
      top: r(dt).top,
      titleTop: r(title).top,
      titleBottom: r(title).bottom,
      abstractTop: r(dd).bottom,
    };
  });
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeLessThanOrEqual(vh * 0.25);
  const barBox = await bar().evaluate((el) => {
    const r = (el.shadowRoot?.firstElementChild ?? el).getBoundingClientRect();
    return { top: r.top };
  });
  expect(box.titleBottom).toBeLessThan(barBox.top);
  await page.keyboard.press('k');
  const back = await focused().evaluate((dt) => dt.getBoundingClientRect().top);
  expect(back).toBeGreaterThanOrEqual(0);
  expect(back).toBeLessThanOrEqual(vh * 0.25);
});

test('a dismiss and a save say so with an Undo (button, and the u key) that restores the paper', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const all = (await ids()) as string[];
  const notice = bar().getByRole('status');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(notice).toContainText('Dismissed');
  const second = page.locator(`[data-papersift-id="${all[1]}"]`);
  await expect(second).toBeHidden();
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(second).not.toHaveAttribute('data-papersift-dismissed', 'true');
  await expect(second).toBeVisible();
  await expect(focused()).toHaveAttribute('data-papersift-id', all[1] as string);
  await expect(notice).toHaveCount(0);

  await page.keyboard.press('s');
  await expect(notice).toContainText('Saved');
  await expect(second).toHaveAttribute('data-papersift-saved', 'true');
  await page.keyboard.press('u');
  await expect(second).not.toHaveAttribute('data-papersift-saved', 'true');
  expect(await flagged('saved')).toEqual([]);
});

test('"seen" means read: after a reload only the entries that were on screen for a while are seen', async () => {
  await page.goto(listing.url, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('[data-papersift-topics]')).toHaveCount(listing.entries, { timeout: 30_000 });
  await page.bringToFront();
  // The first screen stays in view long enough to be read; the rest of the page is never shown.
  await page.waitForTimeout(3500);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(page.locator('[data-papersift-topics]')).toHaveCount(listing.entries, { timeout: 30_000 });
  const seen = await page
    .locator('[data-papersift-seen]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-papersift-id')));
  const all = (await ids()) as string[];
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.length).toBeLessThan(10);
  expect(seen).toEqual(all.slice(0, seen.length));
  // "new only" counts the others.
  await expect(bar()).toContainText(new RegExp(`new only\\s*${listing.entries - seen.length}\\b`));
});

test('the why (score, evidence, text kind) is in the page and reachable from the keyboard', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const matchIndex = await page
    .locator('[data-papersift-id]')
    .evaluateAll((els) => els.findIndex((e) => e.hasAttribute('data-papersift-match')));
  expect(matchIndex).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= matchIndex; i++) await page.keyboard.press('j');
  await page.keyboard.press('m');
  const why = focused().locator('papersift-entry [data-section="why"]');
  await expect(why).toBeVisible();
  await expect(why).toContainText(/\d+%/);
  await expect(why).toContainText('“');
  await expect(why).toContainText('From the title and abstract');
  await page.keyboard.press('Escape');
  await expect(why).toHaveCount(0);

  await openAnnotated(page, titlesOnly.url, titlesOnly.entries);
  await page.keyboard.press('j');
  await page.keyboard.press('m');
  await expect(focused().locator('papersift-entry [data-section="why"]')).toContainText(
    'From the title only',
  );
});

test('the filter bar keeps its controls in place as its counts change', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const layout = () =>
    bar().evaluate((el) =>
      [...(el.shadowRoot?.querySelectorAll('button, input, label') ?? [])].map((c) => {
        const r = c.getBoundingClientRect();
        return [Math.round(r.left), Math.round(r.top), Math.round(r.width)];
      }),
    );
  const before = await layout();
  // Counts go from three digits to one.
  await bar().locator('input[type="search"]').fill('zzzz-no-such-word');
  await expect(bar()).toContainText('0 shown');
  expect(await layout()).toEqual(before);
});
