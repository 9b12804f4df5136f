import { batch, computed, signal } from '@preact/signals';
import { readFirstPage, readLibraryIndex, readListCounts, readPapers } from '../db/lists';
import type { ListRecord, MembershipRecord, PaperSiftDb, ReadingStatus } from '../db/schema';
import { listDisplayTopics } from '../db/topics';
import type { LibraryRequest } from '../messaging/library';
import type { TopicInfo } from '../topics';
import { callLibrary, messageOf, type SendLibrary } from './client';
import { createDrafts, type Draft, parseTags } from './drafts';
import {
  type Filters,
  type LibraryItem,
  listCounts,
  membershipsByPaper,
  type SortKey,
  viewItems,
} from './items';
import { listActions, PendingOrder } from './popup-lists';
import type { SearchReply } from './search';
import { type Doc, toDoc } from './search';

/** Rows rendered at first and added when the list is scrolled to its end. */
export const PAGE = 20;

/** The search index (in a worker in the popup): queries are answered asynchronously with `onHits`. */
export interface Searcher {
  query(seq: number, q: string): void;
  upsert(docs: Doc[]): void;
  remove(ids: string[]): void;
}

/**
 * The popup's state and data access. Reads go to the database directly (extension origin); writes go to the
 * background (`library` message), then the touched papers are read again. First render needs only the lists, the
 * memberships and the first page of papers; every paper and the search index follow without blocking it.
 */
