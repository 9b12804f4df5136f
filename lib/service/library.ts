import * as v from 'valibot';
import { clearAll, mergeImport } from '../db/backup';
import {
  addToList,
  createList,
  deleteList,
  LibraryError,
  listLists,
  moveToList,
  removeFromLists,
  renameList,
  reorderLists,
  restoreMemberships,
} from '../db/lists';
import { classifyPapers } from '../db/papers';
import { DEFAULT_LIST_ID, describeStorageError, type PaperSiftDb } from '../db/schema';
import { setBuiltinTopic, setSiteEnabled } from '../db/settings';
import { deleteUserTopic, putUserTopic } from '../db/topics';
import { setDismissed, setNotes, setStatus, setTags } from '../db/user';
import {
  type LibraryOp,
  type LibraryReplies,
  type LibraryReply,
  type LibraryRequest,
  LibraryRequestSchema,
} from '../messaging/library';
import type { ErrorReply } from '../messaging/protocol';
import { describeIssues, importProblem } from '../shapes';
import { BUILTIN_TOPICS } from '../topics';
import { ImportSessions } from './import';
import { type ModelCache, markPaper } from './model';

/** What changed, for whoever must follow (the background reads the pages' flags again). */
export type LibraryChange = 'lists' | 'papers' | 'topics' | 'settings' | 'all';

type Handlers = {
  [O in LibraryOp]: (
    r: Extract<LibraryRequest, { op: O }>,
    now: number,
  ) => Promise<[LibraryReplies[O], LibraryChange | undefined]>;
};

const ok = { ok: true } as const;

/** An op whose reply is only that it was done. */
const done = async (write: Promise<unknown>, change: LibraryChange): Promise<[typeof ok, LibraryChange]> => {
  await write;
  return [ok, change];
};

/** Papers classified in one transaction after an import. */
const CLASSIFY_BATCH = 1000;

/**
 * The background's work for the popup and the options page: validates each request, runs it as one transaction,
 * answers `ErrorReply` with a message for the user (a refusal, or a storage failure such as the quota: never
 * swallowed). The topic model (`models`) is rebuilt when topics or marks change, and classifies imported papers.
 * Free of extension APIs; tests drive it with a fake IndexedDB.
 */
export class LibraryService {
  private readonly imports = new ImportSessions();

  constructor(
    private readonly db: PaperSiftDb,
    private readonly now: () => number = Date.now,
    private readonly onChange: (change: LibraryChange) => void = () => {},
    private readonly models?: ModelCache,
  ) {}

  async handle(raw: unknown): Promise<LibraryReply | ErrorReply> {
    const req = v.safeParse(LibraryRequestSchema, raw);
    if (!req.success) return { error: `library: ${describeIssues(req.issues)}` };
    try {
      const run = this.handlers[req.output.op] as (
        r: LibraryRequest,
        now: number,
      ) => ReturnType<Handlers[LibraryOp]>;
      const [reply, change] = await run(req.output, this.now());
      if (change === 'topics' || change === 'all') this.models?.invalidate();
      if (change) this.onChange(change);
      return reply;
    } catch (err) {
      if (err instanceof LibraryError) return { error: err.message };
      return { error: describeStorageError(err) };
    }
  }

  private readonly handlers: Handlers = {
    createList: async (r, now) => [{ ...ok, list: await createList(this.db, r.name, now) }, 'lists'],
    renameList: (r) => done(renameList(this.db, r.id, r.name), 'lists'),
    // The list as it was, with its memberships: what `restoreMemberships` needs to undo the deletion.
    deleteList: async (r) => {
      const list = (await listLists(this.db)).find((l) => l.id === r.id);
      return [{ ...ok, ...(list ? { list } : {}), removed: await deleteList(this.db, r.id) }, 'lists'];
    },
    reorderLists: (r) => done(reorderLists(this.db, r.ids), 'lists'),
    addToList: (r, now) => done(addToList(this.db, r.listId, r.paperIds, now), 'lists'),
    moveToList: (r, now) => done(moveToList(this.db, r.from, r.to, r.paperIds, now), 'lists'),
    removeFromLists: async (r) => [
      { ...ok, removed: await removeFromLists(this.db, r.paperIds, r.listId) },
      'lists',
    ],
    restoreMemberships: (r) => done(restoreMemberships(this.db, r.memberships, r.list), 'lists'),
    setStatus: async (r, now) => [
      { ...ok, user: await setStatus(this.db, r.paperIds, r.status, now) },
      'papers',
    ],
    setNotes: async (r, now) => [{ ...ok, user: await setNotes(this.db, r.paperId, r.notes, now) }, 'papers'],
    setTags: async (r, now) => [{ ...ok, user: await setTags(this.db, r.paperId, r.tags, now) }, 'papers'],
    // Marks change with a dismissal: the model follows.
    setDismissed: async (r, now) => [
      { ...ok, user: await setDismissed(this.db, r.paperId, r.dismissed, now) },
      'topics',
    ],
    putUserTopic: async (r, now) => [{ ...ok, topic: await putUserTopic(this.db, r.topic, now) }, 'topics'],
    deleteUserTopic: (r) => done(deleteUserTopic(this.db, r.id), 'topics'),
    // The model is rebuilt by the mark itself (the paper is classified with it).
    setMark: async (r, now) => [{ ...ok, ...(await markPaper(this.db, this.model(), r, now)) }, 'papers'],
    setBuiltinTopic: async (r) => {
      if (!BUILTIN_TOPICS.some((t) => t.id === r.id))
        throw new LibraryError(`Unknown built-in topic ${r.id}.`);
      await setBuiltinTopic(this.db, r.id, {
        ...(r.enabled !== undefined ? { enabled: r.enabled } : {}),
        ...(r.color ? { color: r.color.toLowerCase() } : {}),
      });
      return [ok, 'topics'];
    },
    setSiteEnabled: (r) => done(setSiteEnabled(this.db, r.site, r.enabled), 'settings'),
    importBegin: async () => [{ ...ok, session: this.imports.begin() }, undefined],
    importRows: async (r) => [
      { ...ok, received: this.imports.rows(r.session, r.table, r.offset, r.rows) },
      undefined,
    ],
    importCommit: async (r) => [await this.commit(r.session), 'all'],
    importAbort: async (r) => {
      this.imports.abort(r.session);
      return [ok, undefined];
    },
    clearAll: (_r, now) => done(clearAll(this.db, now), 'all'),
  };

  private model(): ModelCache {
    if (!this.models) throw new LibraryError('No topic model is available.');
    return this.models;
  }

  /**
   * The rows of an import, checked together, written in one transaction; then the papers that came without topics
   * (BibTeX entries) are classified with the model the import made (its topics and marks), a batch at a time.
   */
  private async commit(session: string): Promise<LibraryReplies['importCommit']> {
    const data = this.imports.take(session);
    const lists = await this.db.lists.toCollection().primaryKeys();
    const problem = importProblem(data, [DEFAULT_LIST_ID, ...lists], 'The file');
    if (problem) throw new LibraryError(problem);
    const summary = await mergeImport(this.db, data);
    const models = this.model();
    models.invalidate();
    const { classifier } = await models.get();
    const unlabelled = (data.papers ?? []).filter((p) => !Object.keys(p.scores).length).map((p) => p.id);
    let classified = 0;
    for (let i = 0; i < unlabelled.length; i += CLASSIFY_BATCH) {
      const batch = unlabelled.slice(i, i + CLASSIFY_BATCH);
      classified += (await classifyPapers(this.db, batch, (p) => classifier.classify(p))).size;
    }
    return { ...ok, summary, classified };
  }
}
