import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  extensionId,
  fixturePage,
  launchWithExtension,
  newProfileDir,
  openAnnotated,
  servePages,
} from './browser';

// The user's own topic (issue 3, point 5), end to end: created on the options page from a name and key phrases,
// used on the next page, taught by a relevance mark on the page, kept in IndexedDB across a browser restart.

const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html');

test("a topic of the user's own labels the next page, learns from a mark, and survives a restart", async () => {
  const profile = newProfileDir();
  try {
    let context = await launchWithExtension(profile);
    await servePages(context);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${await extensionId(context)}/options.html`);
    await options.getByRole('button', { name: 'New topic' }).click();
    await options.locator('#topic-name').fill('Diffusion models');
    await options.locator('#topic-short').fill('Diff');
    await options
      .locator('#topic-phrases')
      .fill('diffusion model\ndenoising diffusion\nscore-based generative');
    await options.getByRole('button', { name: 'Create topic' }).click();
    await expect(options.locator('[data-topic-row^="topic-"]')).toHaveCount(1);
    const topicId = (await options
      .locator('[data-topic-row^="topic-"]')
      .getAttribute('data-topic-row')) as string;

    const page = await context.newPage();
    await openAnnotated(page, listing.url, listing.entries);
    const labelled = page.locator(`[data-papersift-topics~="${topicId}"]`);
    const n = await labelled.count();
    expect(n).toBeGreaterThan(0);
    // Every paper it labels uses the topic's words (diffusion, or score-based generation).
    for (const text of await labelled.evaluateAll((els) =>
      els.map((el) => `${el.textContent} ${el.nextElementSibling?.textContent}`.toLowerCase()),
    )) {
      expect(text).toMatch(/diffusion|score-based/);
    }
    await expect(page.locator('papersift-bar').locator(`button[data-topic="${topicId}"]`)).toContainText(
      `Diff ${n}`,
    );

    // A paper without the topic's words, marked relevant: the mark decides its label.
    const other = page.locator(`[data-papersift-id]:not([data-papersift-topics~="${topicId}"])`).first();
    const otherId = (await other.getAttribute('data-papersift-id')) as string;
    const entry = page.locator(`[data-papersift-id="${otherId}"]`);
    await entry.locator('papersift-entry button[data-action="menu"]').click();
    await entry.locator(`papersift-entry [data-mark-topic="${topicId}"] button`, { hasText: 'yes' }).click();
    await expect(entry).toHaveAttribute('data-papersift-topics', new RegExp(`(^| )${topicId}( |$)`));

    await context.close();
    context = await launchWithExtension(profile);
    await servePages(context);
    const again = await context.newPage();
    await openAnnotated(again, listing.url, listing.entries);
    await expect(again.locator(`[data-papersift-id="${otherId}"]`)).toHaveAttribute(
      'data-papersift-topics',
      new RegExp(`(^| )${topicId}( |$)`),
    );
    expect(await again.locator(`[data-papersift-topics~="${topicId}"]`).count()).toBeGreaterThanOrEqual(n);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
