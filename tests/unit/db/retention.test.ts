import { beforeEach, describe, expect, it } from 'vitest';
import { exportBackup } from '../../../lib/db/backup';
import { addToList } from '../../../lib/db/lists';
import { sightingRecord, writeRecords } from '../../../lib/db/papers';
import {
  applyRetention,
  applyRetentionDaily,
  KEEP_ABSTRACT_DAYS,
  KEEP_RECORD_DAYS,
  RETENTION,
} from '../../../lib/db/retention';
import { DEFAULT_LIST_ID, type PaperRecord, type PaperSiftDb } from '../../../lib/db/schema';
import { getSetting, putSetting } from '../../../lib/db/settings';
import { putUserTopic, setMark } from '../../../lib/db/topics';
import { setDismissed, setNotes } from '../../../lib/db/user';
import { parseBackup } from '../../../lib/library/import';
import type { PaperMeta } from '../../../lib/paper';
import { freshDb, probeClassify, recordSeen, samplePapers } from './fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
/** The day when the papers seen on T0 lose their abstract. */
const LATER = T0 + (KEEP_ABSTRACT_DAYS + 1) * DAY;
/** The day when their records go. */
const YEAR_ON = T0 + (KEEP_RECORD_DAYS + 1) * DAY;

let db: PaperSiftDb;
let papers: PaperMeta[];
let before: Map<string, PaperRecord>;

beforeEach(async () => {
  ({ db } = freshDb());
  papers = samplePapers();
  // 36 real papers: 0–29 seen on T0 only, 30–35 seen again the day before LATER.
  await recordSeen(db, papers, probeClassify, T0);
  await writeRecords(
    db,
    papers.slice(30).map((p) => sightingRecord(undefined, p, probeClassify, LATER - DAY)),
  );
  before = new Map((await db.papers.toArray()).map((p) => [p.id, p]));
});

const at = (i: number) => (papers[i] as PaperMeta).id;
const hasAbstract = async (ids: string[]) =>
  (await db.papers.bulkGet(ids)).map((p) => p && Boolean(p.abstract));

/** Saves 0, notes on 1, marks 2, makes 3 a topic example, dismisses 4, writes notes on 5 and empties them. */
async function keepSome(): Promise<void> {
  await addToList(db, DEFAULT_LIST_ID, [at(0)], T0);
  await setNotes(db, at(1), 'read the appendix', T0);
  await setMark(db, 'gnn', at(2), false, T0);
  await putUserTopic(db, { name: 'Looping', color: '#123456', phrases: ['looped'], examples: [at(3)] }, T0);
  await setDismissed(db, at(4), true, T0);
  await setNotes(db, at(5), 'x', T0);
  await setNotes(db, at(5), '', T0);
}

describe('applyRetention', () => {
  it('drops only the abstract of papers only seen and not seen for 30 days', async () => {
    expect(await applyRetention(db, LATER)).toEqual({ compacted: 30, deleted: 0 });
    for (const p of await db.papers.toArray()) {
      const prev = before.get(p.id) as PaperRecord;
      expect(prev.abstract).toBeTruthy();
      const { abstract: _a, ...rest } = prev;
      if (papers.slice(30).some((m) => m.id === p.id)) expect(p).toEqual(prev);
      else expect(p).toEqual(rest);
    }
    expect(await applyRetention(db, LATER)).toEqual({ compacted: 0, deleted: 0 });
  });

  it('keeps the abstracts of papers the user kept: saved, with notes, marked, a topic example', async () => {
    await keepSome();
    expect(await applyRetention(db, LATER)).toEqual({ compacted: 26, deleted: 0 });
    expect(await hasAbstract([0, 1, 2, 3, 4, 5].map(at))).toEqual([true, true, true, true, false, false]);
  });

  it('deletes the records not seen for a year that nothing of the user refers to', async () => {
    await keepSome();
    // 6–29: gone. 4 (dismissed) and 5 (an emptied notes field): their user rows refer to them, so compacted only;
    // 30–35, seen a month later, are not a year old yet: compacted.
    expect(await applyRetention(db, YEAR_ON)).toEqual({ compacted: 8, deleted: 24 });
    const left = [0, 1, 2, 3, 4, 5, 30, 31, 32, 33, 34, 35].map(at);
    expect((await db.papers.toCollection().primaryKeys()).sort()).toEqual([...left].sort());
    expect(await hasAbstract(left)).toEqual([true, true, true, true, ...Array(8).fill(false)]);
    // The user's own backup still imports: no membership, mark or user row refers to a missing paper.
    const backup = JSON.stringify(await exportBackup(db, YEAR_ON));
    expect(parseBackup(backup)).toMatchObject({ ok: true, papers: 12 });
  });

  it('leaves "seen before", the topics and the link, and a later sighting brings the abstract back', async () => {
    await applyRetention(db, LATER);
    const old = (await db.papers.get(at(7))) as PaperRecord;
    const prev = before.get(at(7)) as PaperRecord;
    const facts = (p: PaperRecord) => [p.firstSeen, p.lastSeen, p.sites, p.url, p.topics, p.title, p.authors];
    expect(facts(old)).toEqual(facts(prev));
    const again = sightingRecord(old, papers[7] as PaperMeta, probeClassify, LATER);
    expect(again.abstract).toBe(prev.abstract);
    expect(again.firstSeen).toBe(T0);
  });

  it('makes an old history about a fifth of its size in a backup', async () => {
    const size = async () => JSON.stringify((await exportBackup(db, LATER)).tables.papers).length;
    const full = await size();
    await applyRetention(db, LATER);
    const compact = await size();
    // 30 of the 36 compacted; the share of its bytes a compacted paper keeps:
    const perFull = full / 36;
    const perCompact = (compact - 6 * perFull) / 30;
    expect(perCompact / perFull).toBeLessThan(0.25);
  });
});

