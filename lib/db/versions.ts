import type { Transaction } from 'dexie';

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

/** The schema version the current code declares (the last one above). */
export const CURRENT_VERSION = 2;
