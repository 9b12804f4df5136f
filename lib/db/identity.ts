import { chooseIds, schemeOf, titleKey } from '../ids';
import type { MarkRecord, MembershipRecord, PaperRecord, PaperUserRecord } from '../shapes';
import { mergeUser } from './merge';
import type { PaperSiftDb } from './schema';

// One paper, one record, whichever site or file it comes from. A paper has ids of several schemes (an arXiv id, a
// DOI, a DBLP key, …; lib/ids.ts): the best one names the record, the others are its `altIds`, and an id belongs to
// one record at most. A paper that comes in is the stored record that shares one of its ids; failing that, the one
// stored record with the same title key (normalised title and first author's surname) whose ids do not contradict
// its own (two different arXiv ids are two papers). When a paper links records that were apart (an arXiv abstract
// page that gives the DOI of a record seen on DBLP), they become one, under the best of all their ids, and every
// user row (lists, status, notes, tags, dismissal, marks, topic examples) moves to it.

/** The names of the tables one paper's identity spans: its record and every user row that refers to it. */
export const PAPER_TABLES = ['papers', 'memberships', 'userData', 'marks', 'topics'] as const;

/** Those tables (of the database, or bound to a transaction: lib/db/bound.ts). */
export type PaperTables = Pick<PaperSiftDb, (typeof PAPER_TABLES)[number]>;
/** The paper records alone, all that looking papers up needs. */
type Papers = Pick<PaperSiftDb, 'papers'>;

export function idsOf(p: { id: string; altIds?: readonly string[] | undefined }): string[] {
  return [p.id, ...(p.altIds ?? [])];
}

/**
 * A paper's title key (lib/ids.ts `titleKey`), remembered: a sighting's key is asked for when the page is answered
 * and again when the record is written.
 */
const keys = new Map<string, string | undefined>();
export function keyOf(title: string, authors: readonly string[]): string | undefined {
  const k = `${title}\u0000${authors[0] ?? ''}`;
  if (keys.has(k)) return keys.get(k);
  if (keys.size >= 20_000) keys.clear();
  const key = titleKey(title, authors);
  keys.set(k, key);
  return key;
}

/** A record named by the best of its ids (the others in `altIds`, absent when none) with its title key. */
export function keyed(p: PaperRecord, moreIds: readonly string[] = []): PaperRecord {
  const { altIds: _a, titleKey: _k, ...rest } = p;
  // One id (canonical: every way in checks it) names itself.
  const ids =
    p.altIds?.length || moreIds.some((id) => id !== p.id)
      ? (chooseIds([...idsOf(p), ...moreIds]) ?? { id: p.id, altIds: [] })
      : { id: p.id, altIds: [] };
  const key = keyOf(p.title, p.authors);
  return {
    ...rest,
    id: ids.id,
    ...(ids.altIds.length ? { altIds: ids.altIds } : {}),
    ...(key ? { titleKey: key } : {}),
  };
}

/** Whether two papers' ids can name one paper: they share one, or no scheme has ids of both (two DOIs: two papers). */
export function compatible(a: readonly string[], b: readonly string[]): boolean {
  const schemes = new Set(a.map(schemeOf));
  return a.some((id) => b.includes(id)) || !b.some((id) => schemes.has(schemeOf(id)));
}

/** A paper looked for: its ids, and its title key. */
export interface Wanted {
  ids: readonly string[];
  key?: string | undefined;
}

export function wanted(p: {
  id: string;
  altIds?: readonly string[] | undefined;
  title: string;
  authors: readonly string[];
}): Wanted {
  return { ids: idsOf(p), key: keyOf(p.title, p.authors) };
}

/**
 * Whether the library holds a record that an arXiv paper's own id would not find: one named by another scheme, or
 * one with other ids. Three key-only requests. In a library of arXiv papers only (arXiv and Hugging Face listings),
 * a paper with an arXiv id is its record or a new one: nothing else to look for.
 */
export async function mixedLibrary(t: Papers): Promise<boolean> {
  const found = await Promise.all([
    t.papers.where(':id').below('arxiv:').limit(1).primaryKeys(),
    t.papers.where(':id').above('arxiv:\uffff').limit(1).primaryKeys(),
    t.papers.orderBy('altIds').limit(1).primaryKeys(),
  ]);
  return found.some((keys) => keys.length > 0);
}

