import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, expect, test } from '@playwright/test';
import {
  DIST,
  extensionId,
  fixturePage,
  launchWithExtension,
  newProfileDir,
  ROOT,
  servePages,
} from './browser';

// "This page": on a page no site module knows, the popup reads the page's own paper (citation_* tags, schema.org,
// COinS) and offers to save it, classified. The toolbar click that grants activeTab cannot be made in headless
// Chromium, so this test loads a copy of the build whose manifest grants the two test origins instead; everything
// else (the injected reader, the background's classification and save, the popup) is the product's.
const abs = fixturePage('arxiv-abs-1706.03762-browse-0.3.4-2026.html');
const pwc = fixturePage('pwc-method-page-vae-2024-12.html');
// arXiv's export mirror serves the same abstract pages; no site module claims it.
const MIRROR = 'https://export.arxiv.org/abs/1706.03762';

let context: BrowserContext;
let profile: string;
let dist: string;

test.beforeEach(async () => {
  profile = newProfileDir();
  dist = `${profile}-dist`;
  cpSync(DIST, dist, { recursive: true });
  const manifestPath = join(dist, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [
    ...(manifest.host_permissions ?? []),
    'https://export.arxiv.org/*',
    'https://paperswithcode.com/*',
  ];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  context = await launchWithExtension(profile, { dist });
  await servePages(context, { [MIRROR]: readFileSync(join(ROOT, 'tests/fixtures', abs.file), 'utf8') });
});
test.afterEach(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

async function popupOver(url: string) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${await extensionId(context)}/popup.html`);
  return popup;
}

test('a page no site module knows: its paper is offered with its topics, and saved', async () => {
  const popup = await popupOver(MIRROR);
  const panel = popup.getByRole('region', { name: 'This page' });
  await expect(panel.getByTestId('this-page-title')).toHaveText('Attention Is All You Need');
  await expect(panel).toContainText('Ashish Vaswani');
  const save = panel.locator('button[data-action="save-this-page"]');
  await save.click();
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  await expect(popup.locator('li[data-paper-id="arxiv:1706.03762"]')).toBeVisible();
});

test('a page without a paper says so; a page of a supported site offers nothing (its own tools are there)', async () => {
  const none = await popupOver(pwc.url);
  await expect(none.getByTestId('this-page-empty')).toContainText('No paper found on this page');
  const known = await popupOver(fixturePage('arxiv-cs.LG-new-2026-07-24.html').url);
  await expect(known.getByTestId('saved-count')).toBeVisible();
  await expect(known.getByRole('region', { name: 'This page' })).toHaveCount(0);
});
