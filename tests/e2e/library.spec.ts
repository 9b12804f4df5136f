import { expect, test } from '@playwright/test';
import { texToText } from '../../lib/library/tex';
import { fixturePages, servePages } from './browser';
import { openPopup, popupTitles, profilePerTest, samplePapers, searchPopup } from './library-data';

// The library as a researcher uses it from the popup: a paper saved on a listing, found again by search and
// filters, triaged with statuses, notes and tags, by mouse and by keyboard.

const listing = fixturePages().find((p) => p.file.endsWith('arxiv-cs.LG-new-2026-07-24.html'));
const papers = samplePapers();

const profiles = profilePerTest();

// The popup shows titles with their TeX as text (M$^3$ as M³).
const titleOf = (i: number) => texToText(papers[i]?.title ?? '');

test('a paper saved on an arXiv listing appears in the popup with its authors and topics', async () => {
  expect(listing).toBeDefined();
  if (!listing) return;
  const p = await profiles.open();
  await servePages(p.context);
  const page = await p.context.newPage();
  await page.goto(listing.url);
  await expect(page.locator('[data-papersift-topics]')).toHaveCount(listing.entries, { timeout: 30_000 });
  const ids: string[] = [];
  for (const i of [0, 3]) {
    const entry = page.locator('[data-papersift-topics]').nth(i);
    ids.push((await entry.getAttribute('data-papersift-id')) ?? '');
    await entry.locator('papersift-entry').locator('button[data-action="save"]').click();
    await expect(entry).toHaveAttribute('data-papersift-saved', 'true');
  }
  const popup = await openPopup(p);
  await expect(popup.getByTestId('saved-count')).toHaveText('2 saved');
  const rows = popup.locator('li[data-paper-id]');
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id')))).toEqual(
    [...ids].reverse(),
  );
  // The row shows the paper as stored: its title links to arXiv, its authors, its status.
  const meta = await popup.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('papersift');
      r.onsuccess = () => resolve(r.result);
    });
    return new Promise<{ title: string; authors: string[]; url: string; topics: string[] }>((resolve) => {
      const g = db.transaction('papers').objectStore('papers').get(id);
      g.onsuccess = () => resolve(g.result);
    });
  }, ids[1] as string);
  const row = rows.first();
  await expect(row.locator('a')).toHaveText(meta.title);
  await expect(row.locator('a')).toHaveAttribute('href', meta.url);
  expect(meta.url).toMatch(/^https:\/\/arxiv\.org\/abs\//);
  await expect(row).toContainText(meta.authors[0] as string);
  await expect(row.locator('[data-topic]')).toHaveCount(meta.topics.length);
  await expect(row.getByLabel('Reading status')).toHaveValue('to-read');
});

test('search and filters find papers by title, author, abstract, list, status, site and topic', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  await expect(popup.getByTestId('saved-count')).toHaveText('36 saved');
  expect((await popupTitles(popup))[0]).toBe(titleOf(35));

  await searchPopup(popup, 'christoffel autoenc');
  expect(await popupTitles(popup)).toEqual([titleOf(1)]);
  await searchPopup(popup, 'zdrale'); // author "Dimitrije Ždrale", typed without the accent
  expect(await popupTitles(popup)).toEqual([titleOf(3)]);
  await searchPopup(popup, 'lightpath quality of transmission'); // abstract words
  expect((await popupTitles(popup)).sort()).toEqual([titleOf(12), titleOf(17)].sort());
  await searchPopup(popup, '');

  await popup.getByRole('tab', { name: /^Thesis/ }).click();
  await expect(popup.getByTestId('view-count')).toHaveText('10 shown');
  await popup.getByRole('tab', { name: /^All/ }).click();
  await popup.getByLabel('Site', { exact: true }).selectOption('huggingface');
  await expect(popup.getByTestId('view-count')).toHaveText('11 shown');
  await popup.getByLabel('Site', { exact: true }).selectOption('');
  await popup.getByLabel('Topic', { exact: true }).selectOption('gnn');
  const graphTitles = papers.filter((x) => /graph/i.test(x.title)).map((x) => x.title);
  expect((await popupTitles(popup)).sort()).toEqual([...graphTitles].sort());
  await popup.getByLabel('Topic', { exact: true }).selectOption('');
  await popup.getByLabel('Sort', { exact: true }).selectOption('title');
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  expect((await popupTitles(popup)).slice(0, 5)).toEqual(
    papers
      .map((x) => x.title)
      .sort(collator.compare)
      .slice(0, 5)
      .map((t) => texToText(t)),
  );
  await popup.getByLabel('Status', { exact: true }).selectOption('read');
  await expect(popup.getByTestId('no-match')).toBeVisible();
});

