import * as v from 'valibot';
import type {
  ListRecord,
  MembershipRecord,
  PaperUserRecord,
  ReadingStatus,
  UserTopicRecord,
} from '../db/schema';
import { SITES } from '../sites/registry';
import type { ErrorReply } from './protocol';

// Messages of the popup and the options page to the background: every write to the library. (They read the
// database directly: same extension origin.) One message, `library`, whose `op` says what to do; each op is one
// transaction and idempotent, so the sender may repeat it when the background was restarted before answering.

// Content scripts import this module (through ./index): it must not pull in Dexie (lib/db/schema), types only.
const STATUSES = ['to-read', 'reading', 'read'] as const satisfies readonly ReadingStatus[];

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const paperId = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-z][a-z0-9]*:\S+$/, 'must be a canonical <scheme>:<id>'),
);
const paperIds = v.pipe(v.array(paperId), v.minLength(1), v.maxLength(100_000));
const color = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour like #2563eb'));

/** What the user types to confirm deleting everything; `clearAll` carries it, so no stray message can wipe the data. */
export const DELETE_PHRASE = 'delete everything';

export const LibraryRequestSchema = v.variant('op', [
  v.object({ op: v.literal('createList'), name: v.pipe(v.string(), v.maxLength(1000)) }),
  v.object({ op: v.literal('renameList'), id, name: v.pipe(v.string(), v.maxLength(1000)) }),
  v.object({ op: v.literal('deleteList'), id }),
  v.object({ op: v.literal('reorderLists'), ids: v.pipe(v.array(id), v.maxLength(10_000)) }),
  v.object({ op: v.literal('addToList'), listId: id, paperIds }),
  v.object({ op: v.literal('moveToList'), from: id, to: id, paperIds }),
  v.object({ op: v.literal('removeFromLists'), paperIds, listId: v.optional(id) }),
  v.object({
    op: v.literal('restoreMemberships'),
    memberships: v.pipe(
      v.array(v.object({ listId: id, paperId, addedAt: v.pipe(v.number(), v.finite(), v.minValue(0)) })),
      v.maxLength(100_000),
    ),
    /** Undo of `deleteList`: the list its reply gave back, put back (same id, name, place) before its memberships. */
    list: v.optional(
      v.object({
        id,
        name: v.pipe(v.string(), v.maxLength(1000)),
        order: v.pipe(v.number(), v.finite()),
        createdAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
      }),
    ),
  }),
  v.object({ op: v.literal('setStatus'), paperIds, status: v.picklist(STATUSES) }),
  v.object({ op: v.literal('setNotes'), paperId, notes: v.pipe(v.string(), v.maxLength(100_000)) }),
  v.object({
    op: v.literal('setTags'),
    paperId,
    tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(1000)),
  }),
  v.object({ op: v.literal('setDismissed'), paperId, dismissed: v.boolean() }),
  v.object({
    op: v.literal('putUserTopic'),
    topic: v.object({
      id: v.optional(id),
      name: v.pipe(v.string(), v.maxLength(1000)),
      short: v.optional(v.pipe(v.string(), v.maxLength(100))),
      color,
      phrases: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(1000)),
      examples: v.optional(v.pipe(v.array(paperId), v.maxLength(1000))),
      enabled: v.optional(v.boolean()),
    }),
  }),
  v.object({ op: v.literal('deleteUserTopic'), id }),
  v.object({ op: v.literal('setMark'), topicId: id, paperId, relevant: v.nullable(v.boolean()) }),
  v.object({
    op: v.literal('setBuiltinTopic'),
    id,
    enabled: v.optional(v.boolean()),
    color: v.optional(color),
  }),
  v.object({ op: v.literal('setSiteEnabled'), site: v.picklist(SITES), enabled: v.boolean() }),
  /** Classify papers with the current topic model (imported papers come without topics). */
  v.object({ op: v.literal('classify'), paperIds }),
  /** The options page imported a file (in its own transaction): whatever was derived from the data is stale. */
  v.object({ op: v.literal('imported') }),
  /** Deletes everything; `confirm` must be the exact phrase the options page asks the user to type. */
  v.object({ op: v.literal('clearAll'), confirm: v.literal(DELETE_PHRASE) }),
]);

export type LibraryRequest = v.InferOutput<typeof LibraryRequestSchema>;

export interface LibraryReply {
  ok: true;
  list?: ListRecord;
  /** Memberships removed (for undo). */
  removed?: MembershipRecord[];
  /** User data after the change. */
  user?: PaperUserRecord[];
  topic?: UserTopicRecord;
}

export interface LibraryProtocol {
  library(data: LibraryRequest): LibraryReply | ErrorReply;
}
