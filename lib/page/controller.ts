/**
 * PaperSift in a listing page: finds the entries, has the background classify and record them, and annotates
 * them (data attributes, highlight, badges and tools in shadow roots); runs the filter bar and the keyboard; keeps
 * up with entries added later and with single-page navigation; cleans everything up on `stop()`. Nothing it does
 * throws into the page: failures go to `warn`. The parts live beside it: entries.ts (the entries and their
 * attributes), reader.ts (reading and asking the background), tools.ts (per-entry tools and actions), bar.ts (the
 * filter bar), navigation.ts (keys and anchors), watcher.ts (mutations), schedule.ts (slices of work).
 */
import type { PageSeenReply, PageStateReply } from '../messaging/page';
import type { ErrorReply } from '../messaging/protocol';
import { adapterById, findAdapter } from '../sites';
import { FilterBar } from './bar';
import { type ControllerOptions, isError, type PageApi, PageContext } from './context';
import { type Entry, EntrySet, sameVerdict } from './entries';
import { Navigation } from './navigation';
import { extractInSlices, readWhileLoading, sendForVerdicts } from './reader';
import { parsed } from './schedule';
import { addPageSheet, pageCss } from './styles';
import { type DoneAction, EntryTools } from './tools';
import { ViewedTracker } from './viewed';
import { MutationWatcher } from './watcher';

export type { ControllerOptions, PageApi, PageStats } from './context';
export { ATTR } from './entries';

interface Visit {
  entries: number;
  rejected: number;
  warnings: string[];
}

export class PageController {
  private readonly ctx: PageContext;
  private readonly entries = new EntrySet();
  private readonly bar: FilterBar;
  private readonly tools: EntryTools;
  private readonly nav: Navigation;
  private readonly watcher: MutationWatcher;
  private readonly viewed: ViewedTracker;
  private pageSheet: { remove: () => void } | undefined;
  private prefetched: { url: string; state: Promise<PageStateReply | ErrorReply> } | undefined;
  private statsReported = false;
  private scanning: Promise<void> | undefined;
  private rescanWanted = false;
  private undoing = false;
  private readonly onKey = (e: KeyboardEvent) => this.ctx.guard(() => this.nav.handleKey(e));
  private readonly onHash = () => this.ctx.guard(() => this.nav.revealHashTarget());

  constructor(doc: Document, api: PageApi, options: ControllerOptions) {
    this.ctx = new PageContext(doc, api, options);
    this.bar = new FilterBar(this.ctx, this.entries);
    this.tools = new EntryTools(
      this.ctx,
      this.entries,
      () => this.bar.apply(),
      () => this.reportStats(),
      (a) => this.announce(a),
      (text, action) => this.bar.notify(text, action ? { action } : undefined),
    );
    this.nav = new Navigation(this.ctx, this.entries, this.bar, this.tools);
    this.watcher = new MutationWatcher(this.ctx, () => this.scan());
    this.viewed = new ViewedTracker(this.ctx, this.entries);
  }

  /**
   * Annotates the page and starts following it. Called as early as the document exists: the page state and the
   * model are asked for at once, so that they are here when the entries are (at DOMContentLoaded).
   */
  async start(): Promise<void> {
    const url = this.ctx.currentUrl();
    if (findAdapter(url)) this.prefetched = { url, state: this.fetchState(url) };
    const progressive = await this.loadProgressively(url);
    await parsed(this.ctx.doc);
    if (this.ctx.stopped) return;
    this.ctx.win?.addEventListener('keydown', this.onKey);
    this.ctx.win?.addEventListener('hashchange', this.onHash);
    this.watcher.start();
    if (!progressive) await this.scan();
  }

  /** Removes everything PaperSift added to the page and stops listening. */
  stop(): void {
    this.viewed.stop();
    this.ctx.stopped = true;
    this.watcher.stop();
    this.tools.disconnect();
    this.bar.stop();
    this.ctx.win?.removeEventListener('keydown', this.onKey);
    this.ctx.win?.removeEventListener('hashchange', this.onHash);
    this.clearPage();
  }

