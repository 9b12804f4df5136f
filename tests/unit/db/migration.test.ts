import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { listSaved, mergeSighting } from '../../../lib/db/papers';
import { CURRENT_VERSION, DEFAULT_LIST_ID, type PaperRecord, PaperSiftDb } from '../../../lib/db/schema';
import { STORES_V1 } from '../../../lib/db/versions';
import { probeClassify, samplePapers } from './fixtures';

/** A database as version 1 of the code made it (the frozen v1 declaration), filled with real papers. */
async function makeV1(
  factory: IDBFactory,
): Promise<{ papers: PaperRecord[]; saved: { id: string; savedAt: number }[] }> {
  const v1 = new Dexie('papersift', { indexedDB: factory, IDBKeyRange });
  v1.version(1).stores(STORES_V1);
  const papers = samplePapers().map((meta, i) => {
    const base = mergeSighting(undefined, meta, 1_700_000_000_000 + i * 1000);
    const c = probeClassify(base);
    return { ...base, topics: c.labels, scores: c.scores, evidence: c.evidence };
  });
  const saved = papers
    .filter((_, i) => i % 3 === 0)
    .map((p, i) => ({ id: p.id, savedAt: 1_710_000_000_000 + i * 60_000 }));
  await v1.table('papers').bulkPut(papers);
  await v1.table('saved').bulkPut(saved);
  expect(v1.verno).toBe(1);
  v1.close();
  return { papers, saved };
}

describe('schema migrations', () => {
  it('upgrades a version 1 database: papers intact, saved papers become the default list with their dates', async () => {
    const factory = new IDBFactory();
    const { papers, saved } = await makeV1(factory);
    expect(saved.length).toBe(12);

    const db = new PaperSiftDb('papersift', { indexedDB: factory, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    // Every paper record is unchanged, field for field.
    expect(await db.papers.toArray()).toEqual([...papers].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // The default list exists and holds exactly the saved papers, with their saved dates.
    expect(await db.lists.toArray()).toEqual([
      { id: DEFAULT_LIST_ID, name: 'Reading list', order: 0, createdAt: saved[0]?.savedAt },
    ]);
    const members = await db.memberships.toArray();
    expect(members.map((m) => [m.listId, m.paperId, m.addedAt]).sort()).toEqual(
      saved.map((s) => [DEFAULT_LIST_ID, s.id, s.savedAt]).sort(),
    );
    expect((await listSaved(db)).map((s) => [s.paper.id, s.saved.savedAt])).toEqual(
      [...saved].reverse().map((s) => [s.id, s.savedAt]),
    );
    // The v1 table is gone; the new tables are there and empty.
    expect(db.backendDB().objectStoreNames.contains('saved')).toBe(false);
    for (const t of ['userData', 'topics', 'marks', 'settings', 'visits'] as const)
      expect(await db.table(t).count()).toBe(0);
    db.close();
  });

  it('upgrades an empty version 1 database to one with an empty default list', async () => {
    const factory = new IDBFactory();
    const v1 = new Dexie('papersift', { indexedDB: factory, IDBKeyRange });
    v1.version(1).stores(STORES_V1);
    await v1.open();
    v1.close();
    const db = new PaperSiftDb('papersift', { indexedDB: factory, IDBKeyRange });
    expect((await db.lists.toArray()).map((l) => l.id)).toEqual([DEFAULT_LIST_ID]);
    expect(await db.memberships.count()).toBe(0);
  });

  it('a new database starts at the current version with the default list', async () => {
    const db = new PaperSiftDb('papersift', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect((await db.lists.toArray()).map((l) => [l.id, l.name, l.order])).toEqual([
      [DEFAULT_LIST_ID, 'Reading list', 0],
    ]);
  });
});
