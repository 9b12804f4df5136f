import { expect, type Locator, type Page, test } from '@playwright/test';
import { openProfile, type Profile, seedSample } from './library-data';

// The options page as a user meets it: the message of an action shows where the user is looking.

let profile: Profile | undefined;
test.afterEach(async () => {
  await profile?.close();
  profile = undefined;
});

/** The element's box lies wholly inside the window (what the user sees without scrolling). */
async function inView(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0;
}

test('the message of an action far down the options page shows in the window', async () => {
  const p = await openProfile();
  profile = p;
  const options = await seedSample(p);
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
