import type { Classification, PaperText } from '../classify/types';
import type { PaperMeta } from '../paper';
import type { PaperRecord, PaperSiftDb, SavedRecord } from './schema';

type Classify = (paper: PaperText) => Classification;

/** What the classifier reads of a record: title and, when known, abstract. */
function textOf(p: { title: string; abstract?: string }): PaperText {
  return p.abstract ? { title: p.title, abstract: p.abstract } : { title: p.title };
}

/** One paper of a page after it was recorded: its classification and what the database knew before. */
export interface RecordedPaper {
  record: PaperRecord;
  saved: boolean;
  seenBefore: boolean;
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
    firstSeen: prev.firstSeen,
    lastSeen: now,
  };
}

/**
 * Records the papers of one page in a single transaction: merges each with what is stored, classifies the merged
 * text (so a title-only listing still benefits from an abstract seen earlier, and a paper is re-classified when its
 * abstract arrives), writes them and reads whether each is saved.
 */
export async function recordPapers(
  db: PaperSiftDb,
  papers: readonly PaperMeta[],
  classify: Classify,
  now: number,
  /** When the page visit began: papers first seen before it count as seen on an earlier visit. */
  visitStartedAt: number = now,
): Promise<RecordedPaper[]> {
  return db.transaction('rw', db.papers, db.saved, async () => {
    const ids = papers.map((p) => p.id);
    const [prevs, saved] = await Promise.all([db.papers.bulkGet(ids), db.saved.bulkGet(ids)]);
    // The same paper may appear twice on a page (e.g. a listing's new and cross-list sections): merge in order.
    const merged = new Map<string, PaperRecord>();
    const out: RecordedPaper[] = papers.map((meta, i) => {
      const prev = merged.get(meta.id) ?? prevs[i];
      const base = mergeSighting(prev, meta, now);
      const c = classify(textOf(base));
      const record: PaperRecord = { ...base, topics: c.labels, scores: c.scores, evidence: c.evidence };
      merged.set(meta.id, record);
      return {
        record,
        saved: saved[i] !== undefined,
        seenBefore: (prevs[i]?.firstSeen ?? now) < visitStartedAt,
      };
    });
    await db.papers.bulkPut([...merged.values()]);
    return out;
  });
}

/** Saves (or unsaves) a paper in the default reading list; records the paper first if it was never seen. */
export async function setSaved(
  db: PaperSiftDb,
  meta: PaperMeta,
  saved: boolean,
  classify: Classify,
  now: number,
): Promise<boolean> {
  return db.transaction('rw', db.papers, db.saved, async () => {
    if (!saved) {
      await db.saved.delete(meta.id);
      return false;
    }
    const prev = await db.papers.get(meta.id);
    if (!prev) {
      const base = mergeSighting(undefined, meta, now);
      const c = classify(textOf(base));
      await db.papers.put({ ...base, topics: c.labels, scores: c.scores, evidence: c.evidence });
    }
    if (!(await db.saved.get(meta.id))) await db.saved.put({ id: meta.id, savedAt: now });
    return true;
  });
}

export interface SavedPaper {
  paper: PaperRecord;
  saved: SavedRecord;
}

/** Saved papers of the default list, newest first. */
export async function listSaved(db: PaperSiftDb): Promise<SavedPaper[]> {
  return db.transaction('r', db.papers, db.saved, async () => {
    const saved = await db.saved.orderBy('savedAt').reverse().toArray();
    const papers = await db.papers.bulkGet(saved.map((s) => s.id));
    const out: SavedPaper[] = [];
    saved.forEach((s, i) => {
      const paper = papers[i];
      if (paper) out.push({ paper, saved: s });
    });
    return out;
  });
}
