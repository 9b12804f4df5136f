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

interface RetentionSetting {
  at: number;
  compactedTo: number;
  deletedTo: number;
}

/** Records per transaction: a page's requests wait for at most one of these. */
const BATCH = 500;

export interface RetentionResult {
  compacted: number;
  deleted: number;
}

/**
 * Applies the retention rules to the papers last seen in [compactFrom, now - KEEP_ABSTRACT_DAYS) or in
 * [deleteFrom, now - KEEP_RECORD_DAYS):
 * - a paper in no list, without status, notes or tags, never marked for a topic and not an example of one of
 *   the user's topics loses its abstract (a paper dismissed as "not interested" is not kept for that);
 * - such a paper that is not dismissed either (nothing of the user's refers to it) is deleted once a year old.
 * Batches of BATCH records, each one transaction that checks all of this afresh (the user may save a paper
 * meanwhile), `pauseMs` apart (the background's other work, a page's requests, goes in between).
 */
export async function applyRetention(
  db: PaperSiftDb,
  now: number,
  compactFrom = 0,
  deleteFrom = 0,
  pauseMs = 0,
): Promise<RetentionResult> {
  const compactBefore = now - KEEP_ABSTRACT_DAYS * DAY;
  const deleteBefore = now - KEEP_RECORD_DAYS * DAY;
  const range = (from: number, to: number) =>
    from < to ? db.papers.where('lastSeen').between(from, to, true, false).primaryKeys() : [];
  const [a, b] = await Promise.all([range(compactFrom, compactBefore), range(deleteFrom, deleteBefore)]);
  const ids = [...new Set([...a, ...b])];
  const result: RetentionResult = { compacted: 0, deleted: 0 };
  for (let i = 0; i < ids.length; i += BATCH) {
    if (i > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const chunk = ids.slice(i, i + BATCH);
    await db.transaction('rw', [db.papers, db.memberships, db.userData, db.marks, db.topics], async () => {
      const [papers, members, userData, marks, topics] = await Promise.all([
        db.papers.bulkGet(chunk),
        db.memberships.where('paperId').anyOf(chunk).toArray(),
        db.userData.bulkGet(chunk),
        db.marks.where('paperId').anyOf(chunk).toArray(),
        db.topics.toArray(),
      ]);
      // Kept: the abstract stays. Referred to: the record stays (a backup must not refer to a missing paper).
      const kept = new Set<string>([...members, ...marks].map((r) => r.paperId));
      for (const t of topics) for (const id of t.examples) kept.add(id);
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
      await db.papers.bulkPut(compact);
      await db.papers.bulkDelete(remove);
      result.compacted += compact.length;
      result.deleted += remove.length;
    });
  }
  return result;
}

/**
 * Applies the retention rules to the papers that grew old since the last run, at most once a day (the background
 * calls this whenever it starts, which in Chrome is many times a day). A paper kept when its turn came and released
 * later is not looked at again. Returns what was done, or undefined when it was not yet time.
 */
export async function applyRetentionDaily(
  db: PaperSiftDb,
  now: number,
  pauseMs = 0,
): Promise<RetentionResult | undefined> {
  const last = (await getSetting(db, RETENTION)) as Partial<RetentionSetting> | undefined;
  const at = typeof last?.at === 'number' ? last.at : undefined;
  // A clock set back (at > now) runs it again rather than waiting for that date.
  if (at !== undefined && at <= now && now - at < DAY) return undefined;
  const from = (x: unknown) => (typeof x === 'number' && x <= now ? x : 0);
  const compactFrom = from(last?.compactedTo);
  const deleteFrom = from(last?.deletedTo);
  const result = await applyRetention(db, now, compactFrom, deleteFrom, pauseMs);
  const next: RetentionSetting = {
    at: now,
    compactedTo: Math.max(compactFrom, now - KEEP_ABSTRACT_DAYS * DAY),
    deletedTo: Math.max(deleteFrom, now - KEEP_RECORD_DAYS * DAY),
  };
  await putSetting(db, RETENTION, next);
  return result;
}
