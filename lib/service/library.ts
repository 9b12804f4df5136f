import * as v from 'valibot';
import type { Classification, PaperText } from '../classify/types';
import { clearAll } from '../db/backup';
import {
  addToList,
  classifyPapers,
  createList,
  deleteList,
  LibraryError,
  listLists,
  moveToList,
  removeFromLists,
  renameList,
  reorderLists,
  restoreMemberships,
  setDismissed,
  setNotes,
  setStatus,
  setTags,
} from '../db/library';
import { describeStorageError, type PaperSiftDb } from '../db/schema';
import { setBuiltinTopic, setSiteEnabled } from '../db/settings';
import { deleteUserTopic, putUserTopic, removeMark, setMark } from '../db/topics';
import { type LibraryReply, type LibraryRequest, LibraryRequestSchema } from '../messaging/library';
import { describeIssues, type ErrorReply } from '../messaging/protocol';
import { BUILTIN_TOPICS } from '../topics';

/** What changed, for whoever must follow (the background rebuilds the topic model on `topics`). */
export type LibraryChange = 'lists' | 'papers' | 'topics' | 'settings' | 'all';

/**
 * The background's work for the popup and the options page: validates each request, runs it as one transaction,
 * answers `ErrorReply` with a message for the user (a refusal, or a storage failure such as the quota: never
 * swallowed). Free of extension APIs; tests drive it with a fake IndexedDB.
 */
export class LibraryService {
  constructor(
    private readonly db: PaperSiftDb,
    private readonly now: () => number = Date.now,
    private readonly onChange: (change: LibraryChange) => void = () => {},
    /** The current topic model, for `classify` (the background passes its model cache). */
    private readonly model?: () => Promise<(paper: PaperText) => Classification>,
  ) {}

  async handle(raw: unknown): Promise<LibraryReply | ErrorReply> {
    const req = v.safeParse(LibraryRequestSchema, raw);
    if (!req.success) return { error: `library: ${describeIssues(req.issues)}` };
    try {
      const [reply, change] = await this.run(req.output);
      if (change) this.onChange(change);
      return reply;
    } catch (err) {
      if (err instanceof LibraryError) return { error: err.message };
      return { error: describeStorageError(err) };
    }
  }

  private async run(r: LibraryRequest): Promise<[LibraryReply, LibraryChange | undefined]> {
    const { db } = this;
    const now = this.now();
    const ok = { ok: true } as const;
    switch (r.op) {
      case 'createList':
        return [{ ok: true, list: await createList(db, r.name, now) }, 'lists'];
      case 'renameList':
        await renameList(db, r.id, r.name);
        return [ok, 'lists'];
      case 'deleteList': {
        // The list as it was, with its memberships: what `restoreMemberships` needs to undo the deletion.
        const list = (await listLists(db)).find((l) => l.id === r.id);
        return [{ ok: true, ...(list ? { list } : {}), removed: await deleteList(db, r.id) }, 'lists'];
      }
      case 'reorderLists':
        await reorderLists(db, r.ids);
        return [ok, 'lists'];
      case 'addToList':
        await addToList(db, r.listId, r.paperIds, now);
        return [ok, 'lists'];
      case 'moveToList':
        await moveToList(db, r.from, r.to, r.paperIds, now);
        return [ok, 'lists'];
      case 'removeFromLists':
        return [{ ok: true, removed: await removeFromLists(db, r.paperIds, r.listId) }, 'lists'];
      case 'restoreMemberships':
        await restoreMemberships(db, r.memberships, r.list);
        return [ok, 'lists'];
      case 'setStatus':
        return [{ ok: true, user: await setStatus(db, r.paperIds, r.status, now) }, 'papers'];
      case 'setNotes':
        return [{ ok: true, user: await setNotes(db, r.paperId, r.notes, now) }, 'papers'];
      case 'setTags':
        return [{ ok: true, user: await setTags(db, r.paperId, r.tags, now) }, 'papers'];
      case 'setDismissed':
        return [{ ok: true, user: await setDismissed(db, r.paperId, r.dismissed, now) }, 'papers'];
      case 'putUserTopic':
        return [{ ok: true, topic: await putUserTopic(db, r.topic, now) }, 'topics'];
      case 'deleteUserTopic':
        await deleteUserTopic(db, r.id);
        return [ok, 'topics'];
      case 'setMark':
        if (r.relevant === null) await removeMark(db, r.topicId, r.paperId);
        else await setMark(db, r.topicId, r.paperId, r.relevant, now);
        return [ok, 'topics'];
      case 'setBuiltinTopic': {
        if (!BUILTIN_TOPICS.some((t) => t.id === r.id))
          throw new LibraryError(`Unknown built-in topic ${r.id}.`);
        const change = {
          ...(r.enabled !== undefined ? { enabled: r.enabled } : {}),
          ...(r.color ? { color: r.color.toLowerCase() } : {}),
        };
        await setBuiltinTopic(db, r.id, change);
        return [ok, 'topics'];
      }
      case 'setSiteEnabled':
        await setSiteEnabled(db, r.site, r.enabled);
        return [ok, 'settings'];
      case 'classify': {
        if (!this.model) throw new LibraryError('No topic model is available.');
        const classify = await this.model();
        await classifyPapers(db, r.paperIds, classify);
        return [ok, 'papers'];
      }
      case 'imported':
        return [ok, 'all'];
      case 'clearAll':
        await clearAll(db, now);
        return [ok, 'all'];
    }
  }
}
