import { bound } from './bound';
import { PAPER_TABLES } from './identity';
import type { PaperRecord, PaperSiftDb } from './schema';
import { getSetting, putSetting } from './settings';

// Every paper of every listing is recorded (for "seen before" and as possible topic examples), about 1.9 KB each
// with its abstract: a researcher reading cs.LG's /new every morning sees ~14,000 papers a month, and a backup of a
// year of that would be too big to import again. Like a browser's history, the record of papers the user only saw
// expires: some weeks after its last sighting a paper the user never kept loses its abstract (the bulk of it; the
// title, authors, links, dates, sites and topics stay, and a listing that shows the paper again brings the abstract
// back), and after a year without a sighting the record goes. What the user kept is never touched.

const DAY = 86_400_000;

/** How long a paper that is only seen keeps its abstract after its last sighting. */
export const KEEP_ABSTRACT_DAYS = 30;
/** How long its record is kept after its last sighting ("seen before" on a listing). */
export const KEEP_RECORD_DAYS = 365;

/** Settings key: when the last run was, and up to which last sighting it compacted and deleted. */
export const RETENTION = 'historyRetention';

/** Records per transaction: a page's requests wait for at most one of these. */
const BATCH = 500;

export interface RetentionResult {
  compacted: number;
  deleted: number;
}

/** How far the two sweeps got: every paper last seen before these was done. */
export interface RetentionProgress {
  compactedTo: number;
  deletedTo: number;
}

/** The setting: the progress, and when the last complete run was. */
type RetentionSetting = RetentionProgress & { at: number };

export interface RetentionOptions {
  /** Where the last run stopped (0: from the start). */
  from?: Partial<RetentionProgress>;
  /** Pause between batches, in ms (the background's other work, a page's requests, goes in between). */
  pauseMs?: number;
  batch?: number;
  /** After each batch: how far the sweeps got, so that a run cut short (a stopped worker) can resume. */
  onProgress?: (progress: RetentionProgress) => Promise<void> | void;
}

/**
 * Applies the retention rules to the papers last seen in [from.deletedTo, now - KEEP_RECORD_DAYS), then to those
 * last seen in [from.compactedTo, now - KEEP_ABSTRACT_DAYS), each sweep in order of last sighting:
 * - a paper in no list, without status, notes or tags, never marked for a topic and not an example of one of
 *   the user's topics loses its abstract (a paper dismissed as "not interested" is not kept for that);
 * - such a paper that is not dismissed either (nothing of the user's refers to it) is deleted once a year old.
 * In batches, each one transaction that checks all of this afresh (the user may save a paper meanwhile).
 */
export async function applyRetention(
  db: PaperSiftDb,
  now: number,
  opts: RetentionOptions = {},
): Promise<RetentionResult> {
  const compactBefore = now - KEEP_ABSTRACT_DAYS * DAY;
  const deleteBefore = now - KEEP_RECORD_DAYS * DAY;
  const batch = opts.batch ?? BATCH;
  const progress: RetentionProgress = {
    compactedTo: opts.from?.compactedTo ?? 0,
    deletedTo: opts.from?.deletedTo ?? 0,
  };
  const result: RetentionResult = { compacted: 0, deleted: 0 };
  const sweeps = [
    ['deletedTo', deleteBefore],
    ['compactedTo', compactBefore],
  ] as const;
  let first = true;
  for (const [sweep, to] of sweeps) {
    const from = progress[sweep];
    if (!(from < to)) continue;
    // Primary keys and last sightings, in the index's order (one read transaction, so they match).
    const [ids, seen] = await db.transaction('r', ['papers'], (tx) => {
      const t = bound(tx, ['papers']);
      const range = () => t.papers.where('lastSeen').between(from, to, true, false);
      return Promise.all([range().primaryKeys(), range().keys()]);
    });
    for (let i = 0; i < ids.length; i += batch) {
      if (!first && opts.pauseMs) await new Promise((resolve) => setTimeout(resolve, opts.pauseMs));
      first = false;
      const chunk = ids.slice(i, i + batch);
      const done = await applyToBatch(db, chunk, compactBefore, deleteBefore);
      result.compacted += done.compacted;
      result.deleted += done.deleted;
      // Resuming from this last sighting (inclusive) does its ties again, which changes nothing.
      progress[sweep] = seen[Math.min(i + batch, ids.length) - 1] as number;
      await opts.onProgress?.({ ...progress });
    }
    progress[sweep] = to;
  }
  return result;
}

