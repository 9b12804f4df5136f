/**
 * "Fold": entries outside the chosen topics are folded away, and each run of them (consecutive entries in one
 * container of the page) is shown as one line of ours, "▸ 12 folded", that opens on click into the run's title
 * lines; a title line opens its entry. The host page's nodes are never moved: the folded entries are hidden by the
 * page stylesheet (like hidden ones) and our line is an element of our own inserted before the run.
 */
import type { PageContext } from './context';
import { ATTR, type Entry } from './entries';

export const FOLD_TAG = 'papersift-fold';

interface Run {
  entries: Entry[];
  host: HTMLElement;
  open: boolean;
}

export class Folds {
  /** Runs by their first entry (a run keeps its open state while it keeps its first entry). */
  private runs = new Map<Entry, Run>();
  /** Entries the user opened from a title line: shown whatever the fold. */
  readonly opened = new WeakSet<Entry>();

  constructor(
    private readonly ctx: PageContext,
    /** After an entry was opened: visibility is computed again. */
    private readonly changed: () => void,
  ) {}

  /** Lays the fold lines over the entries whose view is `fold` (none when the filter does not fold). */
  update(entries: readonly Entry[]): void {
    const next = new Map<Entry, Run>();
    let run: Entry[] = [];
    const close = () => {
      if (run.length) this.place(run, next);
      run = [];
    };
    for (const e of entries) {
      if (e.view === 'hide' && run.length) continue; // hidden entries do not break a run
      if (e.view !== 'fold') {
        close();
        continue;
      }
      const prev = run[run.length - 1];
      if (prev && prev.paper.element.parentElement !== e.paper.element.parentElement) close();
      run.push(e);
    }
    close();
    for (const [first, r] of this.runs) if (next.get(first) !== r) this.drop(r);
    this.runs = next;
  }

  clear(): void {
    for (const r of this.runs.values()) this.drop(r);
    this.runs.clear();
  }

  private place(entries: Entry[], into: Map<Entry, Run>): void {
    const first = entries[0] as Entry;
    let r = this.runs.get(first);
    if (!r?.host.isConnected) {
      const host = this.ctx.doc.createElement(FOLD_TAG);
      this.ctx.installStyle(host.attachShadow({ mode: 'open' }));
      r = { entries, host, open: false };
    }
    r.entries = entries;
    // Before the run's first entry, in its container: where the run was.
    if (r.host.nextElementSibling !== first.paper.element) first.paper.element.before(r.host);
    into.set(first, r);
    this.draw(r);
  }

  private draw(r: Run): void {
    const run = r;
    this.ctx.options.views.fold(run.host.shadowRoot as ShadowRoot, {
      count: run.entries.length,
      open: run.open,
      titles: run.entries.map((e) => ({ id: e.meta.id, title: e.meta.title })),
      onToggle: () =>
        this.ctx.guard(() => {
          run.open = !run.open;
          this.draw(run);
        }),
      onOpenEntry: (id: string) =>
        this.ctx.guard(() => {
          const e = run.entries.find((x) => x.meta.id === id);
          if (!e) return;
          this.opened.add(e);
          this.changed();
          e.paper.element.scrollIntoView({ block: 'start' });
        }),
    });
  }

  private drop(r: Run): void {
    this.ctx.options.views.fold(r.host.shadowRoot as ShadowRoot, null);
    r.host.remove();
  }

  /** Whether an element is one of our fold lines (or inside one). */
  static isFold(el: Element): boolean {
    return !!el.closest(FOLD_TAG);
  }
}

/** The page stylesheet's rules for folded entries: hidden like hidden ones, our line shown as a block. */
export const FOLD_CSS = [
  `${FOLD_TAG} { display: block !important; }`,
  `[${ATTR.view}="fold"], dt[${ATTR.view}="fold"] + dd { display: none !important; }`,
];
