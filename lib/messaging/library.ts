import * as v from 'valibot';
import type { ImportSummary } from '../db/backup';
import {
  color,
  LIMITS,
  type ListRecord,
  ListRecordSchema,
  localId,
  type MembershipRecord,
  MembershipRecordSchema,
  type PaperUserRecord,
  paperId,
  STATUSES,
  TABLES,
  text,
  type UserTopicRecord,
} from '../shapes';
import { SITES } from '../sites/registry';
import type { ErrorReply } from './protocol';

// Messages of the popup and the options page to the background: every write to the library, imports included.
// (They read the database directly: same extension origin.) One message, `library`, whose `op` says what to do;
// each op is one transaction and idempotent, so the sender may repeat it when the background was restarted before
// answering; each op has its own reply (`LibraryReplies`).

// Content scripts import this module (through ./index): it must not pull in Dexie (lib/db values): types only.

const paperIds = v.pipe(v.array(paperId), v.minLength(1), v.maxLength(100_000));
/** A name as typed: the database cleans it (whitespace) and enforces its own limit (LIMITS). */
const typedName = text(1000);

/** What the user types to confirm deleting everything; `clearAll` carries it, so no stray message can wipe the data. */
export const DELETE_PHRASE = 'delete everything';

/** An import in progress was lost (the background restarted): the sender starts it again. */
export const IMPORT_LOST = 'The import was interrupted (the extension restarted); it has to start again.';

/** Rows of an import in one message (the whole message stays a few MB: lib/library/import-client.ts). */
export const MAX_IMPORT_BATCH = 100_000;

export const LibraryRequestSchema = v.variant('op', [
  v.object({ op: v.literal('createList'), name: typedName }),
  v.object({ op: v.literal('renameList'), id: localId, name: typedName }),
  v.object({ op: v.literal('deleteList'), id: localId }),
  v.object({ op: v.literal('reorderLists'), ids: v.pipe(v.array(localId), v.maxLength(10_000)) }),
  v.object({ op: v.literal('addToList'), listId: localId, paperIds }),
  v.object({ op: v.literal('moveToList'), from: localId, to: localId, paperIds }),
  v.object({ op: v.literal('removeFromLists'), paperIds, listId: v.optional(localId) }),
  v.object({
    op: v.literal('restoreMemberships'),
    memberships: v.pipe(v.array(MembershipRecordSchema), v.maxLength(100_000)),
    /** Undo of `deleteList`: the list its reply gave back, put back (same id, name, place) before its memberships. */
    list: v.optional(ListRecordSchema),
  }),
  v.object({ op: v.literal('setStatus'), paperIds, status: v.picklist(STATUSES) }),
  v.object({ op: v.literal('setNotes'), paperId, notes: text(LIMITS.notes) }),
  v.object({ op: v.literal('setTags'), paperId, tags: v.pipe(v.array(text(1000)), v.maxLength(1000)) }),
  /** "Not interested", as from a page: also a negative mark for the topics the paper got (lib/db setDismissed). */
  v.object({ op: v.literal('setDismissed'), paperId, dismissed: v.boolean() }),
  v.object({
    op: v.literal('putUserTopic'),
    topic: v.object({
      id: v.optional(localId),
      name: typedName,
      short: v.optional(text(100)),
      color,
      phrases: v.pipe(v.array(text(1000)), v.maxLength(1000)),
      examples: v.optional(v.pipe(v.array(paperId), v.maxLength(LIMITS.examples))),
      enabled: v.optional(v.boolean()),
    }),
  }),
  v.object({ op: v.literal('deleteUserTopic'), id: localId }),
  /** A relevance mark (null removes it), as from a page: the model is rebuilt and the paper classified again. */
  v.object({ op: v.literal('setMark'), topicId: localId, paperId, relevant: v.nullable(v.boolean()) }),
  v.object({
    op: v.literal('setBuiltinTopic'),
    id: localId,
    enabled: v.optional(v.boolean()),
    color: v.optional(color),
  }),
  v.object({ op: v.literal('setSiteEnabled'), site: v.picklist(SITES), enabled: v.boolean() }),
  /**
   * An import: the options page reads and validates the file, then sends its rows in batches (`importRows`, each
   * validated again here); `importCommit` checks the rows together and writes them in ONE transaction.
   */
  v.object({ op: v.literal('importBegin') }),
  v.object({
    op: v.literal('importRows'),
    session: localId,
    table: v.picklist(TABLES),
    /** Where the batch starts among the table's rows (a batch sent again is recognised). */
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    rows: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(MAX_IMPORT_BATCH)),
  }),
  v.object({ op: v.literal('importCommit'), session: localId }),
  v.object({ op: v.literal('importAbort'), session: localId }),
  /** Deletes everything; `confirm` must be the exact phrase the options page asks the user to type. */
  v.object({ op: v.literal('clearAll'), confirm: v.literal(DELETE_PHRASE) }),
]);

export type LibraryRequest = v.InferOutput<typeof LibraryRequestSchema>;
export type LibraryOp = LibraryRequest['op'];

type Ok<T = unknown> = { ok: true } & T;

/** A paper's classification after a mark, with its marks (what a page and the options page show). */
export interface MarkedPaper {
  labels: string[];
  scores: Record<string, number>;
  evidence: Record<string, string[]>;
  marks: Record<string, boolean>;
}

/** The reply to each op. */
export interface LibraryReplies {
  createList: Ok<{ list: ListRecord }>;
  renameList: Ok;
  /** The memberships removed with the list (for undo). */
  /** The list as it was (for undo), and its memberships. */
  deleteList: Ok<{ list?: ListRecord; removed: MembershipRecord[] }>;
  reorderLists: Ok;
  addToList: Ok;
  moveToList: Ok;
  removeFromLists: Ok<{ removed: MembershipRecord[] }>;
  restoreMemberships: Ok;
  /** The user data after the change. */
  setStatus: Ok<{ user: PaperUserRecord[] }>;
  setNotes: Ok<{ user: PaperUserRecord[] }>;
  setTags: Ok<{ user: PaperUserRecord[] }>;
  setDismissed: Ok<{ user: PaperUserRecord[] }>;
  putUserTopic: Ok<{ topic: UserTopicRecord }>;
  deleteUserTopic: Ok;
  setMark: Ok<MarkedPaper>;
  setBuiltinTopic: Ok;
  setSiteEnabled: Ok;
  importBegin: Ok<{ session: string }>;
  /** Rows of the table received so far. */
  importRows: Ok<{ received: number }>;
  /** What was merged, and how many papers that came without topics were classified. */
  importCommit: Ok<{ summary: ImportSummary; classified: number }>;
  importAbort: Ok;
  clearAll: Ok;
}

/** The reply to an op (to any op when not given). */
export type LibraryReply<O extends LibraryOp = LibraryOp> = O extends LibraryOp ? LibraryReplies[O] : never;

export interface LibraryProtocol {
  library(data: LibraryRequest): LibraryReply | ErrorReply;
}
