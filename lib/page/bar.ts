/**
 * The filter bar (topics with their counts, all / only / dim, hide saved / dismissed, new only, text) and what it
 * does to the page: each entry's visibility attribute, the counts, and the toolbar badge.
 */
import type { PageContext } from './context';
import { ATTR, type Entry, type EntrySet, haystackOf } from './entries';
import {
  DEFAULT_FILTER,
  type FilterState,
  matchesTopics,
  parseFilter,
  textTerms,
  topicCounts,
  visibility,
} from './filter';
import { Folds } from './fold';
import { KEYMAP } from './keys';
import { Ordering } from './order';
import { SLICE_MS, yieldToPage } from './schedule';
import type { NoticeProps } from './views';

export const BAR_TAG = 'papersift-bar';

export interface NoticeAction {
  label: string;
  run: () => void;
}
/** How long a notice stays (ms): long enough to read it and reach for Undo. */
const NOTICE_MS = 8000;

export class FilterBar {
  filter: FilterState = DEFAULT_FILTER;
  private terms: string[] = [];
  private host: HTMLElement | undefined;
  private collapsed = false;
  helpOpen = false;
  textInput: HTMLInputElement | null = null;
  /** An entry shown whatever the filter (the target of the page's anchor). */
  revealed: Entry | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastBadge: number | undefined;
  private textPrepared = false;
  private notice: { text: string; undo?: () => Promise<void>; action?: NoticeAction } | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly folds: Folds;
  private readonly order: Ordering;

  constructor(
    private readonly ctx: PageContext,
    private readonly entries: EntrySet,
  ) {
    this.folds = new Folds(ctx, () => this.apply());
    this.order = new Ordering(ctx, entries);
  }

  /** The filter the background kept for this site. */
  restore(saved: unknown): void {
    this.filter = parseFilter(saved);
    this.terms = textTerms(this.filter.text);
  }

  ensure(): void {
    if (this.host?.isConnected) return;
    const { doc } = this.ctx;
    const host = doc.createElement(BAR_TAG);
    host.setAttribute('data-placement', 'bar');
    this.ctx.installStyle(host.attachShadow({ mode: 'open' }));
    (doc.body ?? doc.documentElement).append(host);
    this.host = host;
  }

  remove(): void {
    this.order.restore();
    this.folds.clear();
    if (this.host) {
      this.ctx.options.views.bar(this.host.shadowRoot as ShadowRoot, null);
      this.host.remove();
      this.host = undefined;
    }
    this.badge(0);
  }

  stop(): void {
    clearTimeout(this.saveTimer);
    clearTimeout(this.noticeTimer);
  }

