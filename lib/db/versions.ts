import type { Transaction } from 'dexie';
import { canonicalId, titleKey } from '../ids';
import type { PaperRecord } from '../shapes';
import { bound } from './bound';
import { moveUserRows, PAPER_TABLES, storePapers } from './identity';
import { mergePaper } from './merge';

// Every schema version ever shipped, frozen: Dexie needs the whole chain (oldest first) to upgrade a database made
// by any earlier version, and the migration tests build real databases with the old declarations below. Never
// edit a shipped version: add a new one with its upgrade.

/** Version 1 (first release): papers and one reading list (`saved`). */
export const STORES_V1 = {
  papers: 'id, firstSeen, lastSeen, *topics',
  saved: 'id, savedAt',
} as const;

/** The id of the default reading list, which always exists and cannot be deleted. */
export const DEFAULT_LIST_ID = 'default';
export const DEFAULT_LIST_NAME = 'Reading list';

/**
 * Version 2: several named, ordered reading lists with memberships; per-paper user data (status, notes, tags,
 * dismissal); the user's topics and topic feedback marks; settings; page visits (site health). `saved` becomes
 * memberships of the default list and is deleted.
 */
export const STORES_V2 = {
  papers: 'id, firstSeen, lastSeen, *topics',
  saved: null,
  lists: 'id, order',
  memberships: '[listId+paperId], listId, paperId, addedAt',
  userData: 'id, status, *tags, dismissedAt',
  topics: 'id',
  marks: '[topicId+paperId], topicId, paperId',
  settings: 'key',
  visits: '++id, at',
} as const;

/** The upgrade from 1 to 2: the default list is created and every saved paper becomes its member, date kept. */
export async function upgradeV1toV2(tx: Transaction): Promise<void> {
  const saved = (await tx.table('saved').toArray()) as { id: string; savedAt: number }[];
  const createdAt = saved.reduce((min, s) => Math.min(min, s.savedAt), Date.now());
  await tx.table('lists').put({ id: DEFAULT_LIST_ID, name: DEFAULT_LIST_NAME, order: 0, createdAt });
  await tx
    .table('memberships')
    .bulkPut(saved.map((s) => ({ listId: DEFAULT_LIST_ID, paperId: s.id, addedAt: s.savedAt })));
}

/**
 * Version 3: one record per paper across sites. A paper is found by any of its ids (`*altIds`, multi-entry; the
 * primary key is the best one) and, failing that, by its title key (`titleKey`: normalised title and first author's
 * surname, lib/ids.ts), so that a paper seen on DBLP and then on arXiv is one record (lib/db/identity.ts).
 */
export const STORES_V3 = {
  papers: 'id, firstSeen, lastSeen, *topics, *altIds, titleKey',
} as const;

/**
 * The upgrade from 2 to 3: every record gets its title key, and a record whose id an older import wrote in a form
 * that is not canonical (`arxiv:math.GT/0309136` for `arxiv:math/0309136`) is renamed, merged with the record of
 * the canonical id when there is one; its user rows follow.
 */
export async function upgradeV2toV3(tx: Transaction): Promise<void> {
  const t = bound(tx, PAPER_TABLES);
  await t.papers.toCollection().modify((p: PaperRecord) => {
    const key = titleKey(p.title, p.authors);
    if (key) p.titleKey = key;
  });
  const ids = await t.papers.toCollection().primaryKeys();
  for (const old of ids) {
    const id = canonicalId(old);
    const record = id && id !== old ? await t.papers.get(old) : undefined;
    if (!id || !record) continue;
    await t.papers.delete(old);
    const stored = await storePapers(t, [{ ...record, id }], mergePaper);
    await moveUserRows(t, [old], stored.ids[0] ?? id);
  }
}

/** The schema version the current code declares (the last one above). */
export const CURRENT_VERSION = 3;
