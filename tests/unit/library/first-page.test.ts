import { beforeEach, describe, expect, it } from 'vitest';
import {
  addToList,
  createList,
  listLists,
  readFirstPage,
  readLibraryIndex,
  readListCounts,
  readNewest,
  readPapers,
} from '../../../lib/db/lists';
import { DEFAULT_LIST_ID, type PaperSiftDb } from '../../../lib/db/schema';
import { setStatus } from '../../../lib/db/user';
import { freshDb, probeClassify, recordSeen, samplePapers } from '../db/fixtures';

const papers = samplePapers();
const ids = papers.map((p) => p.id);
let db: PaperSiftDb;
let other: string;

beforeEach(async () => {
  db = freshDb().db;
  await recordSeen(db, papers, probeClassify, 1_000);
  other = (await createList(db, 'Other', 1)).id;
  // 36 papers saved a minute apart; then the oldest five copied to "Other" last (their saved date stays old), so
  // the newest memberships name papers that are not the newest saved.
  for (const [i, id] of ids.entries()) await addToList(db, DEFAULT_LIST_ID, [id], 10_000 + i * 60_000);
  await addToList(db, other, ids.slice(0, 5), 99_000_000);
  await setStatus(db, [ids[35] as string, ids[0] as string], 'read', 5);
});

describe('the popup first page (one read transaction)', () => {
  it('lists the same papers as readNewest, with their user data and every membership of theirs', async () => {
    for (const [n, scan] of [
      [5, 20],
      [14, 20],
      [10, 12],
      [10, 8],
      [3, 6],
      [36, 100],
      [20, 90],
    ] as const) {
      const first = await readFirstPage(db, n, scan);
      const newest = await readNewest(db, n, scan);
      expect(first.papers.map((r) => r.paper.id)).toEqual(newest.ids);
      expect(first.papers).toEqual(await readPapers(db, newest.ids));
      const mine = (await readLibraryIndex(db)).memberships.filter((m) => newest.ids.includes(m.paperId));
      expect(sorted(first.memberships)).toEqual(sorted(mine));
      expect(first.lists).toEqual(await listLists(db));
    }
  });

  it('ranks as the full computation on random libraries (papers copied and moved between lists later)', async () => {
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % k;
    };
    for (let round = 0; round < 8; round++) {
      const { db } = freshDb();
      await recordSeen(db, papers, probeClassify, 1_000);
      const lists = [DEFAULT_LIST_ID, (await createList(db, 'B', 1)).id, (await createList(db, 'C', 2)).id];
      // Few distinct dates, so that ties (broken by id) happen too.
      for (const id of ids)
        for (const listId of lists)
          if (listId === DEFAULT_LIST_ID || rand(3) === 0) await addToList(db, listId, [id], rand(40));
      const { memberships } = await readLibraryIndex(db);
      const first = new Map<string, number>();
      for (const m of memberships)
        first.set(m.paperId, Math.min(first.get(m.paperId) ?? m.addedAt, m.addedAt));
      const expected = [...first].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
      for (const [n, scan] of [
        [1, 3],
        [3, 10],
        [5, 20],
        [10, 30],
        [20, 90],
      ] as const) {
        expect((await readNewest(db, n, scan)).ids).toEqual(expected.slice(0, n));
        expect((await readFirstPage(db, n, scan)).papers.map((r) => r.paper.id)).toEqual(
          expected.slice(0, n),
        );
      }
    }
  });

  it('gives the counts when it read every membership, and leaves them to readListCounts otherwise', async () => {
    expect((await readFirstPage(db, 20, 90)).counts).toEqual({
      all: 36,
      byList: { [DEFAULT_LIST_ID]: 36, [other]: 5 },
    });
    expect((await readFirstPage(db, 20, 41)).counts).toBeUndefined();
    expect(await readListCounts(db, await listLists(db))).toEqual({
      byList: { [DEFAULT_LIST_ID]: 36, [other]: 5 },
    });
  });

  it('reads an empty library', async () => {
    const empty = freshDb().db;
    expect(await readFirstPage(empty, 20)).toEqual({
      lists: await listLists(empty),
      counts: { all: 0, byList: { [DEFAULT_LIST_ID]: 0 } },
      papers: [],
      memberships: [],
    });
  });
});

function sorted<T extends { listId: string; paperId: string }>(ms: readonly T[]): T[] {
  return [...ms].sort((a, b) => (`${a.listId} ${a.paperId}` < `${b.listId} ${b.paperId}` ? -1 : 1));
}
