import { rmSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { extensionId, fixturePages, launchWithExtension, newProfileDir, servePages } from './browser';

const listing = fixturePages().find((p) => p.file.endsWith('arxiv-cs.LG-new-2026-07-24.html'));
const hfDaily = fixturePages().find((p) => p.file.endsWith('hf-daily-papers-2024-08-01.html'));

async function saveEntry(page: Page, index: number): Promise<{ id: string; title: string }> {
  const entry = page.locator('[data-papersift-topics]').nth(index);
  const id = (await entry.getAttribute('data-papersift-id')) ?? '';
  await entry.locator('papersift-entry').locator('button[data-action="save"]').click();
  await expect(entry).toHaveAttribute('data-papersift-saved', 'true');
  await expect(
    entry.locator('papersift-entry').locator('button[data-action="save"][aria-pressed="true"]'),
  ).toBeVisible();
  const title = await page.evaluate((pid) => {
    const el = document.querySelector(`[data-papersift-id="${pid}"]`);
    // arXiv: the title is in the <dd> after the entry's <dt>; Hugging Face: in the card's h3.
    const dd = el?.tagName === 'DT' ? el.nextElementSibling : el;
    const t = dd?.querySelector('.list-title, h3');
    return (t?.textContent ?? '')
      .replace(/^\s*Title:\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
  }, id);
  return { id, title };
}

/** Opens the popup and waits until its rows are `titles`, in order ("… saved" shows before the library loads). */
async function expectPopupTitles(page: Page, extId: string, titles: string[]): Promise<void> {
  await page.goto(`chrome-extension://${extId}/popup.html`);
  await expect(page.locator('li[data-paper-id] a')).toHaveText(titles);
}

test('papers saved on arXiv and Hugging Face show in the popup, newest first, and survive a restart', async () => {
  expect(listing).toBeDefined();
  expect(hfDaily).toBeDefined();
  if (!listing || !hfDaily) return;
  const profile = newProfileDir();
  try {
    let context = await launchWithExtension(profile);
    await servePages(context);
    const page = await context.newPage();
    await page.goto(listing.url);
    await expect(page.locator('[data-papersift-topics]')).toHaveCount(listing.entries, { timeout: 30_000 });
    const first = await saveEntry(page, 0);
    const second = await saveEntry(page, 5);
    await page.goto(hfDaily.url);
    await expect(page.locator('[data-papersift-topics]')).toHaveCount(hfDaily.entries, { timeout: 30_000 });
    const third = await saveEntry(page, 2);

    const extId = await extensionId(context);
    const popup = await context.newPage();
    const expected = [third, second, first].map((p) => p.title);
    await expectPopupTitles(popup, extId, expected);
    await expect(popup.getByTestId('saved-count')).toHaveText('3 saved');

    // Unsave from the page: the popup follows.
    await page
      .locator(
        `[data-papersift-id="${third.id}"] papersift-entry button[data-action="save"][aria-pressed="true"]`,
      )
      .click();
    await expect(page.locator(`[data-papersift-id="${third.id}"]`)).not.toHaveAttribute(
      'data-papersift-saved',
    );
    await expectPopupTitles(popup, extId, expected.slice(1));

    await context.close();
    context = await launchWithExtension(profile);
    await servePages(context);
    const again = await context.newPage();
    await expectPopupTitles(again, await extensionId(context), expected.slice(1));
    // And the listing, opened again, shows them as saved.
    await again.goto(listing.url);
    await expect(again.locator('[data-papersift-saved="true"]')).toHaveCount(2, { timeout: 30_000 });
    expect(
      await again
        .locator('[data-papersift-saved="true"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-papersift-id'))),
    ).toEqual([first.id, second.id]);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
