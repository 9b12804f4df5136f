import { listCounts } from '../library/items';
import { LIMITS } from '../shapes';
import { bound } from './bound';
import {
  DEFAULT_LIST_ID,
  type ListRecord,
  type MembershipRecord,
  type PaperRecord,
  type PaperSiftDb,
  type PaperUserRecord,
} from './schema';

// Reading lists, memberships and per-paper user data. Every function is one transaction: a batch is written whole
// or not at all, and each is idempotent (setting a status twice, adding a member twice), so a caller whose
// background died mid-batch can simply send it again.

/** A refusal the user should read (unknown list, duplicate name, ...), as opposed to a storage failure. */
export class LibraryError extends Error {
  override name = 'LibraryError';
}

export async function listLists(db: Pick<PaperSiftDb, 'lists'>): Promise<ListRecord[]> {
  return db.lists.orderBy('order').toArray();
}

function cleanName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!n) throw new LibraryError('A list needs a name.');
  if (n.length > LIMITS.listName)
    throw new LibraryError(`A list name has at most ${LIMITS.listName} characters.`);
  return n;
}

async function assertUniqueName(
  db: Pick<PaperSiftDb, 'lists'>,
  name: string,
  except?: string,
): Promise<void> {
  const lower = name.toLowerCase();
  const clash = (await db.lists.toArray()).find((l) => l.id !== except && l.name.toLowerCase() === lower);
  if (clash) throw new LibraryError(`There is already a list named "${clash.name}".`);
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** Creates a list at the end of the order. */
export async function createList(
  db: PaperSiftDb,
  name: string,
  now: number,
  id = newId('list'),
): Promise<ListRecord> {
  const clean = cleanName(name);
  return db.transaction('rw', ['lists'], async (tx) => {
    const t = bound(tx, ['lists']);
    await assertUniqueName(t, clean);
    const last = await t.lists.orderBy('order').last();
    const list: ListRecord = { id, name: clean, order: (last?.order ?? -1) + 1, createdAt: now };
    await t.lists.add(list);
    return list;
  });
}

export async function renameList(db: PaperSiftDb, id: string, name: string): Promise<void> {
  const clean = cleanName(name);
  await db.transaction('rw', ['lists'], async (tx) => {
    const t = bound(tx, ['lists']);
    if (!(await t.lists.get(id))) throw new LibraryError('That list no longer exists.');
    await assertUniqueName(t, clean, id);
    await t.lists.update(id, { name: clean });
  });
}

/** Deletes a list and its memberships (the papers stay, and stay in their other lists). The default list stays. */
export async function deleteList(db: PaperSiftDb, id: string): Promise<MembershipRecord[]> {
  if (id === DEFAULT_LIST_ID) throw new LibraryError('The default reading list cannot be deleted.');
  return db.transaction('rw', ['lists', 'memberships'], async (tx) => {
    const t = bound(tx, ['lists', 'memberships']);
    const removed = await t.memberships.where('listId').equals(id).toArray();
    await t.memberships.where('listId').equals(id).delete();
    await t.lists.delete(id);
    return removed;
  });
}

/** Puts the lists in the given order (ids not given keep their relative order, after the given ones). */
export async function reorderLists(db: PaperSiftDb, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', ['lists'], async (tx) => {
    const t = bound(tx, ['lists']);
    const all = await t.lists.orderBy('order').toArray();
    const pos = new Map(ids.map((id, i) => [id, i]));
    const sorted = [...all].sort(
      (a, b) => (pos.get(a.id) ?? ids.length + a.order) - (pos.get(b.id) ?? ids.length + b.order),
    );
    await t.lists.bulkPut(sorted.map((l, order) => ({ ...l, order })));
  });
}

async function assertList(db: Pick<PaperSiftDb, 'lists'>, listId: string): Promise<void> {
  if (!(await db.lists.get(listId))) throw new LibraryError('That list no longer exists.');
}

