import type { Signal } from '@preact/signals';
import type { ListRecord } from '../db/schema';
import { DEFAULT_LIST_ID } from '../db/versions';
import type { LibraryOp, LibraryReply, LibraryRequest } from '../messaging/library';
import { plural } from '../plural';
import type { Filters } from './items';

// The reading lists as the popup manages them: rename, delete (with undo), reorder by keyboard or by drag.

/** The ids in their new order with `id` moved `delta` places (clamped to the ends). */
export function moveBy(ids: readonly string[], id: string, delta: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const to = Math.max(0, Math.min(ids.length - 1, from + delta));
  const next = ids.filter((x) => x !== id);
  next.splice(to, 0, id);
  return next;
}

/** The ids in their new order with `id` put just before `before` (at the end when `before` is undefined). */
export function placeBefore(ids: readonly string[], id: string, before: string | undefined): string[] {
  if (id === before) return [...ids];
  const next = ids.filter((x) => x !== id);
  const at = before === undefined ? -1 : next.indexOf(before);
  next.splice(at < 0 ? next.length : at, 0, id);
  return next;
}

/** The lists in the order of `ids` (lists it does not name last, in their order), each with its place as `order`. */
function arrange(lists: readonly ListRecord[], ids: readonly string[]): ListRecord[] {
  const at = new Map(ids.map((id, i) => [id, i]));
  const rank = (l: ListRecord) => at.get(l.id) ?? ids.length;
  return [...lists].sort((a, b) => rank(a) - rank(b)).map((l, order) => ({ ...l, order }));
}

/**
 * The order shown while reorders are being written. Each write reads the library again when it is done; a quick
 * second move (Alt+↑ twice) would otherwise be undone on screen by the first write's read, then redone by the second
 * (the list jumps, and the moved row loses the focus).
 */
export class PendingOrder {
  private ids: readonly string[] | undefined;
  private writes = 0;
  begin(ids: readonly string[]): void {
    this.ids = ids;
    this.writes++;
  }
  end(): void {
    if (--this.writes <= 0) {
      this.writes = 0;
      this.ids = undefined;
    }
  }
  /** The lists as read from the database, in the order shown while reorders are under way. */
  apply(read: ListRecord[]): ListRecord[] {
    return this.ids ? arrange(read, this.ids) : read;
  }
}

/** What the list actions need of the popup's store. */
export interface ListContext {
  lists: Signal<ListRecord[]>;
  filters: Signal<Filters>;
  /** A write through the background, then the papers given are read again; undefined when it failed (shown). */
  write<R extends LibraryRequest>(
    req: R,
    ids: readonly string[],
  ): Promise<LibraryReply<R['op'] & LibraryOp> | undefined>;
  /** Offers to undo what was just done: `steps` are sent in order, then `ids` are read again. */
  offerUndo(label: string, steps: LibraryRequest[], ids: string[]): void;
  /** The store's reads of the library apply it to the lists they read. */
  pendingOrder: PendingOrder;
}

export function listActions({ lists, filters, write, offerUndo, pendingOrder }: ListContext) {
  /** Shown in the new order at once (a drag must not jump back while the write is under way), then written. */
  async function reorder(ids: string[]): Promise<void> {
    if (ids.join('\n') === lists.value.map((l) => l.id).join('\n')) return;
    pendingOrder.begin(ids);
    lists.value = arrange(lists.value, ids);
    try {
      await write({ op: 'reorderLists', ids }, []);
    } finally {
      pendingOrder.end();
    }
  }
  const order = () => lists.value.map((l) => l.id);

  return {
    async renameList(id: string, name: string): Promise<void> {
      const list = lists.value.find((l) => l.id === id);
      if (!list || name.trim() === list.name) return;
      await write({ op: 'renameList', id, name }, []);
    },
    /** Deletes a list (never the default one); undo puts it back with its papers. */
    async deleteList(id: string): Promise<void> {
      const list = lists.value.find((l) => l.id === id);
      if (!list || id === DEFAULT_LIST_ID) return;
      if (filters.value.listId === id) filters.value = { ...filters.value, listId: undefined };
      const reply = await write({ op: 'deleteList', id }, []);
      if (!reply) return;
      const removed = reply.removed ?? [];
      const n = removed.length;
      offerUndo(
        `Deleted the list “${list.name}”${n ? ` (${plural(n, 'paper')})` : ''}.`,
        [{ op: 'restoreMemberships', memberships: removed, ...(reply.list ? { list: reply.list } : {}) }],
        [...new Set(removed.map((m) => m.paperId))],
      );
    },
    /** Keyboard: a list up (`delta` < 0) or down. */
    moveList(id: string, delta: number): Promise<void> {
      return reorder(moveBy(order(), id, delta));
    },
    /** Drag and drop: a list before another (or last). */
    placeList(id: string, before: string | undefined): Promise<void> {
      return reorder(placeBefore(order(), id, before));
    },
  };
}
