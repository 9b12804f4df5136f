import { beforeEach, describe, expect, it } from 'vitest';
import {
  addToList,
  createList,
  deleteList,
  LibraryError,
  listLists,
  moveToList,
  readLibraryIndex,
  readListCounts,
  readNewest,
  removeFromLists,
  renameList,
  reorderLists,
  restoreMemberships,
} from '../../../lib/db/lists';
import { readUserFlags } from '../../../lib/db/papers';
import { DEFAULT_LIST_ID, type PaperSiftDb } from '../../../lib/db/schema';
import {
  getFilterBar,
  getSettings,
  isSiteEnabled,
  putFilterBar,
  setBuiltinTopic,
  setSiteEnabled,
} from '../../../lib/db/settings';
import {
  deleteUserTopic,
  listMarks,
  listUserTopics,
  loadTopicState,
  putUserTopic,
  setMark,
} from '../../../lib/db/topics';
import { setDismissed, setNotes, setStatus, setTags } from '../../../lib/db/user';
import { listVisits, recordVisit, siteHealth } from '../../../lib/db/visits';
import { freshDb, probeClassify, recordSeen, reopen, samplePapers } from './fixtures';

const papers = samplePapers();
const ids = papers.map((p) => p.id);
let db: PaperSiftDb;
let factory: ReturnType<typeof freshDb>['factory'];

beforeEach(async () => {
  ({ db, factory } = freshDb());
  await recordSeen(db, papers, probeClassify, 1_000);
});

const members = async (listId: string) =>
  (await db.memberships.where('listId').equals(listId).toArray()).map((m) => [m.paperId, m.addedAt]);

describe('reading lists', () => {
  it('creates, renames, orders and deletes lists; names are unique; the default list stays', async () => {
    const thesis = await createList(db, '  Thesis   background ', 10);
    const later = await createList(db, 'Later', 11);
    expect((await listLists(db)).map((l) => [l.name, l.order])).toEqual([
      ['Reading list', 0],
      ['Thesis background', 1],
      ['Later', 2],
    ]);
    await expect(createList(db, 'later', 12)).rejects.toThrow(/already a list named "Later"/);
    await expect(createList(db, '   ', 12)).rejects.toBeInstanceOf(LibraryError);
    await renameList(db, thesis.id, 'Thesis');
    await reorderLists(db, [later.id, DEFAULT_LIST_ID]);
    expect((await listLists(db)).map((l) => [l.name, l.order])).toEqual([
      ['Later', 0],
      ['Reading list', 1],
      ['Thesis', 2],
    ]);
    await addToList(db, thesis.id, ids.slice(0, 2), 20);
    expect(await deleteList(db, thesis.id)).toHaveLength(2);
    expect(await db.memberships.count()).toBe(0);
    expect(await db.papers.count()).toBe(papers.length);
    await expect(deleteList(db, DEFAULT_LIST_ID)).rejects.toThrow(/cannot be deleted/);
  });

  it('copies, moves (keeping the saved date) and removes with undo', async () => {
    const other = await createList(db, 'Other', 10);
    await addToList(db, DEFAULT_LIST_ID, ids.slice(0, 3), 100);
    await addToList(db, DEFAULT_LIST_ID, ids.slice(0, 4), 200); // the first three keep 100
    expect(await members(DEFAULT_LIST_ID)).toEqual(
      expect.arrayContaining([
        [ids[0], 100],
        [ids[3], 200],
      ]),
    );
    await addToList(db, other.id, [ids[0] as string], 300); // copy
    await moveToList(db, DEFAULT_LIST_ID, other.id, [ids[1] as string, ids[0] as string], 400);
    expect((await members(other.id)).sort()).toEqual(
      [
        [ids[0], 300],
        [ids[1], 100],
      ].sort(),
    );
    expect((await members(DEFAULT_LIST_ID)).map(([id]) => id).sort()).toEqual([ids[2], ids[3]].sort());

    const removed = await removeFromLists(db, [ids[0] as string, ids[2] as string]);
    expect(removed.map((m) => [m.listId, m.paperId]).sort()).toEqual(
      [
        [other.id, ids[0]],
        [DEFAULT_LIST_ID, ids[2]],
      ].sort(),
    );
    expect(await db.memberships.count()).toBe(2);
    await restoreMemberships(db, removed);
    expect(await db.memberships.count()).toBe(4);
    expect((await members(other.id)).sort()).toEqual(
      [
        [ids[0], 300],
        [ids[1], 100],
      ].sort(),
    );
    await expect(addToList(db, DEFAULT_LIST_ID, ['arxiv:0000.00000'], 1)).rejects.toThrow(/Unknown paper/);
    await expect(addToList(db, 'list-gone', [ids[0] as string], 1)).rejects.toThrow(/no longer exists/);
  });

  it('keeps status, notes, tags and dismissals per paper', async () => {
    const [a, b] = ids as [string, string];
    await setStatus(db, [a, b], 'reading', 10);
    await setNotes(db, a, 'Check the ablation in §4.', 11);
    await setTags(db, a, [' thesis ', 'GNN', 'gnn', 'to cite'], 12);
    await setStatus(db, [a], 'read', 13);
    expect(await db.userData.get(a)).toEqual({
      id: a,
      status: 'read',
      notes: 'Check the ablation in §4.',
      tags: ['thesis', 'GNN', 'to cite'],
      updatedAt: 13,
    });
    await setNotes(db, a, '  ', 14);
    expect((await db.userData.get(a))?.notes).toBeUndefined();
    await setDismissed(db, b, true, 15);
    expect((await db.userData.get(b))?.dismissedAt).toBe(15);
    // What a page is told of the paper when it is seen again.
    expect((await readUserFlags(db)).dismissed.has(b)).toBe(true);
    await setDismissed(db, b, false, 17);
    expect((await db.userData.get(b))?.dismissedAt).toBeUndefined();
    expect((await db.userData.get(b))?.status).toBe('reading');
  });

  it('a batch interrupted by a restart leaves nothing half-written, and sending it again completes it', async () => {
    // The "restart": the transaction dies after 10 of the 36 writes (as when the service worker is stopped).
    let n = 0;
    db.memberships.hook('creating', () => {
      if (++n === 10) throw new Error('service worker stopped');
    });
    await expect(addToList(db, DEFAULT_LIST_ID, ids, 500)).rejects.toThrow('service worker stopped');
    db.close();
    const restarted = reopen(factory);
    expect(await restarted.memberships.count()).toBe(0);
    await addToList(restarted, DEFAULT_LIST_ID, ids, 600);
    await addToList(restarted, DEFAULT_LIST_ID, ids, 700); // sent twice: idempotent
    expect(await restarted.memberships.count()).toBe(ids.length);
    expect(new Set((await readLibraryIndex(restarted)).memberships.map((m) => m.addedAt))).toEqual(
      new Set([600]),
    );
  });
});