export async function assertPapers(
  db: Pick<PaperSiftDb, 'papers'>,
  paperIds: readonly string[],
): Promise<void> {
  const papers = await db.papers.bulkGet([...paperIds]);
  const missing = paperIds.filter((_, i) => !papers[i]);
  if (missing.length) throw new LibraryError(`Unknown paper ${missing[0]}.`);
}

/** Adds papers to a list ("copy"); a paper already there keeps its saved date. */
export async function addToList(
  db: PaperSiftDb,
  listId: string,
  paperIds: readonly string[],
  now: number,
): Promise<void> {
  await db.transaction('rw', ['lists', 'papers', 'memberships'], async (tx) => {
    const t = bound(tx, ['lists', 'papers', 'memberships']);
    await assertList(t, listId);
    await assertPapers(t, paperIds);
    const existing = await t.memberships.bulkGet(paperIds.map((p) => [listId, p] as [string, string]));
    await t.memberships.bulkPut(
      paperIds.filter((_, i) => !existing[i]).map((paperId) => ({ listId, paperId, addedAt: now })),
    );
  });
}

/** Moves papers from one list to another, keeping their saved date (a paper already in the target keeps its own). */
export async function moveToList(
  db: PaperSiftDb,
  fromListId: string,
  toListId: string,
  paperIds: readonly string[],
  now: number,
): Promise<void> {
  if (fromListId === toListId) return;
  await db.transaction('rw', ['lists', 'memberships'], async (tx) => {
    const t = bound(tx, ['lists', 'memberships']);
    await assertList(t, toListId);
    const keys = paperIds.map((p) => [fromListId, p] as [string, string]);
    const from = await t.memberships.bulkGet(keys);
    const to = await t.memberships.bulkGet(paperIds.map((p) => [toListId, p] as [string, string]));
    const puts: MembershipRecord[] = [];
    paperIds.forEach((paperId, i) => {
      if (!to[i]) puts.push({ listId: toListId, paperId, addedAt: from[i]?.addedAt ?? now });
    });
    await t.memberships.bulkPut(puts);
    await t.memberships.bulkDelete(keys);
  });
}

/**
 * Removes papers from one list, or from every list when `listId` is absent. Returns the memberships removed, which
 * `restoreMemberships` puts back (undo).
 */
export async function removeFromLists(
  db: PaperSiftDb,
  paperIds: readonly string[],
  listId?: string,
): Promise<MembershipRecord[]> {
  return db.transaction('rw', ['memberships'], async (tx) => {
    const t = bound(tx, ['memberships']);
    const removed = listId
      ? (await t.memberships.bulkGet(paperIds.map((p) => [listId, p] as [string, string]))).filter(
          (m): m is MembershipRecord => m !== undefined,
        )
      : await t.memberships
          .where('paperId')
          .anyOf([...paperIds])
          .toArray();
    await t.memberships.bulkDelete(removed.map((m) => [m.listId, m.paperId] as [string, string]));
    return removed;
  });
}

/**
 * Undo of a removal: puts the memberships back (lists deleted meanwhile are skipped). Undo of `deleteList`: `list`
 * (as it was) is put back first when it is missing, at its former place among the lists.
 */
export async function restoreMemberships(
  db: PaperSiftDb,
  memberships: readonly MembershipRecord[],
  list?: ListRecord,
): Promise<void> {
  await db.transaction('rw', ['lists', 'memberships'], async (tx) => {
    const t = bound(tx, ['lists', 'memberships']);
    if (list && !(await t.lists.get(list.id))) {
      const restored = { ...list, name: cleanName(list.name) };
      await assertUniqueName(t, restored.name);
      const all = await t.lists.orderBy('order').toArray();
      const at = all.findIndex((l) => l.order >= list.order);
      all.splice(at < 0 ? all.length : at, 0, restored);
      await t.lists.bulkPut(all.map((l, order) => ({ ...l, order })));
    }
    const lists = new Set(await t.lists.toCollection().primaryKeys());
    await t.memberships.bulkPut(memberships.filter((m) => lists.has(m.listId)));
  });
}

/** What the popup needs first: the lists and every membership (small records). */
export interface LibraryIndex {
  lists: ListRecord[];
  memberships: MembershipRecord[];
}

