import { Dexie, type Table } from 'dexie';
import type {
  ListRecord,
  MarkRecord,
  MembershipRecord,
  PaperRecord,
  PaperUserRecord,
  SettingRecord,
  UserTopicRecord,
  VisitRecord,
} from '../shapes';
import {
  DEFAULT_LIST_ID,
  DEFAULT_LIST_NAME,
  STORES_V1,
  STORES_V2,
  STORES_V3,
  upgradeV1toV2,
  upgradeV2toV3,
} from './versions';

// The records' types are inferred from their schemas (lib/shapes.ts): declared once, with their bounds.
export type {
  ListRecord,
  MarkRecord,
  MembershipRecord,
  PaperRecord,
  PaperUserRecord,
  ReadingStatus,
  SettingRecord,
  UserTopicRecord,
  VisitRecord,
} from '../shapes';
export { STATUSES, TABLES } from '../shapes';
export { CURRENT_VERSION, DEFAULT_LIST_ID, DEFAULT_LIST_NAME } from './versions';

export const DB_NAME = 'papersift';

/** Options for tests and Node tools: an IndexedDB implementation other than the global one. */
export interface DbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export class PaperSiftDb extends Dexie {
  papers!: Table<PaperRecord, string>;
  lists!: Table<ListRecord, string>;
  memberships!: Table<MembershipRecord, [string, string]>;
  userData!: Table<PaperUserRecord, string>;
  topics!: Table<UserTopicRecord, string>;
  marks!: Table<MarkRecord, [string, string]>;
  settings!: Table<SettingRecord, string>;
  visits!: Table<VisitRecord, number>;

  constructor(name = DB_NAME, deps?: DbDeps) {
    super(name, deps);
    // Every version ever shipped stays declared, oldest first, with its upgrade (frozen in ./versions.ts).
    this.version(1).stores(STORES_V1);
    this.version(2).stores(STORES_V2).upgrade(upgradeV1toV2);
    this.version(3).stores(STORES_V3).upgrade(upgradeV2toV3);
    // A new database starts with its default list (an upgraded one gets it from the upgrade).
    this.on('populate', (tx) => {
      tx.table('lists').add({
        id: DEFAULT_LIST_ID,
        name: DEFAULT_LIST_NAME,
        order: 0,
        createdAt: Date.now(),
      });
    });
  }
}

/** The transaction's error name when the browser refused a write for lack of space. */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; inner?: { name?: string } } | undefined;
  return /quota/i.test(e?.name ?? '') || /quota/i.test(e?.inner?.name ?? '');
}

/** A message for the user about a failed database operation. */
export function describeStorageError(err: unknown): string {
  if (isQuotaError(err))
    return 'The browser refused to store more data (storage quota exceeded). Free some disk space or export and delete old papers, then try again.';
  const e = err as { name?: string; message?: string } | undefined;
  return `Could not write to the database: ${e?.name ?? 'Error'}${e?.message ? `: ${e.message}` : ''}`;
}
