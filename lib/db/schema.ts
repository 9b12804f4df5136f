import { Dexie, type Table } from 'dexie';
import type { PaperMeta, SiteId } from '../paper';
import { DEFAULT_LIST_ID, DEFAULT_LIST_NAME, STORES_V1, STORES_V2, upgradeV1toV2 } from './versions';

export { CURRENT_VERSION, DEFAULT_LIST_ID, DEFAULT_LIST_NAME } from './versions';

/**
 * A paper the user has come across, merged over every sighting (same canonical id on any site = one record): its
 * metadata (`url` is the page where it was first seen), where and when it was seen, and its latest classification.
 */
export interface PaperRecord extends Omit<PaperMeta, 'site'> {
  /** Sites where it was seen, in order of first sighting (empty for a paper only imported). */
  sites: SiteId[];
  firstSeen: number;
  lastSeen: number;
  /** When it was first on screen long enough to be read (lib/page/viewed.ts); absent: never read. */
  viewedAt?: number;
  /** Labels of the latest classification (topic ids), with scores and evidence. */
  topics: string[];
  scores: Record<string, number>;
  evidence: Record<string, string[]>;
}

/** Membership of the default reading list in schema version 1 (kept for the migration and its tests). */
export interface SavedRecord {
  id: string;
  savedAt: number;
}

/** A reading list. `order` sorts the lists (the default list first unless the user moves it). */
export interface ListRecord {
  id: string;
  name: string;
  order: number;
  createdAt: number;
}

/** A paper in a reading list, since `addedAt` (the "saved date" within that list). */
export interface MembershipRecord {
  listId: string;
  paperId: string;
  addedAt: number;
}

export const STATUSES = ['to-read', 'reading', 'read'] as const;
export type ReadingStatus = (typeof STATUSES)[number];

/** What the user said about a paper: reading status, notes, tags, "not interested". Absent = nothing said. */
export interface PaperUserRecord {
  id: string;
  /** Absent means "to read" for a saved paper. */
  status?: ReadingStatus;
  notes?: string;
  tags: string[];
  /** When the user dismissed the paper ("not interested"); the in-page filter may hide it. */
  dismissedAt?: number;
  updatedAt: number;
}

/** A topic the user defined: key phrases and example papers train it (lib/classify). */
export interface UserTopicRecord {
  id: string;
  name: string;
  /** Badge label, a few characters. */
  short: string;
  color: string;
  phrases: string[];
  /** Canonical ids of example papers. */
  examples: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Topic feedback: the user marked a paper as relevant (or not) to a topic (built-in or the user's). */
export interface MarkRecord {
  topicId: string;
  paperId: string;
  relevant: boolean;
  at: number;
}

/** A setting: typed keys and values in ./settings.ts. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** One page visit, for the options page's site health. */
export interface VisitRecord {
  id?: number;
  at: number;
  site: SiteId;
  adapter: string;
  url: string;
  entries: number;
  /** Papers the background refused (malformed entries). */
  rejected: number;
  warnings: string[];
}

export const DB_NAME = 'papersift';

/** Options for tests and Node tools: an IndexedDB implementation other than the global one. */
export interface DbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** The tables of the current schema, in the order backups list them. */
export const TABLES = [
  'papers',
  'lists',
  'memberships',
  'userData',
  'topics',
  'marks',
  'settings',
  'visits',
] as const;
export type TableName = (typeof TABLES)[number];

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