export const arxivOnly = (w: Wanted) => w.ids.every((id) => schemeOf(id) === 'arxiv');

/** How to look for stored papers: by title key too (pages) or not (imports); whether the library is mixed, if known. */
export interface FindOptions {
  byTitle?: boolean;
  mixed?: boolean;
}

/**
 * The stored records that are each wanted paper (see above), read in the caller's transaction: by primary key, by
 * `altIds`, and (unless `byTitle` is false) by title key for those no id found; the last two only when they can
 * find something (`mixedLibrary`, asked unless the caller knows).
 */
export async function findStored(
  t: Papers,
  want: readonly Wanted[],
  { byTitle = true, mixed: known }: FindOptions = {},
): Promise<PaperRecord[][]> {
  const allIds = [...new Set(want.flatMap((w) => w.ids))];
  const byId = await t.papers.bulkGet(allIds);
  const mixed = known ?? (want.every(arxivOnly) ? await mixedLibrary(t) : true);
  const byAlt = mixed ? await withKeys(t, 'altIds', allIds) : [];
  const owner = new Map<string, PaperRecord>();
  for (const r of [...byId, ...byAlt]) if (r) for (const id of idsOf(r)) owner.set(id, r);
  const found = want.map((w) => [...new Set(w.ids.flatMap((id) => owner.get(id) ?? []))]);
  const keys =
    byTitle && mixed ? [...new Set(want.flatMap((w, i) => (found[i]?.length || !w.key ? [] : [w.key])))] : [];
  if (!keys.length) return found;
  const byKey = new Map<string, PaperRecord[]>();
  for (const r of await withKeys(t, 'titleKey', keys))
    byKey.set(r.titleKey as string, [...(byKey.get(r.titleKey as string) ?? []), r]);
  return found.map((f, i) => {
    const w = want[i] as Wanted;
    return f.length || !w.key ? f : sameByTitle(byKey.get(w.key) ?? [], w.ids);
  });
}

/**
 * The records with any of these keys in an index, by one request per key, all issued at once: Dexie's `anyOf`
 * walks a cursor from key to key, one round trip each (a 2,000-entry page took seconds in Chromium).
 */
async function withKeys(
  t: Papers,
  index: 'altIds' | 'titleKey',
  keys: readonly string[],
): Promise<PaperRecord[]> {
  const found = await Promise.all(keys.map((k) => t.papers.where(index).equals(k).toArray()));
  return found.flat();
}

/** Of the records with a paper's title key, the one that is the paper: its ids agree, and it is the only one. */
export function sameByTitle(withKey: readonly PaperRecord[], ids: readonly string[]): PaperRecord[] {
  const same = withKey.filter((r) => compatible(idsOf(r), ids));
  // Two papers with this key: which one it is cannot be told.
  return same.length === 1 ? same : [];
}

/** Records that are one paper, merged (`merge(older, newer)`, by first sighting) under the best of their ids. */
export function mergeAll(
  same: readonly PaperRecord[],
  merge: (stored: PaperRecord, incoming: PaperRecord) => PaperRecord,
): PaperRecord | undefined {
  const sorted = [...same].sort((a, b) => a.firstSeen - b.firstSeen);
  const first = sorted[0];
  if (!first) return undefined;
  return keyed(
    sorted.slice(1).reduce((acc, r) => merge(acc, r), first),
    sorted.flatMap((r) => idsOf(r)),
  );
}

/** For each id, the id of the stored record that holds it (as its own or among its `altIds`), where that differs. */
export async function recordsHolding(t: Papers, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await t.papers.bulkGet([...ids]);
  const missing = ids.filter((_, i) => !found[i]);
  const out = new Map<string, string>();
  if (!missing.length) return out;
  for (const r of await withKeys(t, 'altIds', missing)) for (const id of r.altIds ?? []) out.set(id, r.id);
  return out;
}

/**
 * Moves every user row of the papers `from` to the paper `to` (in the caller's transaction): in each list the
 * earlier saved date, the user data merged (`mergeUser`), per topic the newer mark, topic examples renamed.
 */