test('status, notes and tags are kept; removal can be undone; the keyboard drives it all', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  const row = (i: number) => popup.locator('li[data-paper-id]').nth(i);
  // The search field has the focus: ↓ goes down the list, 3 marks the selected paper read.
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('Escape'); // leaves the search field
  await popup.keyboard.press('3');
  await expect(row(1)).toHaveAttribute('data-status', 'read');
  await row(2).getByLabel('Reading status').selectOption('reading');
  await expect(row(2)).toHaveAttribute('data-status', 'reading');
  // Notes and tags of the first paper.
  await row(0).click();
  await popup.keyboard.press('n');
  await popup
    .getByLabel('Notes', { exact: true })
    .fill('Compare the reservoir ablation with our baseline.\nSee §4.');
  await popup.getByLabel('Tags', { exact: true }).fill('thesis, to-cite');
  await popup.getByLabel('Notes', { exact: true }).press('Control+Enter');
  await expect(row(0).getByTestId('has-notes')).toBeVisible();
  await expect(row(0).locator('[data-tag]')).toHaveText(['#thesis', '#to-cite']);

  // All kept: a new popup reads them from the database.
  const again = await openPopup(p);
  const first = again.locator('li[data-paper-id]').first();
  await expect(first.getByTestId('has-notes')).toHaveAttribute(
    'title',
    'Compare the reservoir ablation with our baseline.\nSee §4.',
  );
  await again.getByLabel('Status', { exact: true }).selectOption('read');
  expect(await popupTitles(again)).toEqual([titleOf(34)]);
  await again.getByLabel('Status', { exact: true }).selectOption('');
  await searchPopup(again, 'reservoir ablation'); // words of the notes only
  expect(await popupTitles(again)).toEqual([titleOf(35)]);
  await searchPopup(again, '');

  // Remove with Delete, then undo.
  await expect(again.getByTestId('saved-count')).toHaveText('36 saved');
  await again.locator('li[data-paper-id]').first().click();
  await again.keyboard.press('Delete');
  await expect(again.getByTestId('saved-count')).toHaveText('35 saved');
  await expect(again.getByTestId('undo')).toContainText('from every list');
  await again.getByRole('button', { name: 'Undo' }).click();
  await expect(again.getByTestId('saved-count')).toHaveText('36 saved');
  expect((await popupTitles(again))[0]).toBe(titleOf(35));

  // Move from Thesis to a new list keeps one membership per list.
  await again.getByRole('button', { name: '+ New list' }).click();
  await again.getByLabel('New list name').fill('Later');
  await again.getByLabel('New list name').press('Enter');
  await expect(again.getByRole('tab', { name: /^Later/ })).toContainText('0');
  await again.getByRole('tab', { name: /^Thesis/ }).click();
  await again
    .locator('li[data-paper-id]')
    .first()
    .getByLabel('Move or copy to list')
    .selectOption({ label: 'Move to Later' });
  await expect(again.getByRole('tab', { name: /^Later/ })).toContainText('1');
  await expect(again.getByRole('tab', { name: /^Thesis/ })).toContainText('9');
});
