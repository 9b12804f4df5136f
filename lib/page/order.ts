/**
 * "Relevant first": the entries of the chosen topics move to the top of their section (their container on the
 * page: arXiv's new submissions, cross-lists and replacements each keep their own), in page order among
 * themselves; turned off, every entry goes back where the page put it. The only option that moves the host
 * page's nodes, and only while it is on; each entry moves with the nodes its site module says belong to it.
 */
import type { PageContext } from './context';
import type { Entry, EntrySet } from './entries';

export class Ordering {
  /** The page's own order, kept while entries are moved. */
  private original: Entry[] | undefined;

  constructor(
    private readonly ctx: PageContext,
    private readonly entries: EntrySet,
  ) {}

  /** Puts the entries in the order asked for; moves nothing when they are in it already. */
  apply(relevantFirst: boolean, isMatch: (e: Entry) => boolean): void {
    if (!relevantFirst && !this.original) return;
    const current = this.entries.list;
    const base = this.original ? this.pageOrder(current) : current;
    const groups = new Map<Element | null, Entry[]>();
    for (const e of base) {
      const parent = e.paper.element.parentElement;
      const g = groups.get(parent);
      if (g) g.push(e);
      else groups.set(parent, [e]);
    }
    const next: Entry[] = [];
    let moved = false;
    for (const group of groups.values()) {
      const want = relevantFirst ? [...group.filter(isMatch), ...group.filter((e) => !isMatch(e))] : group;
      if (this.move(group, want)) moved = true;
      next.push(...want);
    }
    this.original = relevantFirst ? base : undefined;
    this.entries.list = next;
    if (moved) this.ctx.discardMutations();
  }

  /** Back to the page's order (before PaperSift leaves the page). */
  restore(): void {
    this.apply(false, () => false);
  }

  /** The kept page order, with entries that came since in their current place at the end. */
  private pageOrder(current: readonly Entry[]): Entry[] {
    const kept = new Set(current);
    const base = (this.original ?? []).filter((e) => kept.has(e));
    const known = new Set(base);
    return [...base, ...current.filter((e) => !known.has(e))];
  }

  /** Moves a container's entries into `want` order, in place; false when they were in it. */
  private move(group: readonly Entry[], want: readonly Entry[]): boolean {
    const extent = (e: Entry) => this.ctx.adapter?.extent?.(e.paper.element) ?? [e.paper.element];
    const nodes = want.flatMap(extent);
    const parent = nodes[0]?.parentNode;
    if (!parent) return false;
    // In place already when the nodes follow each other in the wanted order (other nodes between are fine).
    let inOrder = true;
    for (let i = 1; i < nodes.length && inOrder; i++) {
      const a = nodes[i - 1] as Node;
      const b = nodes[i] as Node;
      inOrder = !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    }
    if (inOrder) return false;
    // After the last node of the group as it is now: the wanted order is built just before it.
    let last = nodes[0] as Node;
    for (const n of group.flatMap(extent))
      if (last.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) last = n;
    const end = last.nextSibling;
    for (const n of nodes) parent.insertBefore(n, end);
    return true;
  }
}
