import { expect, type Locator, type Page, test } from '@playwright/test';
import { fixturePages, servePages } from './browser';
import { optionsUrl, profilePerTest } from './library-data';

// The options page as a user meets it: the message of an action shows where the user is looking, and each site's
// health (entries found per visit) is shown.

const profiles = profilePerTest();
const listing = fixturePages().find((p) => p.file.endsWith('arxiv-cs.LG-new-2026-07-24.html'));

/** The element's box lies wholly inside the window (what the user sees without scrolling). */
async function inView(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0;
}

test('the message of an action far down the options page shows in the window', async () => {
  const { options } = await profiles.seeded();
  await options.setViewportSize({ width: 1000, height: 600 });
  // The page's message, as a status or an alert (found by its text, wherever it is).
  const message = (text: RegExp) =>
    options.locator('[role="status"], [role="alert"]').filter({ hasText: text });

  // Export, at the bottom of the page (the page is scrolled: its title is out of view).
  await options.getByLabel('Export format').selectOption({ label: 'JSON backup (everything)' });
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  expect(await inView(options, options.getByRole('heading', { name: 'PaperSift options' }))).toBe(false);
  const exported = message(/Exported a backup of 36 papers\./);
  await expect(exported).toBeVisible();
  expect(await inView(options, exported)).toBe(true);
  await options.screenshot({ path: test.info().outputPath('options-message.png') });
  await exported.getByRole('button', { name: 'Dismiss' }).click();
  await expect(exported).toHaveCount(0);

  // Delete everything, further down still.
  await options.getByLabel('Type delete everything to confirm').fill('delete everything');
  await options.getByRole('button', { name: 'Delete everything' }).click();
  const deleted = message(/Everything was deleted\./);
  await expect(deleted).toBeVisible();
  expect(await inView(options, deleted)).toBe(true);
  await expect(options.getByTestId('data-counts')).toHaveText('0 papers saved, 0 papers seen.');
});

test("the options page shows each site's health: entries found per visit, and a visit that found none", async () => {
  const truncated = fixturePages().find((x) => x.file.includes('truncated-response'));
  expect(listing && truncated).toBeTruthy();
  if (!listing || !truncated) return;
  const p = await profiles.open();
  await servePages(p.context);
  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  await expect(options.getByRole('heading', { name: 'Health', exact: true })).toBeVisible();
  await expect(options.getByText('No page visited yet.')).toBeVisible();
  const page = await p.context.newPage();
  await page.goto(listing.url);
  await expect(page.locator('[data-papersift-topics]')).toHaveCount(listing.entries, { timeout: 30_000 });
  // A real truncated response: the header announces 93 entries, the body has none.
  await page.goto(truncated.url);
  const row = options.getByTestId('site-health').locator('tbody tr');
  await expect
    .poll(async () => {
      await options.reload();
      return (await row.count()) ? await row.first().textContent() : '';
    })
    .toContain('0, 112');
  await expect(options.getByRole('heading', { name: 'Health (last 2 page visits)' })).toBeVisible();
  await expect(row.first().locator('td').nth(1)).toHaveText('arxiv-list');
  await expect(row.first().locator('td').nth(2)).toHaveText('2');
  await expect(options.getByTestId('health-warning')).toContainText(`no entry found on ${truncated.url}`);
  // ...with the adapter's reason (the page's own count against what was found).
  await expect(options.getByTestId('health-warning')).toContainText(
    'the page says "total of 93 entries" but has no entries (truncated or changed page?)',
  );
});