export function createStore(db: PaperSiftDb, send: SendLibrary, searcher: Searcher) {
  const lists = signal<ListRecord[]>([]);
  const pendingOrder = new PendingOrder();
  const memberships = signal<MembershipRecord[]>([]);
  const topics = signal<(TopicInfo & { enabled: boolean })[]>([]);
  /** Every saved paper by id; `version` bumps when it changes (the map is mutated in place: 10,000 entries). */
  const items = new Map<string, LibraryItem>();
  const version = signal(0);
  /** Every saved paper is loaded (before that, `items` holds the first page only). */
  const complete = signal(false);
  /** The search index answers (titles first, then `full` with abstracts). */
  const searchReady = signal(false);
  const fullIndexed = signal(false);
  /** The latest answer of the index: the query it answers and its hits (best first). */
  const hits = signal<{ q: string; ids: string[] | undefined } | undefined>(undefined);
  let seq = 0;

  const query = signal('');
  const filters = signal<Filters>({});
  const sort = signal<SortKey>('saved');
  const selected = signal(0);
  const visible = signal(PAGE);
  const editing = signal<string | undefined>(undefined);
  /** The notes and tags being edited: typed and not saved yet, or saved. */
  const draftState = signal<'saving' | 'saved' | undefined>(undefined);
  /** The lists' editor (rename, delete, reorder) is open in place of the papers. */
  const managing = signal(false);
  /** The last destructive action, undone by sending `steps` in order, then reading `ids` again. */
  const undo = signal<{ label: string; steps: LibraryRequest[]; ids: string[] } | undefined>(undefined);
  const error = signal<string | undefined>(undefined);
  const loaded = signal(false);

  /** `all` (distinct papers in any list) is unknown until every membership is read, when there are several lists. */
  const counts = signal<{ all?: number; byList: Record<string, number> }>({ byList: {} });
  /** A query is typed but the index has not answered any yet (it is being built): shown as "indexing". */
  const pending = computed(() => query.value.trim() !== '' && hits.value === undefined);
  const view = computed(() => {
    version.value;
    // Until the answer to the latest keystroke arrives, the previous answer stays on screen: the view reads the
    // query only when there is no answer, so a keystroke alone re-renders nothing (the hits arrive sooner).
    const h = hits.value;
    if (h) return viewItems(items, h.ids ?? [], filters.value, sort.value);
    if (query.value.trim()) return [];
    return viewItems(items, undefined, filters.value, sort.value === 'relevance' ? 'saved' : sort.value);
  });
  const current = computed(() => view.value[Math.min(selected.value, view.value.length - 1)]);

  function itemFrom(
    paper: LibraryItem['paper'],
    user: LibraryItem['user'],
    m: { addedAt: Record<string, number>; savedAt: number },
  ): LibraryItem {
    return { paper, ...(user ? { user } : {}), addedAt: m.addedAt, savedAt: m.savedAt };
  }

  /** Counts from every membership (after a write, or once all are read): a quicker count must not replace them. */
  let exactCounts = false;
  function setExactCounts(c: { all: number; byList: Record<string, number> }): void {
    exactCounts = true;
    counts.value = c;
  }

  /**
   * Reads the library: the lists and the newest page first (the default view; only the newest memberships are
   * read), then the lists' counts, then, once `firstPaint` resolves (it must not be delayed), every membership and
   * paper.
   */
  async function load(firstPaint: () => Promise<void> = async () => {}): Promise<void> {
    await db.open();
    performance.mark('papersift:db-open');
    // The library's first page in one read transaction, the topics (two small reads) in another beside it.
    const [first, shown] = await Promise.all([readFirstPage(db, PAGE), listDisplayTopics(db)]);
    performance.mark('papersift:first-page');
    // Counting a large list takes the database longer than the whole first page: the rows do not wait for it.
    const counted = first.counts ? undefined : readListCounts(db, first.lists);
    const firstBy = membershipsByPaper(first.memberships);
    batch(() => {
      for (const { paper, user } of first.papers) {
        const m = firstBy.get(paper.id);
        if (m) items.set(paper.id, itemFrom(paper, user, m));
      }
      lists.value = first.lists;
      if (first.counts) setExactCounts(first.counts);
      topics.value = shown;
      version.value++;
      loaded.value = true;
      complete.value = first.counts !== undefined && first.counts.all <= PAGE;
    });
    if (counted) {
      // A failed count leaves "…" until every membership is read below (whose failure is reported).
      const c = await counted.catch(() => undefined);
      if (c && !exactCounts) counts.value = c;
    }
    performance.mark('papersift:counted');
    await firstPaint();
    const index = await readLibraryIndex(db);
    const byPaper = membershipsByPaper(index.memberships);
    const rest = await readPapers(
      db,
      [...byPaper.keys()].filter((id) => !items.has(id)),
    );
    for (const { paper, user } of rest) {
      const m = byPaper.get(paper.id);
      if (m) items.set(paper.id, itemFrom(paper, user, m));
    }
    batch(() => {
      lists.value = index.lists;
      memberships.value = index.memberships;
      setExactCounts(listCounts(index.lists, index.memberships));
      version.value++;
      complete.value = true;
    });
  }

  /** The index's replies (wired to the worker's messages). */
  function onSearchReply(reply: SearchReply): void {
    if (reply.kind === 'hits') {
      if (reply.seq === seq) hits.value = { q: reply.q, ids: reply.ids };
    } else if (reply.kind === 'ready') {
      batch(() => {
        searchReady.value = true;
        if (reply.full) fullIndexed.value = true;
      });
      performance.mark(reply.full ? 'papersift:indexed' : 'papersift:indexed-titles');
      // A query typed before the full index: ask again, abstracts now count.
      if (reply.full && query.value.trim()) searcher.query(++seq, query.value);
    } else error.value = `Search is unavailable: ${reply.message}`;
  }

  /** After a write: the lists, memberships and the touched papers are read again. */
  async function refresh(ids: readonly string[]): Promise<void> {
    const index = await readLibraryIndex(db);
    const byPaper = membershipsByPaper(index.memberships);
    const rows = await readPapers(db, ids);
    batch(() => {
      for (const id of ids) {
        const row = rows.find((r) => r.paper.id === id);
        const m = byPaper.get(id);
        if (row && m) {
          const item = itemFrom(row.paper, row.user, m);
          items.set(id, item);
          searcher.upsert([toDoc(item)]);
        } else {
          items.delete(id);
          searcher.remove([id]);
        }
      }
      // Memberships of papers not touched may have changed too (a list deleted): update their list dates.
      for (const [id, item] of items) {
        const m = byPaper.get(id);
        if (!m) {
          items.delete(id);
          searcher.remove([id]);
        } else item.addedAt = m.addedAt;
      }
      lists.value = pendingOrder.apply(index.lists);
      memberships.value = index.memberships;
      setExactCounts(listCounts(index.lists, index.memberships));
      version.value++;
    });
  }

  async function write<R extends LibraryRequest>(req: R, ids: readonly string[]) {
    error.value = undefined;
    try {
      const reply = await callLibrary(send, req);
      await refresh(ids);
      return reply;
    } catch (err) {
      error.value = messageOf(err);
      return undefined;
    }
  }

  const listName = (id: string | undefined) => lists.value.find((l) => l.id === id)?.name ?? '';
  /** “Title” (shortened) of one paper, or "N papers". */
  const named = (ids: readonly string[]) => {
    if (ids.length !== 1) return `${ids.length} papers`;
    const title = items.get(ids[0] as string)?.paper.title ?? ids[0] ?? '';
    return `“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”`;
  };
  const offerUndo = (label: string, steps: LibraryRequest[], ids: string[]) => {
    undo.value = { label, steps, ids };
  };

  // Notes and tags are saved as they are typed (and at once when the editor or the popup closes).
  let saving = 0;
  const drafts = createDrafts((id: string, d: Draft) => {
    const writes = [
      ...(d.notes !== undefined ? [write({ op: 'setNotes', paperId: id, notes: d.notes }, [id])] : []),
      ...(d.tags !== undefined ? [write({ op: 'setTags', paperId: id, tags: parseTags(d.tags) }, [id])] : []),
    ];
    saving += writes.length;
    return Promise.all(writes).then((replies) => {
      saving -= writes.length;
      if (editing.peek() !== id) return;
      if (replies.some((r) => !r)) draftState.value = undefined;
      else if (!saving && !drafts.waiting(id)) draftState.value = 'saved';
    });
  });

  const actions = {
    setQuery(q: string) {
      batch(() => {
        query.value = q;
        selected.value = 0;
        visible.value = PAGE;
        if (!q.trim()) hits.value = undefined;
      });
      // A cleared query also moves seq on, so that a late answer to the previous one is dropped.
      ++seq;
      if (q.trim()) searcher.query(seq, q);
    },
    setFilters(f: Filters) {
      batch(() => {
        filters.value = f;
        selected.value = 0;
        visible.value = PAGE;
      });
    },
    setSort(s: SortKey) {
      sort.value = s;
    },
    select(i: number) {
      const n = view.value.length;
      const next = Math.max(0, Math.min(n - 1, i));
      selected.value = next;
      if (next >= visible.value - 5) visible.value = Math.min(n, next + PAGE);
    },
    showMore() {
      visible.value += PAGE;
    },
    edit(id: string | undefined) {
      drafts.flush();
      batch(() => {
        editing.value = id;
        draftState.value = undefined;
      });
    },
    /** What is typed into the notes or tags of a paper (saved a moment later, or at `flushDrafts`). */
    draft(id: string, change: Draft) {
      drafts.put(id, change);
      draftState.value = 'saving';
    },
    /** Saves at once what is typed (the editor lost the focus; the popup is hidden or closes). */
    flushDrafts(): Promise<void> {
      return drafts.flush();
    },
    manageLists(open: boolean) {
      managing.value = open;
    },
    dismissError() {
      error.value = undefined;
    },
    setStatus(ids: string[], status: ReadingStatus) {
      return write({ op: 'setStatus', paperIds: ids, status }, ids);
    },
    async remove(ids: string[]) {
      const listId = filters.value.listId;
      const label = `Removed ${named(ids)} from ${listId ? listName(listId) : 'every list'}.`;
      const reply = await write({ op: 'removeFromLists', paperIds: ids, ...(listId ? { listId } : {}) }, ids);
      if (reply?.removed?.length) {
        const { removed } = reply;
        offerUndo(
          label,
          [{ op: 'restoreMemberships', memberships: removed }],
          [...new Set(removed.map((m) => m.paperId))],
        );
        selected.value = Math.min(selected.value, Math.max(0, view.value.length - 1));
      }
    },
    async undo() {
      const u = undo.value;
      if (!u) return;
      undo.value = undefined;
      for (const [i, step] of u.steps.entries())
        if (!(await write(step, i === u.steps.length - 1 ? u.ids : []))) return;
    },
    /** Moves papers to another list; undo takes them out of it (unless they were there before) and puts them back. */
    async moveTo(ids: string[], from: string, to: string) {
      const back: MembershipRecord[] = [];
      const added: string[] = [];
      for (const id of ids) {
        const at = items.get(id)?.addedAt ?? {};
        if (at[from] !== undefined) back.push({ listId: from, paperId: id, addedAt: at[from] });
        if (at[to] === undefined) added.push(id);
      }
      const label = `Moved ${named(ids)} to ${listName(to)}.`;
      if (!(await write({ op: 'moveToList', from, to, paperIds: ids }, ids))) return;
      offerUndo(
        label,
        [
          ...(added.length ? [{ op: 'removeFromLists', paperIds: added, listId: to } as const] : []),
          { op: 'restoreMemberships', memberships: back },
        ],
        ids,
      );
    },
    copyTo(ids: string[], to: string) {
      return write({ op: 'addToList', listId: to, paperIds: ids }, ids);
    },
    async createList(name: string) {
      const reply = await write({ op: 'createList', name }, []);
      return reply?.list;
    },
    ...listActions({ lists, filters, write, offerUndo, pendingOrder }),
    /** Papers written elsewhere (the popup's "This page" saved one through the page's message): read again. */
    refresh,
  };

  return {
    state: {
      lists,
      memberships,
      topics,
      counts,
      query,
      filters,
      sort,
      selected,
      visible,
      editing,
      draftState,
      managing,
      undo,
      error,
      loaded,
      complete,
      searchReady,
      fullIndexed,
      hits,
      pending,
      view,
      current,
      version,
    },
    items,
    load,
    onSearchReply,
    actions,
  };
}

export type Store = ReturnType<typeof createStore>;