describe('applyRetentionDaily', () => {
  it('runs at most once a day, each time over the papers that grew old since the last run', async () => {
    await addToList(db, DEFAULT_LIST_ID, [at(0)], T0);
    expect(await applyRetentionDaily(db, LATER)).toEqual({ compacted: 29, deleted: 0 });
    expect(await getSetting(db, RETENTION)).toEqual({
      at: LATER,
      compactedTo: LATER - KEEP_ABSTRACT_DAYS * DAY,
      deletedTo: LATER - KEEP_RECORD_DAYS * DAY,
    });
    expect(await applyRetentionDaily(db, LATER + DAY - 1)).toBeUndefined();
    // Unsaved after its turn: not looked at again until its record expires.
    await db.memberships.clear();
    // The six recent papers grow old 30 days after the day before LATER.
    expect(await applyRetentionDaily(db, LATER + KEEP_ABSTRACT_DAYS * DAY)).toEqual({
      compacted: 6,
      deleted: 0,
    });
    expect(await db.papers.filter((p) => p.abstract !== undefined).primaryKeys()).toEqual([at(0)]);
    expect(await applyRetentionDaily(db, YEAR_ON)).toEqual({ compacted: 0, deleted: 30 });
  });

  it('a run cut short (the worker stopped) leaves its progress, and the next call carries on from there', async () => {
    // Papers 0–29 last seen a minute apart, so that batches of 10 end at known sightings.
    const MIN = 60_000;
    await writeRecords(
      db,
      papers.slice(0, 30).map((p, i) => sightingRecord(undefined, p, probeClassify, T0 + i * MIN)),
    );
    await putSetting(db, RETENTION, { at: LATER - 2 * DAY, compactedTo: 0, deletedTo: 0 });
    // The second batch's transaction fails, as it would with the worker gone (on the Table class: the batch reads
    // through tables bound to its transaction, lib/db/bound.ts).
    const toArray = db.Table.prototype.toArray;
    let calls = 0;
    db.Table.prototype.toArray = function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'topics' && ++calls === 2) return Promise.reject(new Error('worker stopped'));
      return (toArray as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof toArray;
    await expect(applyRetentionDaily(db, LATER, { batch: 10 })).rejects.toThrow('worker stopped');
    db.Table.prototype.toArray = toArray;
    // The first batch is done and recorded; the last complete run's time stays, so the next call is due.
    expect(await hasAbstract([0, 9, 10, 29].map(at))).toEqual([false, false, true, true]);
    expect(await getSetting(db, RETENTION)).toEqual({
      at: LATER - 2 * DAY,
      compactedTo: T0 + 9 * MIN,
      // The deletion sweep, first, was complete (nothing a year old).
      deletedTo: LATER - KEEP_RECORD_DAYS * DAY,
    });
    // Carries on from paper 9's sighting: 10–29 are left (9 again, already done).
    expect(await applyRetentionDaily(db, LATER, { batch: 10 })).toEqual({ compacted: 20, deleted: 0 });
    expect(await db.papers.filter((p) => p.abstract !== undefined).count()).toBe(6);
  });

  it('runs again when the clock was set back', async () => {
    await applyRetentionDaily(db, LATER + 10 * DAY);
    expect(await applyRetentionDaily(db, LATER)).toEqual({ compacted: 0, deleted: 0 });
    expect(await getSetting(db, RETENTION)).toMatchObject({ at: LATER });
  });
});
