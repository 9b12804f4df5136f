import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { DIST, extensionId, launchWithExtension, newProfileDir, ROOT } from './browser';

// Shared by the library end-to-end tests: a profile with the built extension (a private copy of the build, so a
// `wxt build` elsewhere in the tree cannot swap files under the browser), and a backup file made of real papers.

export interface Profile {
  context: BrowserContext;
  extId: string;
  dir: string;
  close(): Promise<void>;
}

export async function openProfile(dir = newProfileDir(), dist?: string): Promise<Profile> {
  const own = dist ?? mkdtempSync(join(tmpdir(), 'papersift-dist-'));
  if (!dist) cpSync(DIST, own, { recursive: true });
  const context = await launchWithExtension(dir, { dist: own });
  const extId = await extensionId(context);
  return {
    context,
    extId,
    dir,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
      if (!dist) rmSync(own, { recursive: true, force: true });
    },
  };
}

/**
 * One profile per test, closed after it (this registers the file's `afterEach`): `open()` a fresh profile,
 * `seeded()` one that holds the sample library (with its options page, where it was imported).
 */
export function profilePerTest(): {
  open: () => Promise<Profile>;
  seeded: () => Promise<{ p: Profile; options: Page }>;
} {
  let profile: Profile | undefined;
  test.afterEach(async () => {
    await profile?.close();
    profile = undefined;
  });
  const open = async () => {
    profile = await openProfile();
    return profile;
  };
  return {
    open,
    async seeded() {
      const p = await open();
      return { p, options: await seedSample(p) };
    },
  };
}

/** Types into the popup's search field and waits for the index's answer. */
export async function searchPopup(page: Page, q: string): Promise<void> {
  const before = await page.evaluate(() => performance.getEntriesByName('papersift:search').length);
  await page.getByLabel('Search saved papers').fill(q);
  if (q)
    await page.waitForFunction((n) => performance.getEntriesByName('papersift:search').length > n, before);
}

export const popupUrl = (p: Profile) => `chrome-extension://${p.extId}/popup.html`;
export const optionsUrl = (p: Profile) => `chrome-extension://${p.extId}/options.html`;

interface SampleRow {
  id: string;
  title: string;
  authors: string[];
  abstract?: string;
  categories: string[];
  url: string;
  pdfUrl?: string;
  site: 'arxiv' | 'huggingface';
}

export function samplePapers(): SampleRow[] {
  return readFileSync(join(ROOT, 'tests/fixtures/library/papers-sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SampleRow);
}

const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 6, 1);

/**
 * A PaperSift backup of the 36 sample papers, all saved (a day apart, paper 35 newest), 10 also in "Thesis";
 * papers with "graph" in the title labelled gnn. Built as a file from outside, as a user's backup would be.
 */
export function sampleBackup(): string {
  const papers = samplePapers().map((p, i) => {
    const gnn = /graph/i.test(p.title);
    return {
      id: p.id,
      title: p.title,
      authors: p.authors,
      ...(p.abstract ? { abstract: p.abstract } : {}),
      url: p.url,
      ...(p.pdfUrl ? { pdfUrl: p.pdfUrl } : {}),
      categories: p.categories,
      sites: [p.site],
      firstSeen: T0 + i * DAY,
      lastSeen: T0 + i * DAY,
      topics: gnn ? ['gnn'] : [],
      scores: { gnn: gnn ? 0.9 : 0.1 },
      evidence: gnn ? { gnn: ['graph'] } : {},
    };
  });
  const lists = [
    { id: 'default', name: 'Reading list', order: 0, createdAt: T0 },
    { id: 'list-thesis', name: 'Thesis', order: 1, createdAt: T0 },
  ];
  const memberships = [
    ...papers.map((p, i) => ({ listId: 'default', paperId: p.id, addedAt: T0 + i * DAY })),
    ...papers
      .slice(0, 10)
      .map((p, i) => ({ listId: 'list-thesis', paperId: p.id, addedAt: T0 + 40 * DAY + i })),
  ].sort((a, b) => (a.listId + a.paperId < b.listId + b.paperId ? -1 : 1));
  return JSON.stringify({
    format: 'papersift-backup',
    version: 1,
    schemaVersion: 2,
    exportedAt: new Date(T0 + 50 * DAY).toISOString(),
    tables: {
      papers: papers.sort((a, b) => (a.id < b.id ? -1 : 1)),
      lists,
      memberships,
      userData: [],
      topics: [],
      marks: [],
      settings: [],
      visits: [],
    },
  });
}

/** The sample backup imported through the options page of a profile (36 papers, 10 also in Thesis). */
export async function seedSample(p: Profile): Promise<Page> {
  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  const status = await importFile(options, {
    name: 'papersift-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(sampleBackup()),
  });
  expect(status).toMatch(/Imported papersift-backup\.json: 36 new papers/);
  return options;
}

/** Opens the popup as a page of the given size and waits until every saved paper is read. */
export async function openPopup(p: Profile, size = { width: 600, height: 580 }): Promise<Page> {
  const page = await p.context.newPage();
  await page.setViewportSize(size);
  await page.goto(popupUrl(p));
  await expect(page.getByTestId('saved-count')).toBeVisible();
  // Loaded: the first page of papers is listed and every paper is read (the footer's count is final).
  await expect(page.locator('li[data-paper-id]').first()).toBeVisible();
  await expect(page.getByTestId('view-count')).not.toContainText('loading');
  return page;
}

/** Imports a file (contents, or a path: Playwright sends at most 50 MB from memory) through the options page. */
export async function importFile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer } | string,
): Promise<string> {
  const status = page.getByTestId('import-status');
  const before = (await status.count()) ? await status.getAttribute('data-phase') : null;
  await page.getByLabel('Import file').setInputFiles(file);
  await expect(status).toHaveAttribute('data-phase', /done|failed/, { timeout: 60_000 });
  if (before) await page.waitForTimeout(50);
  return (await status.textContent()) ?? '';
}

/** Exports through the options page; returns the downloaded file's text. */
export async function exportText(page: Page, format: string, scope = 'Every saved paper'): Promise<string> {
  await page.getByLabel('Export format').selectOption({ label: format });
  if (format !== 'JSON backup (everything)')
    await page.getByLabel('Export what').selectOption({ label: scope });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

/**
 * The backup's tables, without the export date and without the background's own bookkeeping (the history expiry's
 * last run, written a few seconds after each start, lib/db/retention.ts): what must be equal between two profiles.
 */
export function tablesOf(backupText: string): unknown {
  const b = JSON.parse(backupText) as {
    tables: { settings?: { key: string }[] };
    format: string;
    version: number;
  };
  expect([b.format, b.version]).toEqual(['papersift-backup', 1]);
  const settings = b.tables.settings?.filter((s) => s.key !== 'historyRetention');
  return { ...b.tables, ...(settings ? { settings } : {}) };
}

export async function popupTitles(page: Page): Promise<string[]> {
  return page.locator('li[data-paper-id] a').allTextContents();
}

/**
 * When the history expiry (lib/db/retention.ts) last completed in this profile, read from an extension page (same
 * origin as the database); undefined before its first run.
 */
export function retentionRanAt(page: Page): Promise<number | undefined> {
  return page.evaluate(
    () =>
      new Promise<number | undefined>((resolve) => {
        const r = indexedDB.open('papersift');
        r.onsuccess = () => {
          const g = r.result.transaction('settings').objectStore('settings').get('historyRetention');
          g.onsuccess = () => {
            resolve((g.result as { value?: { at?: number } } | undefined)?.value?.at);
            r.result.close();
          };
        };
      }),
  );
}
