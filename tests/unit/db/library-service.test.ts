import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClassifier } from '../../../lib/classify';
import { exportBackup } from '../../../lib/db/backup';
import { DEFAULT_LIST_ID, type PaperSiftDb } from '../../../lib/db/schema';
import { callLibrary, LibraryCallError } from '../../../lib/library/client';
import type { LibraryReply, LibraryRequest } from '../../../lib/messaging/library';
import type { ErrorReply } from '../../../lib/messaging/protocol';
import { type LibraryChange, LibraryService } from '../../../lib/service/library';
import { ModelCache } from '../../../lib/service/model';
import { PageService } from '../../../lib/service/page';
import { freshDb, probeClassify, probeModel, recordSeen, reopen, samplePapers } from './fixtures';

const papers = samplePapers();
const ids = papers.map((p) => p.id);
let db: PaperSiftDb;
let factory: ReturnType<typeof freshDb>['factory'];
let service: LibraryService;
let changes: LibraryChange[];

beforeEach(async () => {
  ({ db, factory } = freshDb());
  await recordSeen(db, papers, probeClassify, 1_000);
  changes = [];
  service = new LibraryService(
    db,
    () => 5_000,
    (c) => changes.push(c),
    new ModelCache(db, () => probeModel),
  );
});

describe('LibraryService', () => {
  it('runs each op and says what changed', async () => {
    const created = (await service.handle({
      op: 'createList',
      name: 'Thesis',
    })) as LibraryReply<'createList'>;
    const listId = created.list?.id as string;
    expect(await service.handle({ op: 'addToList', listId, paperIds: ids.slice(0, 3) })).toEqual({
      ok: true,
    });
    expect(await service.handle({ op: 'setStatus', paperIds: [ids[0]], status: 'reading' })).toEqual({
      ok: true,
      user: [{ id: ids[0], status: 'reading', tags: [], updatedAt: 5_000 }],
    });
    const removed = (await service.handle({
      op: 'removeFromLists',
      paperIds: [ids[1]],
    })) as LibraryReply<'removeFromLists'>;
    expect(removed.removed).toEqual([{ listId, paperId: ids[1], addedAt: 5_000 }]);
    await service.handle({ op: 'restoreMemberships', memberships: removed.removed ?? [] });
    expect(await db.memberships.count()).toBe(3);
    await service.handle({ op: 'setMark', topicId: 'gnn', paperId: ids[2], relevant: true });
    await service.handle({ op: 'setMark', topicId: 'gnn', paperId: ids[2], relevant: null });
    expect(await db.marks.count()).toBe(0);
    expect(changes).toEqual(['lists', 'lists', 'papers', 'lists', 'lists', 'papers', 'papers']);
  });

  it('refuses malformed requests and reports refusals as messages', async () => {
    expect(await service.handle({ op: 'setStatus', paperIds: [ids[0]], status: 'done' })).toEqual({
      error: expect.stringMatching(/^library: status: /),
    });
    expect(await service.handle({ op: 'dropTables' })).toEqual({
      error: expect.stringMatching(/^library: op: /),
    });
    expect(await service.handle({ op: 'deleteList', id: DEFAULT_LIST_ID })).toEqual({
      error: 'The default reading list cannot be deleted.',
    });
    expect(await service.handle({ op: 'clearAll', confirm: 'yes' })).toEqual({
      error: expect.stringMatching(/^library: confirm: /),
    });
    expect(await db.papers.count()).toBe(papers.length);
    expect(await service.handle({ op: 'clearAll', confirm: 'delete everything' })).toEqual({ ok: true });
    expect(await db.papers.count()).toBe(0);
    expect((await db.lists.toArray()).map((l) => l.id)).toEqual([DEFAULT_LIST_ID]);
  });

  it('reports a storage failure (quota) to the caller instead of swallowing it, and writes nothing', async () => {
    // Writes go through tables bound to their transaction (lib/db/bound.ts): the failure goes on the Table class.
    const bulkPut = db.Table.prototype.bulkPut;
    db.Table.prototype.bulkPut = function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'userData') return Promise.reject(new Dexie.QuotaExceededError('quota exceeded'));
      return (bulkPut as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof bulkPut;
    const reply = (await service.handle({ op: 'setTags', paperId: ids[0], tags: ['x'] })) as ErrorReply;
    expect(reply.error).toMatch(/storage quota exceeded/);
    expect(await db.userData.count()).toBe(0);
    expect(changes).toEqual([]);
  });
});

