import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { startZoteroServer, type ZoteroTestServer } from '../zotero-server';
import { fixturePage, openAnnotated, servePages } from './browser';
import {
  importFile,
  openProfile,
  optionsUrl,
  type Profile,
  popupUrl,
  sampleBackup,
  samplePapers,
} from './library-data';

// Send to Zotero from the popup, against the test server (Zotero's rules, tests/zotero-server.ts) on Zotero's own
// port 127.0.0.1:23119: the only host the extension may call besides the supported sites. One test: the port is
// shared: the tests of this file run one after the other.

let profile: Profile | undefined;
let zotero: ZoteroTestServer | undefined;
test.afterEach(async () => {
  await zotero?.close();
  zotero = undefined;
  await profile?.close();
  profile = undefined;
});

const papers = samplePapers();

async function openPopup(p: Profile): Promise<Page> {
  const page = await p.context.newPage();
  await page.setViewportSize({ width: 600, height: 580 });
  await page.goto(popupUrl(p));
  await expect(page.locator('li[data-paper-id]').first()).toBeVisible();
  await expect(page.getByTestId('view-count')).not.toContainText('loading');
  return page;
}

test('papers go from the popup to Zotero with their PDF links; without Zotero, the BibTeX file is offered', async () => {
  zotero = await startZoteroServer({ port: 23119 });
  const p = await openProfile();
  profile = p;
  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  expect(
    await importFile(options, {
      name: 'papersift-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(sampleBackup()),
    }),
  ).toMatch(/36 new papers/);
  const popup = await openPopup(p);
  const status = popup.getByTestId('zotero-status');

  // One paper with a PDF link, from its row.
  const shown = await popup
    .locator('li[data-paper-id]')
    .evaluateAll((els) => els.map((e) => e.dataset.paperId));
  const paper = papers.find((x) => x.pdfUrl && shown.includes(x.id));
  const id = paper?.id as string;
  const row = popup.locator(`li[data-paper-id="${id}"]`);
  await row.getByRole('button', { name: 'Send to Zotero' }).click();
  await expect(status).toHaveAttribute('data-phase', 'done');
  await expect(status).toContainText('Sent 1 paper to Zotero (1 with a PDF link).');
  expect(zotero.saved).toHaveLength(1);
  const [one] = zotero.saved;
  expect(one?.item).toMatchObject({ itemType: 'preprint', title: paper?.title, url: paper?.url });
  expect(one?.item.creators).toHaveLength(paper?.authors.length ?? -1);
  expect(one?.attachments).toEqual([
    { title: 'PDF (link)', url: paper?.pdfUrl, mimeType: 'text/html', linkMode: 'linked_url' },
  ]);
  // What the background sent: Zotero's API version header, to 127.0.0.1:23119, from the extension.
  const save = zotero.requests.find((r) => r.path === '/connector/saveItems');
  expect(save?.headers['x-zotero-connector-api-version']).toBe('3');
  expect(save?.headers.host).toBe('127.0.0.1:23119');
  expect(save?.headers.origin).toBe(`chrome-extension://${p.extId}`);

  // Every paper shown (the list), in one session.
  await popup.getByRole('button', { name: 'Send every paper shown to Zotero' }).click();
  await expect(status).toContainText(`Sent ${papers.length} papers to Zotero`);
  const listSaves = zotero.saved.slice(1);
  expect(listSaves.map((s) => s.item.title).sort()).toEqual(papers.map((x) => x.title).sort());
  expect(new Set(listSaves.map((s) => s.sessionID)).size).toBe(1);
  expect(listSaves[0]?.sessionID).not.toBe(one?.sessionID);
  expect(listSaves.filter((s) => s.attachments.length).length).toBe(papers.filter((x) => x.pdfUrl).length);

  // Zotero stopped: the popup says so and offers the BibTeX file of the same papers.
  await zotero.close();
  zotero = undefined;
  await row.getByRole('button', { name: 'Send to Zotero' }).click();
  await expect(status).toHaveAttribute('data-phase', 'failed');
  await expect(status).toContainText('Zotero is not running');
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    status.getByRole('button', { name: 'Download BibTeX' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^papersift-zotero-\d{4}-\d{2}-\d{2}\.bib$/);
  const bib = readFileSync(await download.path(), 'utf8');
  expect(bib).toMatch(/^@misc\{/);
  expect(bib).toContain(`eprint = {${id.slice('arxiv:'.length)}}`);
});

test('a paper goes from the listing page to Zotero from its menu; without Zotero, its BibTeX file', async () => {
  zotero = await startZoteroServer({ port: 23119 });
  const p = await openProfile();
  profile = p;
  const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html');
  await servePages(p.context);
  const page = await p.context.newPage();
  await openAnnotated(page, listing.url, listing.entries);
  const entry = page.locator('[data-papersift-id]').first();
  const id = (await entry.getAttribute('data-papersift-id')) as string;
  const notice = page.locator('papersift-bar').getByRole('status');
  const send = async () => {
    await entry.locator('papersift-entry button[data-action="menu"]').click();
    await entry.locator('papersift-entry button[data-action="zotero"]').click();
  };
  await send();
  await expect(notice).toContainText('Sent to Zotero, with its PDF link');
  expect(zotero.saved).toHaveLength(1);
  expect(zotero.saved[0]?.item).toMatchObject({
    itemType: 'preprint',
    url: `https://arxiv.org/abs/${id.slice(6)}`,
  });
  expect(zotero.saved[0]?.attachments).toHaveLength(1);

  await zotero.close();
  zotero = undefined;
  await send();
  await expect(notice).toContainText('Zotero is not running');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: 'Download BibTeX' }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toContain(`eprint = {${id.slice(6)}}`);
});