async function applyToBatch(
  db: PaperSiftDb,
  chunk: string[],
  compactBefore: number,
  deleteBefore: number,
): Promise<RetentionResult> {
  return db.transaction('rw', [...PAPER_TABLES], async (tx) => {
    const t = bound(tx, PAPER_TABLES);
    const [papers, members, userData, marks, topics] = await Promise.all([
      t.papers.bulkGet(chunk),
      t.memberships.where('paperId').anyOf(chunk).toArray(),
      t.userData.bulkGet(chunk),
      t.marks.where('paperId').anyOf(chunk).toArray(),
      t.topics.toArray(),
    ]);
    // Kept: the abstract stays. Referred to: the record stays (a backup must not refer to a missing paper).
    const kept = new Set<string>([...members, ...marks].map((r) => r.paperId));
    for (const topic of topics) for (const id of topic.examples) kept.add(id);
    const referred = new Set(kept);
    for (const u of userData) {
      if (!u) continue;
      referred.add(u.id);
      if (u.status || u.notes || u.tags.length) kept.add(u.id);
    }
    const compact: PaperRecord[] = [];
    const remove: string[] = [];
    for (const p of papers) {
      if (!p || kept.has(p.id)) continue;
      if (p.lastSeen < deleteBefore && !referred.has(p.id)) remove.push(p.id);
      else if (p.lastSeen < compactBefore && p.abstract !== undefined) {
        const { abstract: _dropped, ...rest } = p;
        compact.push(rest);
      }
    }
    await t.papers.bulkPut(compact);
    await t.papers.bulkDelete(remove);
    return { compacted: compact.length, deleted: remove.length };
  });
}

/**
 * Applies the retention rules to the papers that grew old since the last run, at most once a day (the background
 * calls this a few seconds after it starts, which in Chrome is many times a day, and hourly). A run cut short
 * (Chrome stops a worker it deems idle) leaves its progress in the setting, and the next call resumes it. A paper
 * kept when its turn came and released later is not looked at again. Returns what was done, or undefined when it
 * was not yet time.
 */
export async function applyRetentionDaily(
  db: PaperSiftDb,
  now: number,
  opts: Pick<RetentionOptions, 'pauseMs' | 'batch'> = {},
): Promise<RetentionResult | undefined> {
  const last = (await getSetting(db, RETENTION)) as Partial<RetentionSetting> | undefined;
  const at = typeof last?.at === 'number' ? last.at : undefined;
  // A clock set back (at > now) runs it again rather than waiting for that date.
  if (at !== undefined && at <= now && now - at < DAY) return undefined;
  const from = (x: unknown) => (typeof x === 'number' && x <= now ? x : 0);
  const progress = { compactedTo: from(last?.compactedTo), deletedTo: from(last?.deletedTo) };
  const result = await applyRetention(db, now, {
    ...opts,
    from: progress,
    // Not yet done: the time of the last complete run stays, so that the next start carries on.
    onProgress: (p) => putSetting(db, RETENTION, { at: at ?? 0, ...p }),
  });
  const next: RetentionSetting = {
    at: now,
    compactedTo: Math.max(progress.compactedTo, now - KEEP_ABSTRACT_DAYS * DAY),
    deletedTo: Math.max(progress.deletedTo, now - KEEP_RECORD_DAYS * DAY),
  };
  await putSetting(db, RETENTION, next);
  return result;
}
