import { describe, expect, it } from 'vitest';
import { exportBackup } from '../../../lib/db/backup';
import type { PaperSiftDb } from '../../../lib/db/schema';
import { parseBackup } from '../../../lib/library/import';
import { BATCH_CHARS, sendImport } from '../../../lib/library/import-client';
import { createOptionsStore } from '../../../lib/library/options-store';
import { IMPORT_LOST, type LibraryRequest } from '../../../lib/messaging/library';
import { LibraryService } from '../../../lib/service/library';
import { ModelCache } from '../../../lib/service/model';
import type { ImportData } from '../../../lib/shapes';
import { freshDb, probeModel, reopen } from '../db/fixtures';
import { buildLibrary, importFile } from './helpers';

// The background is the one writer, imports included: the options page reads and validates the file, sends its rows
// in batches of a few MB, and the background validates them again and writes them in one transaction at the commit.

const NOW = Date.UTC(2026, 7, 1);

const background = (db: PaperSiftDb) =>
  new LibraryService(
    db,
    () => NOW,
    () => {},
    new ModelCache(db, () => probeModel),
  );

/** A connection to the same database that refuses every write (what the options page may do with it: read). */
function readOnly(factory: ReturnType<typeof freshDb>['factory'], name: string): PaperSiftDb {
  const db = reopen(factory, name);
  db.use({
    stack: 'dbcore',
    name: 'read-only',
    create: (down) => ({
      ...down,
      table: (table) => ({
        ...down.table(table),
        mutate: () => Promise.reject(new Error(`the options page wrote to ${table}`)),
      }),
    }),
  });
  return db;
}

/** The data of a full library's backup, as the options page has it after reading the file. */
async function backupData(): Promise<{ text: string; data: ImportData }> {
  const { db } = freshDb('source');
  await buildLibrary(db);
  const text = JSON.stringify(await exportBackup(db, NOW));
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return { text, data: parsed.data };
}

const tablesOf = async (db: PaperSiftDb) => (await exportBackup(db, 0)).tables;

describe('imports go through the background', () => {
  it('the options page only reads: the background writes the file, sent in batches under the size limit', async () => {
    const { text } = await backupData();
    const { db, factory } = freshDb('target');
    const service = background(db);
    const sent: LibraryRequest[] = [];
    const store = createOptionsStore(
      readOnly(factory, 'target'),
      (req) => {
        sent.push(req);
        return service.handle(req);
      },
      { download: () => undefined, now: () => NOW },
    );
    await store.actions.importFile(importFile('backup.json', text), 'default');
    expect(store.state.importing.value?.message).toMatch(/^Imported backup\.json: 36 new papers/);
    // One batch per table the file fills: papers, lists, memberships, user data.
    expect(sent.map((r) => r.op)).toEqual(['importBegin', ...Array(4).fill('importRows'), 'importCommit']);
    expect(sent.every((r) => JSON.stringify(r).length < BATCH_CHARS + 1000)).toBe(true);
    expect(await db.papers.count()).toBe(36);
  });

  it('a large file goes in many batches, each within the limit, and its rows arrive in order', async () => {
    const { data } = await backupData();
    const { db } = freshDb('target');
    const service = background(db);
    const sizes: number[] = [];
    const progress: number[] = [];
    const result = await sendImport(
      (req) => {
        sizes.push(JSON.stringify(req).length);
        return service.handle(req);
      },
      data,
      (done, total) => progress.push(done / total),
      { maxChars: 20_000 },
    );
    expect(sizes.length).toBeGreaterThan(8);
    expect(Math.max(...sizes)).toBeLessThan(20_000 + 500);
    expect(progress.at(-1)).toBe(1);
    expect(result.summary).toMatchObject({ papersAdded: 36, papersMerged: 0 });
    const { db: direct } = freshDb('direct');
    const { mergeImport } = await import('../../../lib/db/backup');
    await mergeImport(direct, data);
    expect(await tablesOf(db)).toEqual(await tablesOf(direct));
  });

  it('a row the background refuses is named as in the file, and nothing is written', async () => {
    const { data } = await backupData();
    const { db } = freshDb('target');
    await buildLibrary(db);
    const before = await tablesOf(db);
    const service = background(db);
    const papers = [...(data.papers ?? [])];
    papers[30] = { ...(papers[30] as (typeof papers)[number]), url: 'javascript:alert(1)' };
    await expect(
      sendImport((req) => service.handle(req), { ...data, papers }, undefined, { maxChars: 20_000 }),
    ).rejects.toThrow(/^The file is malformed at tables\.papers\.30\.url: /);
    // Rows that do not fit together (a membership of a paper the file lacks) are refused at the commit.
    await expect(
      sendImport((req) => service.handle(req), {
        ...data,
        papers: papers.slice(0, 3),
        memberships: data.memberships,
      }),
    ).rejects.toThrow(/^The file refers to paper arxiv:/);
    expect(await tablesOf(db)).toEqual(before);
  });

  it('a background restarted in the middle loses the rows; the import starts again and is written once', async () => {
    const { data } = await backupData();
    const { db, factory } = freshDb('target');
    let service = background(db);
    const ops: string[] = [];
    const result = await sendImport(
      async (req) => {
        ops.push(req.op);
        // The fourth message finds a new worker: no import in progress.
        if (ops.length === 4) service = background(reopen(factory, 'target'));
        return service.handle(req);
      },
      data,
      undefined,
      { maxChars: 20_000, delayMs: 1 },
    );
    expect(ops.slice(0, 5)).toEqual(['importBegin', 'importRows', 'importRows', 'importRows', 'importBegin']);
    expect(result.summary).toMatchObject({ papersAdded: 36 });
    const after = reopen(factory, 'target');
    expect(await after.papers.count()).toBe(36);
    expect(await after.memberships.count()).toBe(40);
    // A background that always restarts: the user is told, nothing is written.
    const { db: other } = freshDb('other');
    await expect(
      sendImport(async (req) => background(other).handle(req), data, undefined, { delayMs: 1 }),
    ).rejects.toThrow(IMPORT_LOST);
    expect(await other.papers.count()).toBe(0);
  });
});