  /** Runs one scan at a time; a scan asked for during another runs right after it. */
  private scan(): Promise<void> {
    if (this.scanning) {
      this.rescanWanted = true;
      return this.scanning;
    }
    this.scanning = this.scanOnce().finally(() => {
      this.scanning = undefined;
      if (this.rescanWanted && !this.ctx.stopped) {
        this.rescanWanted = false;
        void this.scan();
      }
    });
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const { ctx } = this;
    const url = ctx.currentUrl();
    // The page state (topics, lists, the bar's choice) is asked for before the extraction, so that the
    // background answers while we read the page.
    const wantState = !this.entries.list.length || url !== ctx.url;
    const prefetched = this.prefetched?.url === url ? this.prefetched.state : undefined;
    this.prefetched = undefined;
    const statePromise = wantState ? (prefetched ?? this.fetchState(url)) : undefined;
    const extraction = await extractInSlices(ctx, url);
    if (!extraction) return;
    for (const w of extraction.warnings) ctx.warn(w);
    const navigated = url !== ctx.url;
    const adapter = adapterById(extraction.adapter);
    if (adapter !== ctx.adapter || (navigated && !adapter)) this.clearPage();
    ctx.url = url;
    ctx.adapter = adapter;
    if (!adapter) return;

    if (statePromise && !(await this.takeState(statePromise))) return;
    if (!ctx.siteOn) return;
    const t = performance.now();

    const { fresh, gone } = this.entries.reconcile(extraction.papers);
    for (const old of gone) this.forget(old);
    if (this.entries.list.length) this.bar.ensure();
    ctx.step(t);
    const rejected = await sendForVerdicts(ctx, fresh, url, (chunk, reply) => this.applyReply(chunk, reply));
    if (ctx.stopped) return;
    // A new visit (first scan, or a single-page-app navigation) is recorded, also when it found nothing: the
    // options page's site health shows pages that promised entries and yielded none.
    this.finishScan(
      url,
      navigated ? { entries: extraction.papers.length, rejected, warnings: extraction.warnings } : undefined,
    );
  }

  /**
   * The first load of a long listing, read as the parser builds it (see reader.ts). Returns false when this page
   * cannot be read so.
   */
  private async loadProgressively(url: string): Promise<boolean> {
    const { ctx } = this;
    const adapter = findAdapter(url);
    if (!adapter?.readProgressively || ctx.doc.readyState !== 'loading' || !this.prefetched) return false;
    const reader = adapter.readProgressively(ctx.doc, new URL(url));
    ctx.url = url;
    ctx.adapter = adapter;
    const state = this.prefetched.state;
    this.prefetched = undefined;
    if (!(await this.takeState(state)) || !ctx.siteOn) return true;
    const sends: Promise<number>[] = [];
    const extraction = await readWhileLoading(ctx, reader, (papers) => {
      const fresh = papers.map((p) => this.entries.adopt(p));
      this.entries.list.push(...fresh);
      sends.push(sendForVerdicts(ctx, fresh, url, (chunk, reply) => this.applyReply(chunk, reply)));
    });
    if (!extraction) return true;
    for (const w of extraction.warnings) ctx.warn(w);
    if (this.entries.list.length) this.bar.ensure();
    const rejected = (await Promise.all(sends)).reduce((a, b) => a + b, 0);
    if (ctx.stopped) return true;
    this.finishScan(url, { entries: extraction.papers.length, rejected, warnings: extraction.warnings });
    return true;
  }

