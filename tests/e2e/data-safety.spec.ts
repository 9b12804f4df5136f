import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from './browser';
import {
  exportText,
  importFile,
  openPopup,
  openProfile,
  optionsUrl,
  profilePerTest,
  retentionRanAt,
  sampleBackup,
  samplePapers,
  searchPopup,
  tablesOf,
} from './library-data';

// The library's data is never lost: a backup restores everything, a bad import changes nothing, writes survive the
// background being stopped, and the history of papers only seen expires without touching what the user kept.

const papers = samplePapers();
const profiles = profilePerTest();

/** Text as users type it and papers name things: tags, quotes, braces, TeX, emoji, newlines (issue 11). */
const NOTE =
  'Audio tokens are inserted like the `<img>` token in LLaVA\n<script>alert(1)</script> “q” {x} $x^2$ 🧪';
const TAGS = ['<b>bold</b>', '{tex}', '$x^2$', '🧪 "q"'];
const LIST = '<img src=x onerror=alert(1)> “Later” {v2} 🧪';
const TOPIC = '<script>Looped</script> transformers 🧪';
const PHRASES = ['looped transformer', '<img> token', '$\\alpha$-halting {x}', 'emoji 🧪 "quoted"'];

test('a JSON backup exported and imported into a fresh profile reproduces the database', async () => {
  const { p, options } = await profiles.seeded();
  // Some of everything: statuses, notes and tags holding markup, TeX and emoji, a list named so, a user topic
  // named so with such phrases, a switched-off site.
  const popup = await openPopup(p);
  await popup.locator('li[data-paper-id]').first().getByLabel('Reading status').selectOption('read');
  await popup.locator('li[data-paper-id]').first().click();
  await popup.keyboard.press('n');
  await popup.getByLabel('Notes', { exact: true }).fill(NOTE);
  await popup.getByLabel('Tags', { exact: true }).fill(TAGS.join(', '));
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(popup.locator('li[data-paper-id]').first().getByTestId('has-notes')).toBeVisible();
  await popup.getByRole('button', { name: '+ New list' }).click();
  await popup.getByLabel('New list name').fill(LIST);
  await popup.getByLabel('New list name').press('Enter');
  await expect(popup.getByRole('tab', { name: LIST })).toBeVisible();
  await options.reload();
  await options.getByRole('button', { name: 'New topic' }).click();
  await options.getByLabel('Name').fill(TOPIC);
  await options.getByLabel('Key phrases (one per line)').fill(PHRASES.join('\n'));
  await options.getByRole('button', { name: 'Create topic' }).click();
  await expect(options.locator('[data-topic-row]')).toHaveCount(5);
  await options.getByRole('checkbox', { name: 'Hugging Face' }).uncheck();
  const exported = await exportText(options, 'JSON backup (everything)');
  const tables = tablesOf(exported) as {
    papers: unknown[];
    topics: { name: string; phrases: string[] }[];
    settings: unknown[];
    userData: { notes?: string; tags: string[] }[];
    lists: { name: string }[];
  };
  expect(tables.papers).toHaveLength(36);
  expect(tables.topics.map((t) => [t.name, t.phrases])).toEqual([[TOPIC, PHRASES]]);
  expect(tables.userData.find((u) => u.notes)).toMatchObject({ notes: NOTE, tags: TAGS });
  expect(tables.lists.map((l) => l.name)).toContain(LIST);
  expect(tables.settings).toEqual([{ key: 'site:huggingface', value: { enabled: false } }]);

  const fresh = await openProfile();
  try {
    const page = await fresh.context.newPage();
    await page.goto(optionsUrl(fresh));
    const status = await importFile(page, {
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    expect(status).toMatch(/36 new papers/);
    expect(tablesOf(await exportText(page, 'JSON backup (everything)'))).toEqual(tablesOf(exported));
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Hugging Face' })).not.toBeChecked();
    await expect(page.getByTestId('data-counts')).toHaveText('36 papers saved, 36 papers seen.');
    await expect(page.locator('[data-topic-row]').filter({ hasText: TOPIC })).toHaveCount(1);
    // Shown as text, never as markup: the popup of the restored profile.
    const restored = await openPopup(fresh);
    await expect(restored.getByRole('tab', { name: LIST })).toBeVisible();
    const row = restored.locator('li[data-paper-id]').filter({ has: restored.getByTestId('has-notes') });
    await expect(row.getByTestId('has-notes')).toHaveAttribute('title', NOTE);
    await expect(row.locator('[data-tag]')).toHaveText(TAGS.map((t) => `#${t}`));
    expect(await restored.locator('body :is(img, b, [onerror]), body script:not([src])').count()).toBe(0);
    // BibTeX of the Thesis list, for the record: 10 entries with arXiv eprints.
    const bib = await exportText(page, 'BibTeX', 'List: Thesis');
    expect(bib.match(/^@misc\{/gm)).toHaveLength(10);
    expect(bib).toContain('archivePrefix = {arXiv}');
  } finally {
    await fresh.close();
  }
});

test('a malformed, hostile or oversized import is refused with its reason and changes nothing', async () => {
  const { p, options } = await profiles.seeded();
  const before = tablesOf(await exportText(options, 'JSON backup (everything)'));
  const bad = (name: string) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(join(ROOT, 'tests/fixtures/library/bad', name)),
  });
  expect(await importFile(options, bad('truncated.json'))).toMatch(
    /not valid JSON \(is it truncated\?\).*Nothing was imported\./,
  );
  expect(await importFile(options, bad('wrong-types.json'))).toMatch(
    /tables\.papers\.0\.authors: Invalid type/,
  );
  // A real PNG (a Chromium screenshot) picked as a BibTeX file.
  expect(
    await importFile(options, {
      ...bad('screenshot.png'),
      name: 'refs.bib',
      mimeType: 'application/x-bibtex',
    }),
  ).toBe(
    'refs.bib: The file is not a text file (it looks like a PNG image). PaperSift imports a JSON backup or a BibTeX file. Nothing was imported.',
  );
  expect(await importFile(options, bad('duplicate-ids.json'))).toMatch(
    /duplicate id in papers: arxiv:2607\.20519/,
  );
  expect(await importFile(options, bad('duplicate-entries.bib'))).toMatch(/the same paper twice/);
  const huge = join(tmpdir(), `papersift-huge-${process.pid}.json`);
  // A sparse file: its size is what is checked, before anything is read.
  writeFileSync(huge, '');
  truncateSync(huge, 300 * 1024 * 1024);
  try {
    await options.getByLabel('Import file').setInputFiles(huge);
    await expect(options.getByTestId('import-status')).toContainText(
      'The file is 300.0 MB; PaperSift imports files of at most 200.0 MB. Nothing was imported.',
    );
  } finally {
    rmSync(huge, { force: true });
  }
  expect(tablesOf(await exportText(options, 'JSON backup (everything)'))).toEqual(before);
  // And a valid BibTeX file merges without duplicates: the arXiv paper already saved is merged, not added.
  const status = await importFile(options, {
    name: 'refs.bib',
    mimeType: 'application/x-bibtex',
    buffer: readFileSync(join(ROOT, 'tests/fixtures/library/arxiv-export.bib')),
  });
  expect(status).toMatch(/: 1 new paper, 1 merged .* Skipped 1: vaswani2017attention/);
  // The new paper came without topics; the background's model classified it after the import.
  const popup = await openPopup(p);
  await searchPopup(popup, 'semi-supervised classification graph convolutional');
  const row = popup.locator('li[data-paper-id="arxiv:1609.02907"]');
  await expect(row.locator('a')).toHaveText(
    'Semi-Supervised Classification with Graph Convolutional Networks',
  );
  await expect(row.locator('[data-topic="gnn"]')).toBeVisible();
});

test('the background stopped again and again during writes loses none of them', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  const cdp = await p.context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  const rows = popup.locator('li[data-paper-id]');
  await rows.first().click();
  // The worker's states as Chromium reports them: each stop, then each start that a write caused.
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.endsWith('/background.js')) states.push(v.runningStatus);
  });
  const N = 12;
  for (let i = 0; i < N; i++) {
    // Stop the extension's service worker, then write at once: the write wakes it (or is sent again).
    await cdp.send('ServiceWorker.stopAllWorkers');
    await popup.keyboard.press(i % 2 ? '2' : '3');
    await popup.keyboard.press('ArrowDown');
  }
  // Twelve restarts of the worker take a while on a busy machine: the writes land in the end, none lost.
  await expect(popup.locator('li[data-status="to-read"]').first()).toHaveAttribute(
    'data-paper-id',
    (await rows.nth(N).getAttribute('data-paper-id')) ?? '',
    { timeout: 30_000 },
  );
  // The worker was really stopped and started again for the writes.
  const restarts = states.filter(
    (st, i) => st === 'starting' && states.slice(0, i).includes('stopped'),
  ).length;
  expect(restarts).toBeGreaterThanOrEqual(N / 2);
  const again = await openPopup(p);
  const statuses = await again
    .locator('li[data-paper-id]')
    .evaluateAll((els) => els.slice(0, 14).map((e) => e.getAttribute('data-status')));
  expect(statuses).toEqual([
    ...Array.from({ length: N }, (_, i) => (i % 2 ? 'reading' : 'read')),
    'to-read',
    'to-read',
  ]);
});