export async function readLibraryIndex(db: PaperSiftDb): Promise<LibraryIndex> {
  return db.transaction('r', ['lists', 'memberships'], async (tx) => {
    const t = bound(tx, ['lists', 'memberships']);
    return { lists: await t.lists.orderBy('order').toArray(), memberships: await t.memberships.toArray() };
  });
}

/** Papers and their user data, by id (missing papers are left out). */
export async function readPapers(
  db: PaperSiftDb,
  ids: readonly string[],
): Promise<{ paper: PaperRecord; user?: PaperUserRecord }[]> {
  return db.transaction('r', ['papers', 'userData'], (tx) =>
    papersWithUser(bound(tx, ['papers', 'userData']), ids),
  );
}

/**
 * `readPapers` in the current transaction. Not a Dexie sub-transaction: one locks its parent until it ends, which
 * would hold back the parent's other requests.
 */
async function papersWithUser(
  db: Pick<PaperSiftDb, 'papers' | 'userData'>,
  ids: readonly string[],
): Promise<{ paper: PaperRecord; user?: PaperUserRecord }[]> {
  const [papers, users] = await Promise.all([db.papers.bulkGet([...ids]), db.userData.bulkGet([...ids])]);
  const out: { paper: PaperRecord; user?: PaperUserRecord }[] = [];
  papers.forEach((paper, i) => {
    const user = users[i];
    if (paper) out.push(user ? { paper, user } : { paper });
  });
  return out;
}

/**
 * The `n` most recently saved papers (saved date = first membership), with their memberships, reading only the
 * newest memberships: what the popup shows first. Papers outside the newest `scan` memberships were all saved
 * before the oldest one scanned, so a candidate saved after it is ranked correctly; if fewer than `n` are sure,
 * every membership is read.
 */
export async function readNewest(
  db: PaperSiftDb,
  n: number,
  scan = n * 2 + 50,
): Promise<{ ids: string[]; memberships: MembershipRecord[] }> {
  return db.transaction('r', ['memberships'], async (tx) => {
    const t = bound(tx, ['memberships']);
    return rankNewest(t, n, scan, await newestMemberships(t, scan));
  });
}

/** The newest `scan` memberships, newest first (one request: Dexie reads an index backwards with getAll). */
function newestMemberships(db: Pick<PaperSiftDb, 'memberships'>, scan: number): Promise<MembershipRecord[]> {
  return db.memberships.orderBy('addedAt').reverse().limit(scan).toArray();
}

/** First (earliest) membership date of each paper, in these memberships. */
function firstDates(memberships: readonly MembershipRecord[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const m of memberships) first.set(m.paperId, Math.min(first.get(m.paperId) ?? m.addedAt, m.addedAt));
  return first;
}

