import { LIMITS } from '../shapes';
import { BUILTIN_TOPICS } from '../topics';
import { bound } from './bound';
import { assertPapers, LibraryError } from './lists';
import type { PaperSiftDb, PaperUserRecord, ReadingStatus } from './schema';

// What the user says about a paper: reading status, notes, tags, "not interested". Each function is one
// transaction and idempotent (lib/db/library.ts).

/** Applies a change to the user data of some papers (creating it when absent), in one transaction. */
function updateUser(
  db: PaperSiftDb,
  paperIds: readonly string[],
  now: number,
  change: (u: PaperUserRecord) => PaperUserRecord,
): Promise<PaperUserRecord[]> {
  return db.transaction('rw', ['papers', 'userData'], (tx) =>
    updateUserIn(bound(tx, ['papers', 'userData']), paperIds, now, change),
  );
}

/** `updateUser` in the caller's transaction (over papers and userData at least). */
async function updateUserIn(
  t: Pick<PaperSiftDb, 'papers' | 'userData'>,
  paperIds: readonly string[],
  now: number,
  change: (u: PaperUserRecord) => PaperUserRecord,
): Promise<PaperUserRecord[]> {
  await assertPapers(t, paperIds);
  const prev = await t.userData.bulkGet([...paperIds]);
  const next = paperIds.map((id, i) => ({
    ...change(prev[i] ?? { id, tags: [], updatedAt: now }),
    updatedAt: now,
  }));
  await t.userData.bulkPut(next);
  return next;
}

export function setStatus(
  db: PaperSiftDb,
  paperIds: readonly string[],
  status: ReadingStatus,
  now: number,
): Promise<PaperUserRecord[]> {
  return updateUser(db, paperIds, now, (u) => ({ ...u, status }));
}

export function setNotes(
  db: PaperSiftDb,
  paperId: string,
  notes: string,
  now: number,
): Promise<PaperUserRecord[]> {
  if (notes.length > LIMITS.notes) throw new LibraryError(`Notes have at most ${LIMITS.notes} characters.`);
  return updateUser(db, [paperId], now, ({ notes: _old, ...u }) => (notes.trim() ? { ...u, notes } : u));
}

/** Tags: trimmed, whitespace collapsed, case-insensitively unique, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.replace(/\s+/g, ' ').trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    if (tag.length > LIMITS.tag) throw new LibraryError(`A tag has at most ${LIMITS.tag} characters.`);
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  if (out.length > LIMITS.tags) throw new LibraryError(`A paper has at most ${LIMITS.tags} tags.`);
  return out;
}

export function setTags(
  db: PaperSiftDb,
  paperId: string,
  tags: readonly string[],
  now: number,
): Promise<PaperUserRecord[]> {
  const clean = cleanTags(tags);
  return updateUser(db, [paperId], now, (u) => ({ ...u, tags: clean }));
}

/**
 * "Not interested" (or undo it), from a page or the popup alike: the paper is dismissed and marked not relevant for
 * the topics it is labelled with (those it has no mark for), so that the model learns from it; undoing removes the
 * dismissal and the paper's "not relevant" marks on those topics. The paper must be known (a page records it before
 * the user can dismiss it). Returns the paper's user data.
 */
export function setDismissed(
  db: PaperSiftDb,
  paperId: string,
  dismissed: boolean,
  now: number,
): Promise<PaperUserRecord[]> {
  return db.transaction('rw', ['papers', 'userData', 'marks', 'topics'], async (tx) => {
    const t = bound(tx, ['papers', 'userData', 'marks', 'topics']);
    const user = await updateUserIn(t, [paperId], now, ({ dismissedAt: _old, ...u }) =>
      dismissed ? { ...u, dismissedAt: now } : u,
    );
    const [record, marks, topics] = await Promise.all([
      t.papers.get(paperId),
      t.marks.where('paperId').equals(paperId).toArray(),
      t.topics.toCollection().primaryKeys(),
    ]);
    const known = new Set([...BUILTIN_TOPICS.map((b) => b.id), ...topics]);
    for (const topicId of record?.topics ?? []) {
      const mark = marks.find((m) => m.topicId === topicId);
      if (dismissed && !mark && known.has(topicId))
        await t.marks.put({ topicId, paperId, relevant: false, at: now });
      if (!dismissed && mark && !mark.relevant) await t.marks.delete([topicId, paperId]);
    }
    return user;
  });
}
