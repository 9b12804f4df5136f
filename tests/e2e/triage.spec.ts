import { expect, type Page, test } from '@playwright/test';
import { eachTestInFreshBrowser, fixturePage, openAnnotated } from './browser';

// The morning triage from the keyboard (issue 11), in Chromium with the built extension on real and generated
// pages: the keys act on the entry the user sees focused, the flow moves on, every action can be undone, the focused
// entry is readable, "seen" means read, and the "why" is reachable from the keyboard.

const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html'); // 112 entries with abstracts
const hf40 = fixturePage('hf-daily-papers-40-ml-entries.html'); // 40 cards
const titlesOnly = fixturePage('arxiv-astro-ph.CO-pastweek-2022-11-14-old-markup.html'); // no abstracts

let page: Page;
eachTestInFreshBrowser((fresh) => {
  page = fresh.page;
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
  // Labels near their topic's threshold look different from sure ones (outlined, with a question mark).
  const unsure = page.locator('papersift-entry [data-topic][data-uncertain]');
  expect(await unsure.count()).toBeGreaterThan(0);
  await expect(unsure.first()).toHaveText(/\?$/);
  expect(await page.locator('papersift-entry [data-topic]:not([data-uncertain])').count()).toBeGreaterThan(
    await unsure.count(),
  );

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

/** Entry ids in document order, with the section (<dl>) each is in, and whether each <dt> is followed by its <dd>. */
const layout = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('dt[data-papersift-id]')].map((dt) => ({
      id: dt.getAttribute('data-papersift-id'),
      section: [...document.querySelectorAll('dl')].indexOf(dt.parentElement as HTMLDListElement),
      match: dt.hasAttribute('data-papersift-match'),
      ddFollows: dt.nextElementSibling?.tagName === 'DD',
    })),
  );

test('fold: other entries fold into "▸ N folded" lines that open into titles; the page’s nodes stay', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const before = await layout();
  const nodes = await page.evaluate(() => document.querySelectorAll('dt, dd').length);
  await bar().locator('button[data-mode="fold"]').click();
  const folds = page.locator('papersift-fold');
  await expect(folds.first()).toBeVisible();
  // Every entry outside the topics is folded, in runs of consecutive entries of one section.
  const counts = await folds.evaluateAll((els) =>
    els.map((el) => Number(/(\d+) folded/.exec(el.shadowRoot?.textContent ?? '')?.[1])),
  );
  const others = before.filter((e) => !e.match);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(others.length);
  let runs = 0;
  before.forEach((e, i) => {
    const prev = before[i - 1];
    if (!e.match && (!prev || prev.match || prev.section !== e.section)) runs++;
  });
  expect(counts).toHaveLength(runs);
  for (const e of others) await expect(page.locator(`[data-papersift-id="${e.id}"]`)).toBeHidden();
  for (const e of before.filter((x) => x.match))
    await expect(page.locator(`[data-papersift-id="${e.id}"]`)).toBeVisible();
  // A run opens into its titles; a title opens its entry.
  const first = folds.first();
  await first.locator('button[data-action="fold"]').click();
  const title = first.locator('button[data-open]').first();
  const id = (await title.getAttribute('data-open')) as string;
  await title.click();
  await expect(page.locator(`[data-papersift-id="${id}"]`)).toBeVisible();
  // Nothing of the page was moved or removed; back to "All", our lines go.
  expect(await page.evaluate(() => document.querySelectorAll('dt, dd').length)).toBe(nodes);
  expect((await layout()).map((e) => e.id)).toEqual(before.map((e) => e.id));
  await bar().locator('button[data-mode="all"]').click();
  await expect(folds).toHaveCount(0);
});

test('relevant first: matching entries lead each section, sections unmixed; off restores the page order', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const before = await layout();
  expect(new Set(before.map((e) => e.section)).size).toBeGreaterThan(1);
  await bar()
    .getByLabel(/relevant first/)
    .check();
  await expect.poll(async () => (await layout()).map((e) => e.id)).not.toEqual(before.map((e) => e.id));
  const after = await layout();
  for (const section of new Set(before.map((e) => e.section))) {
    const was = before.filter((e) => e.section === section);
    const now = after.filter((e) => e.section === section);
    expect(now.map((e) => e.id)).toEqual(
      [...was.filter((e) => e.match), ...was.filter((e) => !e.match)].map((e) => e.id),
    );
  }
  expect(after.every((e) => e.ddFollows)).toBe(true);
  // j follows the order on screen.
  await page.keyboard.press('j');
  await expect(focused()).toHaveAttribute('data-papersift-id', after[0]?.id as string);
  await bar()
    .getByLabel(/relevant first/)
    .uncheck();
  await expect.poll(async () => (await layout()).map((e) => e.id)).toEqual(before.map((e) => e.id));
  expect((await layout()).every((e) => e.ddFollows)).toBe(true);
});