export async function moveUserRows(t: PaperTables, from: readonly string[], to: string): Promise<void> {
  if (!from.length) return;
  const all = [to, ...from];
  const [members, users, marks, topics] = await Promise.all([
    t.memberships.where('paperId').anyOf(all).toArray(),
    t.userData.bulkGet(all),
    t.marks.where('paperId').anyOf(all).toArray(),
    t.topics.toArray(),
  ]);
  const byList = new Map<string, MembershipRecord>();
  for (const m of members) {
    const had = byList.get(m.listId);
    if (!had || m.addedAt < had.addedAt) byList.set(m.listId, { ...m, paperId: to });
  }
  const byTopic = new Map<string, MarkRecord>();
  for (const m of marks) {
    const had = byTopic.get(m.topicId);
    if (!had || m.at > had.at) byTopic.set(m.topicId, { ...m, paperId: to });
  }
  const user = users
    .filter((u): u is PaperUserRecord => u !== undefined)
    .reduce<PaperUserRecord | undefined>((acc, u) => (acc ? mergeUser(acc, u) : u), undefined);
  const gone = new Set(from);
  const renamed = topics
    .filter((x) => x.examples.some((e) => gone.has(e)))
    .map((x) => ({ ...x, examples: [...new Set(x.examples.map((e) => (gone.has(e) ? to : e)))] }));
  await Promise.all([
    t.memberships.bulkDelete(members.map((m) => [m.listId, m.paperId] as [string, string])),
    t.marks.bulkDelete(marks.map((m) => [m.topicId, m.paperId] as [string, string])),
    t.userData.bulkDelete([...from]),
  ]);
  await Promise.all([
    t.memberships.bulkPut([...byList.values()]),
    t.marks.bulkPut([...byTopic.values()]),
    user ? t.userData.put({ ...user, id: to }) : undefined,
    t.topics.bulkPut(renamed),
  ]);
}

/**
 * Stores papers (in the caller's transaction over PAPER_TABLES), each merged with the stored records that are the
 * same paper: `merge(stored, incoming)` folds them, oldest record first; the result is named by the best of all
 * their ids, and records merged into another are deleted after their user rows moved (`moveUserRows`). Papers of
 * the same batch that are one paper are merged too. `byTitle: false` matches by ids only (an import: a file's rows
 * are papers the user kept apart); `mixed`, when the caller knows it, spares asking (`mixedLibrary`). Returns the id each paper is stored under, whether it was known (stored, or
 * earlier in the batch), and how many stored records were merged into others.
 */
export async function storePapers(
  t: PaperTables,
  incoming: readonly PaperRecord[],
  merge: (stored: PaperRecord, incoming: PaperRecord) => PaperRecord,
  options: FindOptions = {},
): Promise<{ ids: string[]; known: boolean[]; merged: number }> {
  const found = await findStored(t, incoming.map(wanted), options);
  const known: boolean[] = [];
  // The batch's records so far, by each of their ids (a later paper of the batch may be one of them).
  const batch = new Map<string, PaperRecord>();
  const out = new Map<string, PaperRecord>();
  const gone = new Map<string, string>();
  const ids = incoming.map((paper, i) => {
    const same = [
      ...new Set([
        ...(found[i] ?? []).map((r) => batch.get(r.id) ?? r),
        ...idsOf(paper).flatMap((id) => batch.get(id) ?? []),
      ]),
    ];
    known.push(same.length > 0);
    const base = mergeAll(same, merge);
    const record = keyed(base ? merge(base, paper) : paper, base ? idsOf(base) : []);
    for (const r of same) {
      out.delete(r.id);
      if (r.id !== record.id) gone.set(r.id, record.id);
    }
    gone.delete(record.id);
    out.set(record.id, record);
    for (const id of idsOf(record)) batch.set(id, record);
    return record.id;
  });
  const stored = new Set(
    gone.size ? (await t.papers.bulkGet([...gone.keys()])).flatMap((r) => (r ? [r.id] : [])) : [],
  );
  // A record merged into one that was merged again later in the batch ends in the last one.
  const last = (id: string): string => {
    for (let next = gone.get(id); next !== undefined; next = gone.get(next)) id = next;
    return id;
  };
  const moves = new Map<string, string[]>();
  for (const from of stored) moves.set(last(from), [...(moves.get(last(from)) ?? []), from]);
  for (const [to, from] of moves) await moveUserRows(t, from, to);
  if (stored.size) await t.papers.bulkDelete([...stored]);
  await t.papers.bulkPut([...out.values()]);
  // An id of the batch names the record it ended in (a later paper of the batch may have merged it).
  return { ids: ids.map((id) => batch.get(id)?.id ?? id), known, merged: stored.size };
}