  /**
   * Shows a notice for a few seconds (the last one replaces any other), with its undo (Undo, `u`) or another
   * action.
   */
  notify(text: string, then?: { undo: () => Promise<void> } | { action: NoticeAction }): void {
    this.notice = { text, ...then };
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice = undefined;
      this.refresh();
    }, NOTICE_MS);
    this.refresh();
  }

  /** Undoes what the notice announces (the `u` key, or its button); nothing when there is none. */
  async undo(): Promise<void> {
    const n = this.notice;
    if (!n?.undo) return;
    this.notice = undefined;
    clearTimeout(this.noticeTimer);
    this.refresh();
    await n.undo();
  }

  set(next: FilterState): void {
    const t = performance.now();
    this.filter = next;
    this.terms = textTerms(next.text);
    this.apply();
    this.ctx.options.onFilterTime?.(performance.now() - t);
    clearTimeout(this.saveTimer);
    const url = this.ctx.url;
    this.saveTimer = setTimeout(() => {
      void this.ctx.api.setFilter({ url, filter: next }).catch(() => undefined);
    }, 300);
  }

  /**
   * Folds the entries' texts for the text filter in idle slices as soon as the user heads for the field (focus, or
   * the `/` key), so that the first keystroke does not pay for 2,000 abstracts at once, and a page nobody filters
   * pays nothing.
   */
  prepareText(): void {
    if (this.textPrepared) return;
    this.textPrepared = true;
    const pending = this.entries.list.filter((e) => e.haystack === undefined);
    // In slices that yield to the page (input first), back to back: done before the first keystroke lands.
    const run = async () => {
      while (pending.length && !this.ctx.stopped) {
        const t = performance.now();
        while (pending.length && performance.now() - t < SLICE_MS) {
          const e = pending.pop() as Entry;
          e.haystack ??= haystackOf(e.meta);
        }
        await yieldToPage();
      }
    };
    this.ctx.guard(run);
  }

  /** Recomputes every entry's visibility, the bar's counts and the toolbar badge. */
  apply(): void {
    for (const e of this.entries.list) {
      const v = e.verdict;
      if (!v) continue;
      if (this.terms.length && e.haystack === undefined) e.haystack = haystackOf(e.meta);
      let view = visibility(
        {
          labels: v.labels,
          saved: v.saved,
          dismissed: v.dismissed,
          seenBefore: v.seenBefore,
          haystack: e.haystack ?? '',
        },
        this.filter,
        this.ctx.enabled,
        this.terms,
      );
      if ((e === this.revealed && view === 'hide') || (view === 'fold' && this.folds.opened.has(e)))
        view = 'show';
      if (view !== e.view) {
        e.view = view;
        if (view === 'show') e.paper.element.removeAttribute(ATTR.view);
        else e.paper.element.setAttribute(ATTR.view, view);
      }
    }
    this.order.apply(this.filter.relevantFirst, (e) =>
      matchesTopics({ labels: e.verdict?.labels ?? [] }, this.filter, this.ctx.enabled),
    );
    if (this.filter.mode === 'fold') this.folds.update(this.entries.list);
    else this.folds.clear();
    this.refresh();
  }

  refresh(): void {
    const root = this.host?.shadowRoot;
    const classified = this.entries.list.filter((e) => e.verdict);
    const { perTopic, matching } = topicCounts(
      classified.map((e) => ({ labels: e.verdict?.labels ?? [] })),
      this.ctx.enabled,
    );
    this.badge(matching);
    if (!root) return;
    const notice = this.notice;
    this.ctx.options.views.bar(root, {
      ...(notice ? { notice: { text: notice.text, ...this.noticeAction(notice) } } : {}),
      ...(this.helpOpen ? { help: { keys: KEYMAP, onClose: () => this.toggleHelp(false) } } : {}),
      bar: {
        topics: this.ctx.topics.map((t) => ({ topic: t, count: perTopic.get(t.id) ?? 0 })),
        total: this.entries.list.length,
        matching,
        visible: classified.filter((e) => e.view === 'show' || e.view === 'dim').length,
        fresh: classified.filter((e) => !e.verdict?.seenBefore).length,
        filter: this.filter,
        collapsed: this.collapsed,
        onChange: (f: FilterState) => this.ctx.guard(() => this.set(f)),
        onToggleCollapsed: () => {
          this.collapsed = !this.collapsed;
          this.refresh();
        },
        onHelp: () => this.toggleHelp(!this.helpOpen),
        textRef: (el: HTMLInputElement | null) => {
          this.textInput = el;
        },
        onTextFocus: () => this.ctx.guard(() => this.prepareText()),
      },
    });
  }

  private noticeAction(n: NonNullable<FilterBar['notice']>): { action?: NoticeProps['action'] } {
    if (n.undo)
      return { action: { label: 'Undo', title: 'Undo (u)', run: () => this.ctx.guard(() => this.undo()) } };
    const a = n.action;
    return a ? { action: { label: a.label, title: a.label, run: () => this.ctx.guard(a.run) } } : {};
  }

  toggleHelp(open: boolean): void {
    this.helpOpen = open;
    this.refresh();
  }

  /** Opens the bar if folded and puts the caret in its text field. */
  focusText(): void {
    this.prepareText();
    if (this.collapsed) {
      this.collapsed = false;
      this.refresh();
    }
    this.textInput?.focus();
  }

  /** The toolbar badge's count, sent only when it changes. */
  private badge(count: number): void {
    if (count === this.lastBadge) return;
    this.lastBadge = count;
    void this.ctx.api.setBadge({ count }).catch(() => undefined);
  }
}