describe('topics, marks, settings, visits', () => {
  it('stores user topics and marks, and loads the whole topic state in one call', async () => {
    const t = await putUserTopic(
      db,
      {
        name: 'Looped transformers',
        color: '#0EA5E9',
        phrases: ['looped transformer', ' halting ', 'halting'],
      },
      10,
    );
    expect(t).toMatchObject({
      name: 'Looped transformers',
      color: '#0ea5e9',
      phrases: ['looped transformer', 'halting'],
    });
    await expect(
      putUserTopic(db, { name: 'graph neural networks', color: '#000000', phrases: [] }, 11),
    ).rejects.toThrow(/already a topic/);
    const edited = await putUserTopic(
      db,
      {
        id: t.id,
        name: t.name,
        color: t.color,
        phrases: ['looped transformer'],
        examples: [ids[0] as string],
      },
      12,
    );
    expect([edited.createdAt, edited.updatedAt, edited.examples]).toEqual([10, 12, [ids[0]]]);
    await setMark(db, t.id, ids[1] as string, true, 20);
    await setMark(db, 'gnn', ids[2] as string, false, 21);
    await setMark(db, 'gnn', ids[3] as string, true, 22);
    await expect(setMark(db, 'nope', ids[1] as string, true, 23)).rejects.toThrow(/Unknown topic/);
    expect((await listMarks(db, 'gnn')).map((m) => [m.paperId, m.relevant])).toEqual([
      [ids[3], true],
      [ids[2], false],
    ]);
    const flags = await readUserFlags(db);
    expect(ids.slice(1, 4).map((id) => flags.marks.get(id) ?? {})).toEqual([
      { [t.id]: true },
      { gnn: false },
      { gnn: true },
    ]);
    await setMark(db, 'gnn', ids[3] as string, null, 23);
    await setBuiltinTopic(db, 'rl', { enabled: false });
    await setBuiltinTopic(db, 'gnn', { color: '#111111' });

    const state = await loadTopicState(db);
    expect(state.builtin).toEqual([
      { id: 'gnn', enabled: true, color: '#111111' },
      { id: 'rl', enabled: false, color: '#c2410c' },
      { id: 'hypernetworks', enabled: true, color: '#7c3aed' },
      { id: 'recommendation', enabled: true, color: '#047857' },
    ]);
    expect(state.userTopics.map((u) => u.id)).toEqual([t.id]);
    expect(state.marks.map((m) => [m.topicId, m.paperId, m.relevant]).sort()).toEqual(
      [
        ['gnn', ids[2], false],
        [t.id, ids[1], true],
      ].sort(),
    );
    expect(Object.keys(state.papers).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
    expect(state.papers[ids[0] as string]).toEqual({
      title: papers[0]?.title,
      abstract: papers[0]?.abstract,
    });

    await deleteUserTopic(db, t.id);
    expect(await listUserTopics(db)).toEqual([]);
    expect((await loadTopicState(db)).marks.map((m) => m.topicId)).toEqual(['gnn']);
  });

  it('keeps site switches and the filter bar choice as given', async () => {
    expect(await isSiteEnabled(db, 'huggingface')).toBe(true);
    await setSiteEnabled(db, 'huggingface', false);
    const choice = { hide: ['seen', 'dismissed'], topics: ['gnn'], minScore: 0.4 };
    await putFilterBar(db, 'arxiv', choice);
    expect(await isSiteEnabled(db, 'huggingface')).toBe(false);
    expect(await getFilterBar(db, 'arxiv')).toEqual(choice);
    expect(await getSettings(db)).toEqual({
      builtinTopics: {},
      sites: { huggingface: { enabled: false } },
      filterBars: { arxiv: choice },
    });
  });

  it('keeps the last visits and summarises each adapter', async () => {
    for (let i = 0; i < 7; i++)
      await recordVisit(
        db,
        {
          at: i,
          url: `https://arxiv.org/list/cs.LG/new?${i}`,
          adapter: 'arxiv-list',
          entries: i === 5 ? 0 : 100 + i,
          rejected: 0,
          warnings: i === 5 ? ['the page promises entries but none were found'] : [],
        },
        5,
      );
    await recordVisit(
      db,
      {
        at: 9,
        url: 'https://huggingface.co/papers',
        adapter: 'hf-daily',
        entries: 13,
        rejected: 0,
        warnings: [],
      },
      5,
    );
    const visits = await listVisits(db);
    expect(visits.map((v) => v.at)).toEqual([9, 6, 5, 4, 3]);
    expect(siteHealth(visits)).toEqual([
      {
        site: 'arxiv',
        adapter: 'arxiv-list',
        visits: 4,
        lastAt: 6,
        recentEntries: [106, 0, 104, 103],
        empty: [
          {
            at: 5,
            url: 'https://arxiv.org/list/cs.LG/new?5',
            warnings: ['the page promises entries but none were found'],
          },
        ],
        lastWarnings: [],
      },
      {
        site: 'huggingface',
        adapter: 'hf-daily',
        visits: 1,
        lastAt: 9,
        recentEntries: [13],
        empty: [],
        lastWarnings: [],
      },
    ]);
  });
});

describe('the popup first page', () => {
  it('reads the newest saved papers from the newest memberships, as the full computation ranks them', async () => {
    const other = await createList(db, 'Other', 1);
    // 36 papers saved a minute apart; then the oldest five copied to "Other" last (their saved date stays old).
    for (const [i, id] of ids.entries()) await addToList(db, DEFAULT_LIST_ID, [id], 10_000 + i * 60_000);
    await addToList(db, other.id, ids.slice(0, 5), 99_000_000);
    const { memberships } = await readLibraryIndex(db);
    const first = new Map<string, number>();
    for (const m of memberships) first.set(m.paperId, Math.min(first.get(m.paperId) ?? m.addedAt, m.addedAt));
    const expected = [...first].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    // Fast path (enough papers surely newer than the oldest scanned), fallbacks, and a scan of everything.
    for (const [n, scan] of [
      [5, 20],
      [14, 20],
      [10, 12],
      [10, 8],
      [3, 6],
      [36, 100],
    ] as const) {
      const got = await readNewest(db, n, scan);
      expect(got.ids).toEqual(expected.slice(0, n));
      for (const id of got.ids)
        expect(got.memberships.filter((m) => m.paperId === id).length).toBe(ids.indexOf(id) < 5 ? 2 : 1);
    }
    const lists = await listLists(db);
    expect(await readListCounts(db, lists)).toEqual({ byList: { [DEFAULT_LIST_ID]: 36, [other.id]: 5 } });
    expect(await readListCounts(db, lists.slice(0, 1))).toEqual({
      all: 36,
      byList: { [DEFAULT_LIST_ID]: 36 },
    });
  });
});