test('the history of papers only seen expires when the background starts, and what the user kept stays', async () => {
  const p = await profiles.open();
  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  // The new profile's own first expiry (5 s after the worker started) has run: from now on only a restart runs one.
  await expect.poll(() => retentionRanAt(options), { timeout: 20_000 }).toEqual(expect.any(Number));
  // A restored profile: 0–9 saved and 10–19 only seen, both last seen 60 days ago; 20–25 only seen 400 days ago;
  // 26–35 seen yesterday. Its retention last ran two days ago.
  const DAY = 86_400_000;
  const now = Date.now();
  const backup = JSON.parse(sampleBackup()) as {
    tables: {
      papers: { id: string; abstract?: string; firstSeen: number; lastSeen: number }[];
      memberships: { listId: string; paperId: string }[];
      settings: unknown[];
    };
  };
  const ago = (i: number) => (i < 20 ? 60 : i < 26 ? 400 : 1);
  const ids = papers.map((x) => x.id);
  for (const row of backup.tables.papers) {
    const i = ids.indexOf(row.id);
    row.firstSeen = row.lastSeen = now - ago(i) * DAY;
  }
  const kept = new Set(ids.slice(0, 10));
  backup.tables.memberships = backup.tables.memberships.filter((m) => kept.has(m.paperId));
  backup.tables.settings = [
    { key: 'historyRetention', value: { at: now - 2 * DAY, compactedTo: 0, deletedTo: 0 } },
  ];
  const status = await importFile(options, {
    name: 'restored.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  expect(status).toMatch(/36 new papers/);
  // The background starts again (Chromium stops an idle one after 30 s): stopped and started through the DevTools
  // protocol.
  const cdp = await p.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${p.extId}/` });
  const summary = async () => {
    const t = tablesOf(await exportText(options, 'JSON backup (everything)')) as typeof backup.tables;
    return ids.map((id) => {
      const row = t.papers.find((r) => r.id === id);
      return row ? (row.abstract ? 'whole' : 'compacted') : 'gone';
    });
  };
  await expect
    .poll(summary, { timeout: 20_000 })
    .toEqual(ids.map((_, i) => (i < 10 ? 'whole' : i < 20 ? 'compacted' : i < 26 ? 'gone' : 'whole')));
  await options.reload();
  await expect(options.getByTestId('data-counts')).toHaveText('10 papers saved, 30 papers seen.');
  await expect(options.getByTestId('data-retention')).toContainText('keep their abstract for 30 days');
});