describe('the same action from a page and from the popup or options page', () => {
  it('a dismissal and a mark mean the same: the same rows, the same classification stored', async () => {
    // Two profiles with the same papers, classified by the shipped model; one acts from a page, one from the popup.
    const profile = async (name: string) => {
      const { db: d } = freshDb(name);
      const models = new ModelCache(d, (state) => createClassifier(state));
      const { classifier } = await models.get();
      await recordSeen(d, papers, (p) => classifier.classify(p), 1_000);
      return {
        db: d,
        page: new PageService(d, models, () => 5_000),
        library: new LibraryService(
          d,
          () => 5_000,
          () => {},
          models,
        ),
      };
    };
    const a = await profile('page');
    const b = await profile('popup');
    // A paper the model labels (a graph neural network paper), dismissed; another marked relevant to rl.
    const gnnPaper = papers.find((p) => /graph neural/i.test(p.title)) as (typeof papers)[number];
    const other = papers[5] as (typeof papers)[number];
    expect((await a.db.papers.get(gnnPaper.id))?.topics).toContain('gnn');
    await a.page.setDismissed({ paper: gnnPaper, dismissed: true });
    await b.library.handle({ op: 'setDismissed', paperId: gnnPaper.id, dismissed: true });
    const pageMark = await a.page.setMark({ paper: other, topic: 'rl', relevant: true });
    const popupMark = await b.library.handle({
      op: 'setMark',
      topicId: 'rl',
      paperId: other.id,
      relevant: true,
    });
    expect(popupMark).toEqual({ ok: true, ...pageMark });
    expect(pageMark).toMatchObject({ labels: expect.arrayContaining(['rl']), marks: { rl: true } });
    const tables = async (d: PaperSiftDb) => {
      const t = (await exportBackup(d, 0)).tables;
      return [t.papers, t.userData, t.marks];
    };
    expect(await tables(b.db)).toEqual(await tables(a.db));
    // The dismissal marked the paper not relevant for its topic; undoing it removes that mark, both ways.
    expect(await b.db.marks.get(['gnn', gnnPaper.id])).toMatchObject({ relevant: false });
    await a.page.setDismissed({ paper: gnnPaper, dismissed: false });
    await b.library.handle({ op: 'setDismissed', paperId: gnnPaper.id, dismissed: false });
    expect(await b.db.marks.get(['gnn', gnnPaper.id])).toBeUndefined();
    expect(await tables(b.db)).toEqual(await tables(a.db));
  });
});

describe('callLibrary (popup and options side)', () => {
  it('sends again when the background dies mid-batch, and the batch is then complete, once', async () => {
    // The first attempt: the worker is stopped while the transaction runs (it aborts; the port closes).
    let attempt = 0;
    let n = 0;
    const hook = () => {
      if (attempt === 1 && ++n === 20) throw new Error('worker stopped');
    };
    db.memberships.hook('creating', hook);
    const send = async (req: LibraryRequest): Promise<LibraryReply | ErrorReply> => {
      attempt++;
      if (attempt === 1) {
        await service.handle(req); // aborted inside
        db.close();
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      // The restarted background: a new database connection on the same storage.
      return new LibraryService(reopen(factory), () => 6_000).handle(req);
    };
    const reply = await callLibrary(
      send,
      { op: 'addToList', listId: DEFAULT_LIST_ID, paperIds: ids },
      { delayMs: 1 },
    );
    expect(reply).toEqual({ ok: true });
    expect(attempt).toBe(2);
    const after = reopen(factory);
    expect(await after.memberships.count()).toBe(ids.length);
    expect(new Set((await after.memberships.toArray()).map((m) => m.addedAt))).toEqual(new Set([6_000]));
  });

  it('does not retry a refusal: it is thrown with its message', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      return { error: 'There is already a list named "Thesis".' };
    };
    await expect(callLibrary(send, { op: 'createList', name: 'Thesis' })).rejects.toEqual(
      new LibraryCallError('There is already a list named "Thesis".'),
    );
    expect(calls).toBe(1);
  });
});
