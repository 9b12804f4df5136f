import type { Classification, PaperText } from '../classify/types';
import type { PaperMeta } from '../paper';
import { DEFAULT_LIST_ID, type PaperRecord, type PaperSiftDb } from './schema';

export type Classify = (paper: PaperText) => Classification;

/** What the classifier reads of a record: id (the user's marks on it decide), title and abstract if known. */
export function textOf(p: { id: string; title: string; abstract?: string }): PaperText {
  return p.abstract ? { id: p.id, title: p.title, abstract: p.abstract } : { id: p.id, title: p.title };
}

/**
 * Merges a new sighting into the stored record. The richer data wins (an abstract seen once is kept when a later
 * listing shows titles only); the first URL is kept as the paper's link; sites accumulate.
 */
export function mergeSighting(
  prev: PaperRecord | undefined,
  meta: PaperMeta,
  now: number,
): Omit<PaperRecord, 'topics' | 'scores' | 'evidence'> {
  if (!prev) {
    return {
      id: meta.id,
      title: meta.title,
      authors: meta.authors,
      ...(meta.abstract ? { abstract: meta.abstract } : {}),
      url: meta.url,
      ...(meta.pdfUrl ? { pdfUrl: meta.pdfUrl } : {}),
      categories: meta.categories,
      sites: [meta.site],
      firstSeen: now,
      lastSeen: now,
    };
  }
  const abstract =
    meta.abstract && meta.abstract.length >= (prev.abstract?.length ?? 0) ? meta.abstract : prev.abstract;
  const pdfUrl = prev.pdfUrl ?? meta.pdfUrl;
  return {
    id: prev.id,
    title: meta.title || prev.title,
    authors: meta.authors.length ? meta.authors : prev.authors,
    ...(abstract ? { abstract } : {}),
    url: prev.url,
    ...(pdfUrl ? { pdfUrl } : {}),
    categories: meta.categories.length ? meta.categories : prev.categories,
    sites: prev.sites.includes(meta.site) ? prev.sites : [...prev.sites, meta.site],
    ...(prev.viewedAt !== undefined ? { viewedAt: prev.viewedAt } : {}),
    firstSeen: prev.firstSeen,
    lastSeen: now,
  };
}

/**
 * A record written later over whatever the database holds by then (another context may have written the paper
 * meanwhile): the earliest first sighting, the latest last one, sites united, the richer abstract, the newer
 * classification.
 */
export function mergeRecords(current: PaperRecord, next: PaperRecord): PaperRecord {
  const abstract =
    (next.abstract?.length ?? 0) >= (current.abstract?.length ?? 0) ? next.abstract : current.abstract;
  const pdfUrl = current.pdfUrl ?? next.pdfUrl;
  const { abstract: _a, pdfUrl: _p, ...rest } = next;
  return {
    ...rest,
    ...(abstract ? { abstract } : {}),
    ...(pdfUrl ? { pdfUrl } : {}),
    url: current.url,
    sites: [...current.sites, ...next.sites.filter((s) => !current.sites.includes(s))],
    firstSeen: Math.min(current.firstSeen, next.firstSeen),
    lastSeen: Math.max(current.lastSeen, next.lastSeen),
  };
}

/** The user's flags over all papers: small tables, read whole (keys only where possible) and kept in memory. */
export interface UserFlags {
  saved: Set<string>;
  dismissed: Set<string>;
  marks: Map<string, Record<string, boolean>>;
}

export async function readUserFlags(db: PaperSiftDb): Promise<UserFlags> {
  return db.transaction('r', db.memberships, db.userData, db.marks, async () => {
    const [members, dismissed, marks] = await Promise.all([
      db.memberships.toCollection().primaryKeys(),
      db.userData.where('dismissedAt').above(0).primaryKeys(),
      db.marks.toArray(),
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

/** Writes records in one transaction, each merged over the stored one (see `mergeRecords`). */
export async function writeRecords(db: PaperSiftDb, records: readonly PaperRecord[]): Promise<void> {
  if (!records.length) return;
  await db.transaction('rw', db.papers, async () => {
    const current = await db.papers.bulkGet(records.map((r) => r.id));
    await db.papers.bulkPut(records.map((r, i) => (current[i] ? mergeRecords(current[i], r) : r)));
  });
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
  return { ...base, topics: c.labels, scores: c.scores, evidence: c.evidence };
}

/** Marks papers as read on screen at `at`, unless they were before; unknown ids are left alone. */
export async function markViewed(db: PaperSiftDb, ids: readonly string[], at: number): Promise<void> {
  await db.transaction('rw', db.papers, async () => {
    const records = await db.papers.bulkGet([...ids]);
    const fresh = records.filter((r): r is PaperRecord => !!r && r.viewedAt === undefined);
    if (fresh.length) await db.papers.bulkPut(fresh.map((r) => ({ ...r, viewedAt: at })));
  });
}

/** Stores a paper seen for the first time (classified); leaves a known one as it is. */
async function ensurePaper(db: PaperSiftDb, meta: PaperMeta, classify: Classify, now: number): Promise<void> {
  if (await db.papers.get(meta.id)) return;
  await db.papers.put(sightingRecord(undefined, meta, classify, now));
}

/**
 * Saves a paper in a reading list (the default one unless `listId` is given), recording the paper first if it was
 * never seen; saving twice keeps the first saved date. Unsaving removes it from `listId` when given, else from every
 * list (the page's toggle means "saved anywhere"). Returns whether the paper is in any list afterwards.
 */
export async function setSaved(
  db: PaperSiftDb,
  meta: PaperMeta,
  saved: boolean,
  classify: Classify,
  now: number,
  listId?: string,
): Promise<boolean> {
  return db.transaction('rw', db.papers, db.memberships, db.lists, async () => {
    if (!saved) {
      if (listId) await db.memberships.delete([listId, meta.id]);
      else await db.memberships.where('paperId').equals(meta.id).delete();
      return (await db.memberships.where('paperId').equals(meta.id).count()) > 0;
    }
    const target = listId ?? DEFAULT_LIST_ID;
    if (!(await db.lists.get(target))) throw new Error(`no reading list ${target}`);
    await ensurePaper(db, meta, classify, now);
    if (!(await db.memberships.get([target, meta.id])))
      await db.memberships.put({ listId: target, paperId: meta.id, addedAt: now });
    return true;
  });
}

export interface SavedPaper {
  paper: PaperRecord;
  /** `savedAt`: when it went into the list (into its first list when all lists are read). */
  saved: { id: string; savedAt: number };
}

/** Saved papers of one list, or of every list (each paper once), newest first. */
export async function listSaved(db: PaperSiftDb, listId?: string): Promise<SavedPaper[]> {
  return db.transaction('r', db.papers, db.memberships, async () => {
    const rows = listId
      ? await db.memberships.where('listId').equals(listId).toArray()
      : await db.memberships.toArray();
    const first = new Map<string, number>();
    for (const m of rows) first.set(m.paperId, Math.min(first.get(m.paperId) ?? m.addedAt, m.addedAt));
    const saved = [...first].map(([id, savedAt]) => ({ id, savedAt }));
    saved.sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : 1));
    const papers = await db.papers.bulkGet(saved.map((s) => s.id));
    const out: SavedPaper[] = [];
    saved.forEach((s, i) => {
      const paper = papers[i];
      if (paper) out.push({ paper, saved: s });
    });
    return out;
  });
}