/** Ids newest saved first (ties by id, as the popup sorts). */
function byNewest(first: Map<string, number>): string[] {
  return [...first].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

/** `readNewest` from the newest `scan` memberships (`recent`), inside a transaction over memberships. */
async function rankNewest(
  db: Pick<PaperSiftDb, 'memberships'>,
  n: number,
  scan: number,
  recent: readonly MembershipRecord[],
): Promise<{ ids: string[]; memberships: MembershipRecord[] }> {
  const only = (ids: string[], ms: readonly MembershipRecord[]) => {
    const keep = new Set(ids);
    return { ids, memberships: ms.filter((m) => keep.has(m.paperId)) };
  };
  if (recent.length < scan) return only(byNewest(firstDates(recent)).slice(0, n), recent);
  const cutoff = recent.at(-1)?.addedAt ?? 0;
  // Every membership after the cutoff is in the scan, so a paper first seen there after the cutoff was saved then,
  // unless it has an older membership (in another list): that is checked per paper, in the final order, by batches
  // whose reads are all in flight at once, until `n` papers are sure.
  const inScan = firstDates(recent);
  const candidates = byNewest(inScan).filter((id) => (inScan.get(id) ?? 0) > cutoff);
  const sure: string[] = [];
  const memberships: MembershipRecord[] = [];
  for (let i = 0; i < candidates.length && sure.length < n; ) {
    // First the `n + 10` newest candidates (usually enough), then all the others.
    const batch = candidates.slice(i, i ? undefined : n + 10);
    i += batch.length;
    const found = await Promise.all(batch.map((id) => db.memberships.where('paperId').equals(id).toArray()));
    found.forEach((ms, j) => {
      if (ms.every((m) => m.addedAt > cutoff)) {
        sure.push(batch[j] as string);
        memberships.push(...ms);
      }
    });
  }
  if (sure.length >= n) return only(sure.slice(0, n), memberships);
  const all = await db.memberships.toArray();
  return only(byNewest(firstDates(all)).slice(0, n), all);
}

/**
 * Memberships of one list, counted over the primary key (`[listId+paperId]`): Chromium counts an index range by
 * visiting each entry's record as well, 3 to 5 times slower (40 to 60 ms for 10,000 memberships, measured).
 */
function countList(db: Pick<PaperSiftDb, 'memberships'>, listId: string): Promise<number> {
  return db.memberships.where('[listId+paperId]').between([listId], [listId, []]).count();
}

/**
 * Per-list counts from IndexedDB's own count (no record read), in one transaction. The number of distinct papers
 * over all lists is exact when there is one list (or none saved), else left out (the popup counts them once it
 * has read every membership).
 */
export async function readListCounts(
  db: PaperSiftDb,
  lists: readonly ListRecord[],
): Promise<{ all?: number; byList: Record<string, number> }> {
  return db.transaction('r', ['memberships'], async (tx) => {
    const t = bound(tx, ['memberships']);
    const n = await Promise.all(lists.map((l) => countList(t, l.id)));
    const byList = Object.fromEntries(lists.map((l, i) => [l.id, n[i] ?? 0]));
    const sum = n.reduce((a, b) => a + b, 0);
    return lists.length <= 1 || sum === 0 ? { all: sum, byList } : { byList };
  });
}

/** What the popup paints first. */
export interface FirstPage {
  lists: ListRecord[];
  /**
   * The lists' counts when every membership was read on the way (a small library); else absent: counting is the
   * slowest read (Chromium visits every entry: ~10 to 40 ms for 10,000), `readListCounts` does it after.
   */
  counts?: { all: number; byList: Record<string, number> };
  /** The `n` most recently saved papers, newest first, with their user data. */
  papers: { paper: PaperRecord; user?: PaperUserRecord }[];
  /** Every membership of those papers. */
  memberships: MembershipRecord[];
}

/**
 * The lists and the newest `n` papers (as `readNewest` ranks them), in one read transaction whose requests are all
 * issued as soon as what they depend on is known: the papers most likely to be the newest (by the scanned
 * memberships) are read while their older memberships are checked, so that the usual case takes two round trips to
 * the database; a paper the check ranks in instead is read after.
 */
export async function readFirstPage(db: PaperSiftDb, n: number, scan = n * 2 + 50): Promise<FirstPage> {
  return db.transaction('r', ['lists', 'memberships', 'papers', 'userData'], async (tx) => {
    const t = bound(tx, ['lists', 'memberships', 'papers', 'userData']);
    const listsRead = listLists(t);
    const recent = await newestMemberships(t, scan);
    const guess = byNewest(firstDates(recent)).slice(0, n);
    const [lists, newest, guessed] = await Promise.all([
      listsRead,
      rankNewest(t, n, scan, recent),
      papersWithUser(t, guess),
    ]);
    const missing = newest.ids.filter((id) => !guess.includes(id));
    const rows = new Map(
      [...guessed, ...(missing.length ? await papersWithUser(t, missing) : [])].map((r) => [r.paper.id, r]),
    );
    return {
      lists,
      ...(recent.length < scan ? { counts: listCounts(lists, recent) } : {}),
      papers: newest.ids.flatMap((id) => rows.get(id) ?? []),
      memberships: newest.memberships,
    };
  });
}
