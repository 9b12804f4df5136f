import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { mergeSighting } from '../../../lib/db/papers';
import { CURRENT_VERSION, DEFAULT_LIST_ID, type PaperRecord, PaperSiftDb } from '../../../lib/db/schema';
import { STORES_V1, STORES_V2 } from '../../../lib/db/versions';
import { titleKey } from '../../../lib/ids';
import { probeClassify, samplePapers } from './fixtures';

/** A record as versions 1 and 2 kept it (no title key), classified. */
function v2Record(p: PaperRecord): PaperRecord {
  const { titleKey: _k, altIds: _a, ...base } = p;
  const c = probeClassify(base);
  return { ...base, topics: c.labels, scores: c.scores, evidence: c.evidence };
}

/** A database as version 1 of the code made it (the frozen v1 declaration), filled with real papers. */
async function makeV1(
  factory: IDBFactory,
): Promise<{ papers: PaperRecord[]; saved: { id: string; savedAt: number }[] }> {
  const v1 = new Dexie('papersift', { indexedDB: factory, IDBKeyRange });
  v1.version(1).stores(STORES_V1);
  const papers = samplePapers().map((meta, i) =>
    v2Record(mergeSighting(undefined, meta, 1_700_000_000_000 + i * 1000)),
  );
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
    // Every paper record is unchanged, field for field, with its title key (version 3).
    expect(await db.papers.toArray()).toEqual(
      papers
        .map((p) => ({ ...p, titleKey: titleKey(p.title, p.authors) }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    // The default list exists and holds exactly the saved papers, with their saved dates.
    expect(await db.lists.toArray()).toEqual([
      { id: DEFAULT_LIST_ID, name: 'Reading list', order: 0, createdAt: saved[0]?.savedAt },
    ]);
    const members = await db.memberships.toArray();
    expect(members.map((m) => [m.listId, m.paperId, m.addedAt]).sort()).toEqual(
      saved.map((s) => [DEFAULT_LIST_ID, s.id, s.savedAt]).sort(),
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

describe('schema version 3: one record per paper across sites', () => {
  // Perelman's first Ricci-flow paper, arXiv math/0211159 (math.DG). PaperSift 2's BibTeX import kept the subject
  // class in the id (`arxiv:math.DG/0211159`), so a copy imported from BibTeX and the copy seen on arXiv were two.
  const perelman = {
    title: 'The entropy formula for the Ricci flow and its geometric applications',
    authors: ['Grisha Perelman'],
    categories: ['math.DG'],
    topics: [],
    scores: {},
    evidence: {},
  };
  const imported = {
    ...perelman,
    id: 'arxiv:math.DG/0211159',
    url: 'https://arxiv.org/abs/math.DG/0211159',
    sites: [],
    firstSeen: 5,
    lastSeen: 5,
  };
  const seenOnArxiv = {
    ...perelman,
    id: 'arxiv:math/0211159',
    abstract: 'We present a monotonic expression for the Ricci flow, valid in all dimensions.',
    url: 'https://arxiv.org/abs/math/0211159',
    sites: ['arxiv'],
    firstSeen: 6,
    lastSeen: 9,
  };

  it('upgrades a version 2 database: title keys, and the two copies of one paper become one with all its rows', async () => {
    const factory = new IDBFactory();
    const v2 = new Dexie('papersift', { indexedDB: factory, IDBKeyRange });
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores(STORES_V2);
    const papers = samplePapers().map((meta, i) => v2Record(mergeSighting(undefined, meta, 1_000 + i)));
    await v2.table('papers').bulkPut([...papers, imported, seenOnArxiv]);
    await v2.table('lists').bulkPut([
      { id: DEFAULT_LIST_ID, name: 'Reading list', order: 0, createdAt: 1 },
      { id: 'list-thesis', name: 'Thesis', order: 1, createdAt: 1 },
    ]);
    await v2.table('memberships').bulkPut([
      { listId: DEFAULT_LIST_ID, paperId: imported.id, addedAt: 5 },
      { listId: 'list-thesis', paperId: seenOnArxiv.id, addedAt: 7 },
      { listId: 'list-thesis', paperId: imported.id, addedAt: 8 },
    ]);
    await v2
      .table('userData')
      .put({ id: imported.id, notes: 'Read §1.5 first', tags: ['ricci'], updatedAt: 5 });
    await v2.table('marks').put({ topicId: 'gnn', paperId: seenOnArxiv.id, relevant: false, at: 9 });
    await v2.table('topics').put({
      id: 'topic-geo',
      name: 'Geometric flows',
      short: 'Flows',
      color: '#0ea5e9',
      phrases: ['ricci flow'],
      examples: [imported.id],
      enabled: true,
      createdAt: 1,
      updatedAt: 1,
    });
    expect(v2.verno).toBe(2);
    v2.close();

    const db = new PaperSiftDb('papersift', { indexedDB: factory, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(3);
    // The sample papers are unchanged but for their title key.
    for (const p of papers)
      expect(await db.papers.get(p.id)).toEqual({ ...p, titleKey: titleKey(p.title, p.authors) });
    // One record for Perelman's paper, under its canonical id, merged; every user row follows it.
    expect(await db.papers.get(imported.id)).toBeUndefined();
    expect(await db.papers.get(seenOnArxiv.id)).toEqual({
      ...seenOnArxiv,
      firstSeen: 5,
      titleKey: 'theentropyformulaforthericciflowanditsgeometricapplications|perelman',
    });
    expect(await db.papers.count()).toBe(papers.length + 1);
    expect((await db.memberships.toArray()).map((m) => [m.listId, m.paperId, m.addedAt])).toEqual([
      [DEFAULT_LIST_ID, seenOnArxiv.id, 5],
      ['list-thesis', seenOnArxiv.id, 7],
    ]);
    expect(await db.userData.toArray()).toEqual([
      { id: seenOnArxiv.id, notes: 'Read §1.5 first', tags: ['ricci'], updatedAt: 5 },
    ]);
    expect(await db.marks.toArray()).toEqual([
      { topicId: 'gnn', paperId: seenOnArxiv.id, relevant: false, at: 9 },
    ]);
    expect((await db.topics.get('topic-geo'))?.examples).toEqual([seenOnArxiv.id]);
    // The new indexes find a paper by its title key (and by its other ids).
    const key = titleKey(perelman.title, perelman.authors) as string;
    expect(await db.papers.where('titleKey').equals(key).primaryKeys()).toEqual([seenOnArxiv.id]);
    expect(await db.papers.where('altIds').equals(seenOnArxiv.id).count()).toBe(0);
    db.close();
  });
});
