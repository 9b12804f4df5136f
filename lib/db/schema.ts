import { Dexie, type Table } from 'dexie';
import type { SiteId } from '../paper';

/** A paper the user has come across, merged over every sighting (same canonical id on any site = one record). */
export interface PaperRecord {
  id: string;
  title: string;
  authors: string[];
  abstract?: string;
  /** The paper's page where it was first seen. */
  url: string;
  pdfUrl?: string;
  categories: string[];
  /** Sites where it was seen, in order of first sighting. */
  sites: SiteId[];
  firstSeen: number;
  lastSeen: number;
  /** Labels of the latest classification (topic ids), with scores and evidence. */
  topics: string[];
  scores: Record<string, number>;
  evidence: Record<string, string[]>;
}

/** Membership of the default reading list (schema version 1 has one list). */
export interface SavedRecord {
  id: string;
  savedAt: number;
}

export const DB_NAME = 'papersift';

/** Options for tests and Node tools: an IndexedDB implementation other than the global one. */
export interface DbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export class PaperSiftDb extends Dexie {
  papers!: Table<PaperRecord, string>;
  saved!: Table<SavedRecord, string>;

  constructor(name = DB_NAME, deps?: DbDeps) {
    super(name, deps);
    // Every version ever shipped stays declared here, oldest first, with its upgrade: Dexie needs the chain to
    // upgrade a database made by any earlier version.
    this.version(1).stores({
      papers: 'id, firstSeen, lastSeen, *topics',
      saved: 'id, savedAt',
    });
  }
}