  /** A chunk's verdicts: attributes now, tools when drawn, the filter and counts again. */
  private applyReply(chunk: Entry[], reply: PageSeenReply): void {
    const rejected = new Set(reply.rejected.map((r) => r.index));
    const accepted = chunk.filter((_, j) => !rejected.has(j));
    const changed: Entry[] = [];
    accepted.forEach((entry, j) => {
      const v = reply.verdicts[j];
      if (!v || v.id !== entry.meta.id || !entry.paper.element.isConnected) return;
      if (!entry.verdict || !sameVerdict(entry.verdict, v)) changed.push(entry);
      this.entries.applyVerdict(entry, v, this.ctx.enabled);
    });
    this.tools.queueDraw(changed);
    this.viewed.watch(changed);
    this.bar.apply();
  }

  /** The end of a scan: stats, the background told (visit and all), filter and anchors applied. */
  private finishScan(url: string, visit?: Visit): void {
    const { ctx } = this;
    const t = performance.now();
    ctx.stats.annotatedAt = t;
    ctx.stats.entries = this.entries.list.length;
    this.statsReported = false;
    // The background may write now (while it handles this message it cannot be stopped as idle).
    void ctx.api
      .pageDone(visit ? { visit: { url, adapter: ctx.adapter?.id ?? '', ...visit } } : {})
      .catch(() => undefined);
    this.bar.apply();
    this.nav.revealHashTarget();
    ctx.step(t);
    // The tools near the viewport are drawn once the observer has reported them (after the next layout).
    setTimeout(() => this.reportStats(), 0);
  }

  /** "Dismissed · Undo": undoing flips the flag back and brings the focus back to the entry. */
  private announce({ entry, kind, on }: DoneAction): void {
    if (this.undoing) return;
    const text =
      kind === 'save' ? (on ? 'Saved' : 'Removed from your lists') : on ? 'Dismissed' : 'No longer dismissed';
    this.bar.notify(text, {
      undo: async () => {
        if (!this.entries.isCurrent(entry)) return;
        this.undoing = true;
        try {
          await (kind === 'save' ? this.tools.toggleSave(entry) : this.tools.toggleDismiss(entry));
        } finally {
          this.undoing = false;
        }
        this.nav.focus(entry);
      },
    });
  }

  /** Once per scan, when its entries are annotated and the tools near the viewport drawn. */
  private reportStats(): void {
    const { stats } = this.ctx;
    if (this.statsReported || !stats.annotatedAt || !this.tools.idle) return;
    this.statsReported = true;
    stats.drawnAt = performance.now();
    this.ctx.options.onStats?.({ ...stats });
  }

  private forget(entry: Entry): void {
    this.tools.forget(entry);
    this.viewed.forget(entry);
    this.nav.forget(entry);
    this.entries.forget(entry);
  }

  private clearPage(): void {
    // The bar first: it puts moved entries back in the page's order and removes its fold lines.
    this.bar.remove();
    for (const e of this.entries.list) this.forget(e);
    this.entries.list = [];
    this.tools.clear();
    this.pageSheet?.remove();
    this.pageSheet = undefined;
  }

  private fetchState(url: string): Promise<PageStateReply | ErrorReply> {
    return this.ctx.api.pageState({ url }).catch((e: unknown) => ({ error: String(e) }));
  }

  /** Applies the page state when it comes; false when there is none (stopped, or the background failed). */
  private async takeState(promise: Promise<PageStateReply | ErrorReply>): Promise<boolean> {
    const state = await promise;
    if (this.ctx.stopped) return false;
    if (isError(state)) {
      this.ctx.warn(`no page state: ${state?.error ?? 'no reply'}`);
      return false;
    }
    const { ctx } = this;
    ctx.siteOn = state.enabled;
    ctx.topics = state.topics;
    ctx.enabled = new Set(state.topics.map((t) => t.id));
    ctx.lists = state.lists;
    this.bar.restore(state.filter);
    this.installPageCss();
    return true;
  }

  private installPageCss(): void {
    this.pageSheet?.remove();
    this.pageSheet = addPageSheet(this.ctx.doc, pageCss(this.ctx.topics));
  }
}
