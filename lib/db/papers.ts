import type { Classification, PaperText } from '../classify/types';
import type { PaperMeta } from '../paper';
import { bound } from './bound';
import {
  findStored,
  idsOf,
  keyed,
  PAPER_TABLES,
  type PaperTables,
  storePapers,
  type Wanted,
  wanted,
} from './identity';
import { mergeRecords } from './merge';
import { DEFAULT_LIST_ID, type PaperRecord, type PaperSiftDb } from './schema';

export type Classify = (paper: PaperText) => Classification;

/** What the classifier reads of a record: id (the user's marks on it decide), title and abstract if known. */
/**
 * What the model reads of a paper: its title and its abstract, or the fragment of it a page showed (the model tells a
 * snippet from an abstract by itself, lib/classify `textKindOf`).
 */
export function textOf(p: { id: string; title: string; abstract?: string; snippet?: string }): PaperText {
  const text = p.abstract || p.snippet;
  return text ? { id: p.id, title: p.title, abstract: text } : { id: p.id, title: p.title };
}

/**
 * Merges a new sighting into the stored record of the paper (see `mergeRecords`: the richer data wins, an abstract
 * seen once is kept when a later listing shows titles only; the first URL stays the paper's link; sites
 * accumulate), named by the best of the ids of both. The classification is the stored one (none for a new paper).
 */
export function mergeSighting(prev: PaperRecord | undefined, meta: PaperMeta, now: number): PaperRecord {
  const { site, ...fields } = meta;
  const seen: PaperRecord = {
    ...fields,
    sites: [site],
    firstSeen: now,
    lastSeen: now,
    topics: prev?.topics ?? [],
    scores: prev?.scores ?? {},
    evidence: prev?.evidence ?? {},
  };
  return prev ? keyed(mergeRecords(prev, seen), idsOf(prev)) : keyed(seen);
}

/** The user's flags over all papers: small tables, read whole (keys only where possible) and kept in memory. */
export interface UserFlags {
  saved: Set<string>;
  dismissed: Set<string>;
  marks: Map<string, Record<string, boolean>>;
}

export async function readUserFlags(db: PaperSiftDb): Promise<UserFlags> {
  return db.transaction('r', ['memberships', 'userData', 'marks'], async (tx) => {
    const t = bound(tx, ['memberships', 'userData', 'marks']);
    const [members, dismissed, marks] = await Promise.all([
      t.memberships.toCollection().primaryKeys(),
      t.userData.where('dismissedAt').above(0).primaryKeys(),
      t.marks.toArray(),
    ]);
    const byPaper = new Map<string, Record<string, boolean>>();
    for (const m of marks) byPaper.set(m.paperId, { ...byPaper.get(m.paperId), [m.topicId]: m.relevant });
    return {
      saved: new Set(members.map(([, paperId]) => paperId)),
      dismissed: new Set(dismissed),
      marks: byPaper,
    };
  });
}

/**
 * Writes records in one transaction, each merged over the stored record of the same paper (any of its ids:
 * lib/db/identity.ts; see `mergeRecords`). Records built from a sighting (`sightingRecord` over `findPapers`) were
 * matched by title already, when the page was answered: here ids suffice. Returns the id each is stored under, and
 * how many stored records were found to be one paper and merged.
 */
export async function writeRecords(
  db: PaperSiftDb,
  records: readonly PaperRecord[],
): Promise<{ ids: string[]; merged: number }> {
  if (!records.length) return { ids: [], merged: 0 };
  return db.transaction('rw', [...PAPER_TABLES], (tx) =>
    storePapers(bound(tx, PAPER_TABLES), records, mergeRecords, { byTitle: false }),
  );
}

/** Merges a sighting into a record and classifies the merged text: the record to store. */
export function sightingRecord(
  prev: PaperRecord | undefined,
  meta: PaperMeta,
  classify: Classify,
  now: number,
): PaperRecord {
  const base = mergeSighting(prev, meta, now);
  const c = classify(textOf(base));
  return {
    ...base,
    topics: c.labels,
    scores: c.scores,
    evidence: c.evidence,
    ...(c.kind ? { textKind: c.kind } : {}),
    ...(c.uncertain?.length ? { uncertain: c.uncertain } : {}),
  };
}

/** Marks papers as read on screen at `at`, unless they were before; unknown ids are left alone. */
export async function markViewed(db: PaperSiftDb, ids: readonly string[], at: number): Promise<void> {
  await db.transaction('rw', ['papers'], async (tx) => {
    const t = bound(tx, ['papers']);
    const records = await t.papers.bulkGet([...ids]);
    const fresh = records.filter((r): r is PaperRecord => !!r && r.viewedAt === undefined);
    if (fresh.length) await t.papers.bulkPut(fresh.map((r) => ({ ...r, viewedAt: at })));
  });
}

/** The stored records that are each paper (lib/db/identity.ts `findStored`), in one read transaction. */
export function findPapers(db: PaperSiftDb, want: readonly Wanted[]): Promise<PaperRecord[][]> {
  return db.transaction('r', ['papers'], (tx) => findStored(bound(tx, ['papers']), want));
}

/** The id of the stored record that is this paper, or undefined; in the caller's transaction over PAPER_TABLES. */
async function storedId(t: PaperTables, meta: PaperMeta): Promise<string | undefined> {
  const [found] = await findStored(t, [wanted(meta)]);
  return found?.length === 1 ? found[0]?.id : undefined;
}

/**
 * The id of the paper's record (by any of its ids or its title key), storing it first (classified) if it was
 * never seen; in the caller's transaction over PAPER_TABLES.
 */
async function ensureIn(t: PaperTables, meta: PaperMeta, classify: Classify, now: number): Promise<string> {
  const known = await storedId(t, meta);
  if (known) return known;
  const { ids } = await storePapers(t, [sightingRecord(undefined, meta, classify, now)], mergeRecords);
  return ids[0] as string;
}

/**
 * The id of a paper a page acts on: the record of the paper, whichever of its ids or site the page names it by,
 * recorded first if it was never seen.
 */
export function ensurePaper(
  db: PaperSiftDb,
  meta: PaperMeta,
  classify: Classify,
  now: number,
): Promise<string> {
  return db.transaction('rw', [...PAPER_TABLES], (tx) =>
    ensureIn(bound(tx, PAPER_TABLES), meta, classify, now),
  );
}

/**
 * Saves a paper in a reading list (the default one unless `listId` is given), recording the paper first if it was
 * never seen; saving twice keeps the first saved date. Unsaving removes it from `listId` when given, else from every
 * list (the page's toggle means "saved anywhere"). The paper is its record whichever id the page names it by.
 * Returns whether the paper is in any list afterwards.
 */
export async function setSaved(
  db: PaperSiftDb,
  meta: PaperMeta,
  saved: boolean,
  classify: Classify,
  now: number,
  listId?: string,
): Promise<boolean> {
  return db.transaction('rw', ['lists', ...PAPER_TABLES], async (tx) => {
    const t = bound(tx, ['lists', ...PAPER_TABLES]);
    if (!saved) {
      const id = await storedId(t, meta);
      if (!id) return false;
      if (listId) await t.memberships.delete([listId, id]);
      else await t.memberships.where('paperId').equals(id).delete();
      return (await t.memberships.where('paperId').equals(id).count()) > 0;
    }
    const target = listId ?? DEFAULT_LIST_ID;
    if (!(await t.lists.get(target))) throw new Error(`no reading list ${target}`);
    const id = await ensureIn(t, meta, classify, now);
    if (!(await t.memberships.get([target, id])))
      await t.memberships.put({ listId: target, paperId: id, addedAt: now });
    return true;
  });
}

/**
 * Classifies stored papers again (title and abstract, and the id: the user's marks decide) and stores their
 * topics. Returns the classification of each paper found, by id.
 */
export async function classifyPapers(
  db: PaperSiftDb,
  ids: readonly string[],
  classify: Classify,
): Promise<Map<string, PaperRecord>> {
  return db.transaction('rw', ['papers'], async (tx) => {
    const t = bound(tx, ['papers']);
    const papers = (await t.papers.bulkGet([...ids])).filter((p): p is PaperRecord => p !== undefined);
    const out = papers.map((p) => {
      const c = classify(textOf(p));
      return { ...p, topics: c.labels, scores: c.scores, evidence: c.evidence };
    });
    await t.papers.bulkPut(out);
    return new Map(out.map((p) => [p.id, p]));
  });
}
