import { h, render } from 'preact';
import { EntryTools } from '../../components/EntryTools';
import { FilterBar } from '../../components/FilterBar';
import { KeyHelp } from '../../components/KeyHelp';
import type {
  PageDoneRequest,
  PageSeenReply,
  PageSeenRequest,
  PageStateReply,
  PageStateRequest,
  PageTopic,
  PaperVerdict,
  SetBadgeRequest,
  SetDismissedReply,
  SetDismissedRequest,
  SetFilterRequest,
  SetMarkReply,
  SetMarkRequest,
  SetSavedReply,
  SetSavedRequest,
} from '../messaging/page';
import type { ErrorReply } from '../messaging/protocol';
import type { PaperMeta } from '../paper';
import { adapterById, extractPageSteps, findAdapter } from '../sites';
import type { Extraction, FoundPaper } from '../sites/types';
import {
  DEFAULT_FILTER,
  type FilterState,
  fold,
  parseFilter,
  textTerms,
  topicCounts,
  type Visibility,
  visibility,
} from './filter';
import { KEYMAP, keyAction } from './keys';
import { pageCss } from './styles';

/** The background's side of the protocol, as the content script reaches it (injected: lib has no extension API). */
export interface PageApi {
  pageSeen(req: PageSeenRequest): Promise<PageSeenReply | ErrorReply>;
  pageState(req: PageStateRequest): Promise<PageStateReply | ErrorReply>;
  setSaved(req: SetSavedRequest): Promise<SetSavedReply | ErrorReply>;
  setDismissed(req: SetDismissedRequest): Promise<SetDismissedReply | ErrorReply>;
  setMark(req: SetMarkRequest): Promise<SetMarkReply | ErrorReply>;
  setFilter(req: SetFilterRequest): Promise<unknown>;
  setBadge(req: SetBadgeRequest): Promise<unknown>;
  pageDone(req: PageDoneRequest): Promise<unknown>;
}

export interface ControllerOptions {
  /** The stylesheet of our shadow roots (Tailwind, compiled). */
  css: string;
  /** When this visit began; see PageSeenRequest. */
  visitStartedAt: number;
  /** Where warnings go (the console, in the extension). */
  warn?: (message: string) => void;
  /** Called when a scan's entries are all annotated and drawn: what it cost (for benchmarks and debugging). */
  onStats?: (stats: PageStats) => void;
}

/** Timings of the page work, in ms on the page's clock (`performance.now()`, from navigation start). */
export interface PageStats {
  entries: number;
  /** Extraction of the entries from the DOM (work time, over its slices). */
  extractMs: number;
  /** The longest synchronous step of ours (extraction, applying a reply, drawing a slice). */
  longestStepMs: number;
  /** Every entry has its id and topics attributes (and highlight). */
  annotatedAt: number;
  /** The tools of the entries near the viewport are drawn (the others are drawn as they come near). */
  drawnAt: number;
  /** Background time for this page's papers: classification, and whole requests (validation, storage). */
  backgroundClassifyMs: number;
  backgroundTotalMs: number;
}

export const ATTR = {
  id: 'data-papersift-id',
  topics: 'data-papersift-topics',
  saved: 'data-papersift-saved',
  dismissed: 'data-papersift-dismissed',
  seen: 'data-papersift-seen',
  match: 'data-papersift-match',
  view: 'data-papersift-view',
  focus: 'data-papersift-focus',
} as const;
const ENTRY_TAG = 'papersift-entry';
const BAR_TAG = 'papersift-bar';
/** Papers per pageSeen message: small enough that serialising one never blocks the page for long. */
const CHUNK = 250;
/** While the page loads, its entries are read this often (ms): a timer runs between the parser's chunks. */
const PUMP_MS = 25;
/** ... in bites of this many entries (a few ms of work), as many as fit in a slice. */
const PUMP_BITE = 100;
/** The first message is smaller: the first screens come back first. */
const FIRST_CHUNK = 50;
/** Longest slice of drawing work per task, in ms (a long task is 50 ms). */
const SLICE_MS = 8;

interface Entry {
  paper: FoundPaper;
  meta: PaperMeta;
  /** Folded title, authors and abstract, computed when a text filter first needs it. */
  haystack?: string;
  verdict?: PaperVerdict;
  host?: HTMLElement;
  view: Visibility;
  busy: boolean;
  menuOpen: boolean;
}

function isError<T extends object>(reply: T | ErrorReply | undefined): reply is ErrorReply | undefined {
  return reply === undefined || reply === null || 'error' in reply;
}

function haystackOf(m: PaperMeta): string {
  return fold(`${m.title} ${m.authors.join(' ')} ${m.abstract ?? ''}`);
}

/**
 * Lets the page run (input, rendering) between two slices of our work, and comes back as soon as it can:
 * `scheduler.yield()` where there is one, else a message to ourselves (a timeout would be clamped to 4 ms).
 */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

function sameVerdict(a: PaperVerdict, b: PaperVerdict): boolean {
  return (
    a.labels.join(' ') === b.labels.join(' ') &&
    a.saved === b.saved &&
    a.dismissed === b.dismissed &&
    a.seenBefore === b.seenBefore &&
    JSON.stringify(a.marks) === JSON.stringify(b.marks)
  );
}

function metaOf(p: FoundPaper): PaperMeta {
  const { element: _element, ...rest } = p;
  return rest;
}

/** One stylesheet shared by every shadow root (constructable, adopted), or a <style> copy where that fails. */
function styleInstaller(css: string): (root: ShadowRoot) => void {
  const copy = (root: ShadowRoot) => {
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.append(style);
  };
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return (root) => {
      try {
        root.adoptedStyleSheets = [sheet];
      } catch {
        // Firefox content scripts cannot hand a sheet they built to the page's shadow root (Xray wrappers).
        copy(root);
      }
    };
  } catch {
    return copy;
  }
}

/**
 * PaperSift in a listing page: finds the entries, has the background classify and record them, and annotates
 * them (data attributes, highlight, badges and tools in shadow roots); runs the filter bar and the keyboard; keeps
 * up with entries added later and with single-page navigation; cleans everything up on `stop()`. Nothing it does
 * throws into the page: failures go to `warn`.
 */
export class PageController {
  private entries: Entry[] = [];
  private byElement = new WeakMap<Element, Entry>();
  private adapter: string | undefined;
  private url = '';
  private topics: PageTopic[] = [];
  private enabled = new Set<string>();
  private lists: { id: string; name: string }[] = [];
  private filter: FilterState = DEFAULT_FILTER;
  private terms: string[] = [];
  private siteOn = true;
  private barHost: HTMLElement | undefined;
  private barCollapsed = false;
  private helpOpen = false;
  private textInput: HTMLInputElement | null = null;
  private focused: Entry | undefined;
  private revealed: Entry | undefined;
  private pageSheet: { remove: () => void } | undefined;
  private observer: MutationObserver | undefined;
  private drawQueue: Entry[] = [];
  private nearObserver: IntersectionObserver | undefined;
  private prefetched: { url: string; state: Promise<PageStateReply | ErrorReply> } | undefined;
  private statsReported = false;
  private lastBadge: number | undefined;
  private drawScheduled = false;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private rescanWanted = false;
  private stopped = false;
  private installStyle: (root: ShadowRoot) => void;
  private stats: PageStats = {
    entries: 0,
    extractMs: 0,
    longestStepMs: 0,
    annotatedAt: 0,
    drawnAt: 0,
    backgroundClassifyMs: 0,
    backgroundTotalMs: 0,
  };
  private readonly onKey = (e: KeyboardEvent) => this.guard(() => this.handleKey(e));
  private readonly onHash = () => this.guard(() => this.revealHashTarget());

  constructor(
    private readonly doc: Document,
    private readonly api: PageApi,
    private readonly options: ControllerOptions,
  ) {
    this.installStyle = styleInstaller(options.css);
  }

  /**
   * Annotates the page and starts following it. Called as early as the document exists: the page state and the
   * model are asked for at once, so that they are here when the entries are (at DOMContentLoaded).
   */
  async start(): Promise<void> {
    const url = this.currentUrl();
    if (findAdapter(url)) {
      this.prefetched = { url, state: this.fetchState(url) };
    }
    const progressive = await this.loadProgressively(url);
    if (this.doc.readyState === 'loading') {
      await new Promise<void>((resolve) =>
        this.doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
      );
    }
    if (this.stopped) return;
    const win = this.doc.defaultView;
    win?.addEventListener('keydown', this.onKey);
    win?.addEventListener('hashchange', this.onHash);
    // The document's own window's constructor: the same in a content script, and right under jsdom in tests.
    const Observer = win?.MutationObserver ?? MutationObserver;
    this.observer = new Observer((records) => this.guard(() => this.onMutations(records)));
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
    if (!progressive) await this.scan();
  }

  /** Removes everything PaperSift added to the page and stops listening. */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.nearObserver?.disconnect();
    const win = this.doc.defaultView;
    win?.removeEventListener('keydown', this.onKey);
    win?.removeEventListener('hashchange', this.onHash);
    clearTimeout(this.scanTimer);
    clearTimeout(this.filterTimer);
    this.clearPage();
  }

  // ---- the entries -------------------------------------------------------------------------------------------

  private guard(fn: () => unknown): void {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((e: unknown) => this.warn(`unexpected: ${String(e)}`));
    } catch (e) {
      this.warn(`unexpected: ${String(e)}`);
    }
  }

  private warn(message: string): void {
    this.options.warn?.(message);
  }

  private currentUrl(): string {
    return this.doc.defaultView?.location.href ?? this.doc.URL;
  }

  /** Runs one scan at a time; a scan asked for during another runs right after it. */
  private scan(): Promise<void> {
    if (this.scanning) {
      this.rescanWanted = true;
      return this.scanning;
    }
    this.scanning = this.scanOnce().finally(() => {
      this.scanning = undefined;
      if (this.rescanWanted && !this.stopped) {
        this.rescanWanted = false;
        void this.scan();
      }
    });
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const t0 = performance.now();
    const url = this.currentUrl();
    // The page state (topics, lists, the bar's choice) is asked for before the extraction, so that the
    // background answers while we read the page.
    const wantState = !this.barHost || url !== this.url;
    const prefetched = this.prefetched?.url === url ? this.prefetched.state : undefined;
    this.prefetched = undefined;
    const statePromise = wantState ? (prefetched ?? this.fetchState(url)) : undefined;
    // Read in slices: a 2,000-entry listing is never one long task.
    const steps = extractPageSteps(this.doc, url);
    let extraction: Extraction & { adapter?: string };
    let ts = t0;
    for (;;) {
      const r = steps.next();
      if (r.done) {
        extraction = r.value;
        break;
      }
      if (performance.now() - ts > SLICE_MS) {
        this.step(ts);
        this.stats.extractMs += performance.now() - ts;
        await yieldToPage();
        if (this.stopped) return;
        ts = performance.now();
      }
    }
    this.stats.extractMs += performance.now() - ts;
    this.step(ts);
    for (const w of extraction.warnings) this.warn(w);
    const navigated = url !== this.url;
    const adapterChanged = extraction.adapter !== this.adapter;
    this.url = url;
    if (adapterChanged || (navigated && !extraction.adapter)) this.clearPage();
    this.adapter = extraction.adapter;
    if (!this.adapter) return;

    if (statePromise) {
      const state = await statePromise;
      if (this.stopped) return;
      if (isError(state)) {
        this.warn(`no page state: ${state?.error ?? 'no reply'}`);
        return;
      }
      this.applyState(state);
    }
    if (!this.siteOn) return;
    const tIds = performance.now();

    // Keep entries still on the page, drop the others, add the new ones, in document order.
    const next: Entry[] = [];
    const fresh: Entry[] = [];
    const kept = new Set<Entry>();
    for (const paper of extraction.papers) {
      const known = this.byElement.get(paper.element);
      if (known && known.meta.id === paper.id && !kept.has(known)) {
        next.push(known);
        kept.add(known);
      } else {
        const entry = this.adopt(paper);
        next.push(entry);
        fresh.push(entry);
      }
    }
    for (const old of this.entries) if (!kept.has(old)) this.forget(old);
    this.entries = next;
    if (this.entries.length) this.ensureBar();
    this.step(tIds);
    const rejected = await this.record(fresh, url);
    if (this.stopped) return;
    // A new visit (first scan, or a single-page-app navigation) is recorded, also when it found nothing: the
    // options page's site health shows pages that promised entries and yielded none.
    this.finishScan(
      url,
      navigated ? { entries: extraction.papers.length, rejected, warnings: extraction.warnings } : undefined,
    );
  }

  /** A new entry for a paper found on the page: its id attribute now, the rest when the background answers. */
  private adopt(paper: FoundPaper): Entry {
    const entry: Entry = { paper, meta: metaOf(paper), view: 'show', busy: false, menuOpen: false };
    paper.element.setAttribute(ATTR.id, paper.id);
    this.byElement.set(paper.element, entry);
    return entry;
  }

  /**
   * The background classifies and records the entries: it reads what it knows of them (never waiting on a
   * write: it writes a moment later, in one go), classifies them on its own thread and answers. Each chunk is
   * serialised in a task of its own (never a long one); all are in flight at once and answered in turn, and each
   * answer is applied as it comes, the first screens first. Returns how many entries the background refused.
   */
  private async record(fresh: Entry[], url: string): Promise<number> {
    const chunks: Entry[][] = [];
    for (let i = 0; i < fresh.length; ) {
      const size = i === 0 ? FIRST_CHUNK : CHUNK;
      chunks.push(fresh.slice(i, i + size));
      i += size;
    }
    const replies: Promise<PageSeenReply | ErrorReply>[] = [];
    for (const [k, chunk] of chunks.entries()) {
      if (k > 0) await yieldToPage();
      if (this.stopped) return 0;
      replies.push(
        this.api
          .pageSeen({
            url,
            adapter: this.adapter as string,
            visitStartedAt: this.options.visitStartedAt,
            papers: chunk.map((e) => e.meta),
          })
          .catch((e: unknown) => ({ error: String(e) })),
      );
    }
    let refused = 0;
    for (const [k, chunk] of chunks.entries()) {
      const reply = await replies[k];
      if (this.stopped) return refused;
      if (isError(reply)) {
        this.warn(`background refused the page: ${reply?.error ?? 'no reply'}`);
        continue;
      }
      const t3 = performance.now();
      this.stats.backgroundClassifyMs += reply.timing?.classifyMs ?? 0;
      this.stats.backgroundTotalMs += reply.timing?.totalMs ?? 0;
      const rejected = new Set(reply.rejected.map((r) => r.index));
      refused += rejected.size;
      for (const r of reply.rejected)
        this.warn(`entry ${chunk[r.index]?.meta.id ?? r.index} not recorded: ${r.reason}`);
      const accepted = chunk.filter((_, j) => !rejected.has(j));
      const changed: Entry[] = [];
      accepted.forEach((entry, j) => {
        const v = reply.verdicts[j];
        if (!v || v.id !== entry.meta.id || !entry.paper.element.isConnected) return;
        if (!entry.verdict || !sameVerdict(entry.verdict, v)) changed.push(entry);
        this.applyVerdict(entry, v);
      });
      this.queueDraw(changed);
      this.applyFilter();
      this.step(t3);
    }
    return refused;
  }

  /** The end of a scan: stats, the background told (visit and all), filter and anchors applied. */
  private finishScan(url: string, visit?: { entries: number; rejected: number; warnings: string[] }): void {
    const t2 = performance.now();
    this.stats.annotatedAt = t2;
    this.stats.entries = this.entries.length;
    this.statsReported = false;
    // The background may write now (while it handles this message it cannot be stopped as idle).
    void this.api
      .pageDone(visit ? { visit: { url, adapter: this.adapter as string, ...visit } } : {})
      .catch(() => undefined);
    this.applyFilter();
    this.revealHashTarget();
    this.step(t2);
    // The tools near the viewport are drawn once the observer has reported them (after the next layout).
    setTimeout(() => this.reportStats(), 0);
  }

  /**
   * The first load of a long listing, read as the parser builds it: entries are annotated while the page is
   * still loading, so that by DOMContentLoaded little is left. Returns false when this page cannot be read so.
   */
  private async loadProgressively(url: string): Promise<boolean> {
    const adapter = findAdapter(url);
    if (!adapter?.readProgressively || this.doc.readyState !== 'loading' || !this.prefetched) return false;
    const reader = adapter.readProgressively(this.doc, new URL(url));
    this.url = url;
    this.adapter = adapter.id;
    const state = await this.prefetched.state;
    this.prefetched = undefined;
    if (this.stopped) return true;
    if (isError(state)) {
      this.warn(`no page state: ${state?.error ?? 'no reply'}`);
      return true;
    }
    this.applyState(state);
    if (!this.siteOn) return true;
    const records: Promise<number>[] = [];
    // Reads the entries the parser has finished, in bites, for one slice of time (a parser chunk can finish a
    // thousand entries at once), and sends them. Says whether it found any.
    const readSlice = (done: boolean): boolean => {
      const t = performance.now();
      const fresh: Entry[] = [];
      do {
        const papers = reader.next(done, PUMP_BITE);
        if (!papers.length) break;
        for (const p of papers) fresh.push(this.adopt(p));
      } while (performance.now() - t < SLICE_MS);
      this.stats.extractMs += performance.now() - t;
      if (fresh.length) {
        this.entries.push(...fresh);
        records.push(this.record(fresh, url));
      }
      this.step(t);
      return fresh.length > 0;
    };
    // While the page loads, a timer: it runs between the parser's chunks and costs the parser nothing (a
    // MutationObserver on the document would queue a record for every node inserted: +100 ms of parsing on the
    // 2,000-entry page).
    this.guard(() => readSlice(false));
    const ticker = setInterval(() => this.guard(() => readSlice(false)), PUMP_MS);
    if (this.doc.readyState === 'loading') {
      await new Promise<void>((resolve) =>
        this.doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
      );
    }
    clearInterval(ticker);
    if (this.stopped) return true;
    // What is left, a slice a task.
    while (readSlice(true)) {
      await yieldToPage();
      if (this.stopped) return true;
    }
    const { papers, warnings } = reader.finish();
    for (const w of warnings) this.warn(w);
    if (this.entries.length) this.ensureBar();
    const rejected = (await Promise.all(records)).reduce((a, b) => a + b, 0);
    if (this.stopped) return true;
    this.finishScan(url, { entries: papers.length, rejected, warnings });
    return true;
  }

  /** Ends a synchronous step of ours that began at `t0`, for the stats. */
  private step(t0: number): void {
    this.stats.longestStepMs = Math.max(this.stats.longestStepMs, performance.now() - t0);
  }

  /** Removes our traces from an entry that left the page (or whose element now shows another paper). */
  private forget(entry: Entry): void {
    this.nearObserver?.unobserve(entry.paper.element);
    entry.host?.remove();
    const el = entry.paper.element;
    if (this.byElement.get(el) === entry) this.byElement.delete(el);
    for (const a of Object.values(ATTR)) el.removeAttribute(a);
    if (this.focused === entry) this.focused = undefined;
    if (this.revealed === entry) this.revealed = undefined;
  }

  private clearPage(): void {
    for (const e of this.entries) this.forget(e);
    this.entries = [];
    this.drawQueue = [];
    if (this.barHost) {
      render(null, this.barHost.shadowRoot as ShadowRoot);
      this.barHost.remove();
      this.barHost = undefined;
    }
    this.pageSheet?.remove();
    this.pageSheet = undefined;
    this.badge(0);
  }

  /** The toolbar badge's count, sent only when it changes. */
  private badge(count: number): void {
    if (count === this.lastBadge) return;
    this.lastBadge = count;
    void this.api.setBadge({ count }).catch(() => undefined);
  }

  private applyState(state: PageStateReply): void {
    this.siteOn = state.enabled;
    this.topics = state.topics;
    this.enabled = new Set(state.topics.map((t) => t.id));
    this.lists = state.lists;
    this.filter = parseFilter(state.filter);
    this.terms = textTerms(this.filter.text);
    this.installPageCss();
  }

  private installPageCss(): void {
    this.pageSheet?.remove();
    const css = pageCss(this.topics);
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
      this.pageSheet = {
        remove: () => {
          this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== sheet);
        },
      };
    } catch {
      const style = this.doc.createElement('style');
      style.textContent = css;
      (this.doc.head ?? this.doc.documentElement).append(style);
      this.pageSheet = { remove: () => style.remove() };
    }
  }

  private applyVerdict(entry: Entry, v: PaperVerdict): void {
    entry.verdict = v;
    const el = entry.paper.element;
    this.applyLabels(entry, v.labels, v.scores);
    this.setFlag(el, ATTR.saved, v.saved);
    this.setFlag(el, ATTR.dismissed, v.dismissed);
    this.setFlag(el, ATTR.seen, v.seenBefore);
  }

  /** The topics attribute and the highlight (the strongest enabled label). */
  private applyLabels(entry: Entry, labels: readonly string[], scores: Record<string, number>): void {
    const el = entry.paper.element;
    const topics = labels.join(' ');
    if (el.getAttribute(ATTR.topics) !== topics) el.setAttribute(ATTR.topics, topics);
    const match = this.shownLabels({ labels, scores })[0];
    if (!match) el.removeAttribute(ATTR.match);
    else if (el.getAttribute(ATTR.match) !== match) el.setAttribute(ATTR.match, match);
  }

  private fetchState(url: string): Promise<PageStateReply | ErrorReply> {
    return this.api.pageState({ url }).catch((e: unknown) => ({ error: String(e) }));
  }

  private setFlag(el: Element, attr: string, on: boolean): void {
    if (on) el.setAttribute(attr, 'true');
    else el.removeAttribute(attr);
  }

  /** The verdict's labels among enabled topics, strongest first. */
  private shownLabels(v: { labels: readonly string[]; scores: Record<string, number> }): string[] {
    return v.labels
      .filter((l) => this.enabled.has(l))
      .sort((a, b) => (v.scores[b] ?? 0) - (v.scores[a] ?? 0));
  }

  // ---- drawing the tools -------------------------------------------------------------------------------------

  /**
   * Tools are drawn for entries near the viewport only (and then as the user scrolls), in slices so that no
   * task is long: a 2,000-entry listing costs what its first screens cost. Where IntersectionObserver is missing,
   * everything is queued.
   */
  private queueDraw(entries: Entry[]): void {
    const Observer = this.doc.defaultView?.IntersectionObserver;
    if (!Observer) {
      this.drawQueue.push(...entries);
      this.scheduleDraw();
      return;
    }
    this.nearObserver ??= new Observer(
      (records) =>
        this.guard(() => {
          for (const r of records) {
            if (!r.isIntersecting) continue;
            this.nearObserver?.unobserve(r.target);
            const e = this.byElement.get(r.target);
            if (e) this.drawQueue.push(e);
          }
          this.scheduleDraw();
        }),
      { rootMargin: '1500px 0px' },
    );
    for (const e of entries) this.nearObserver.observe(e.paper.element);
  }

  private scheduleDraw(): void {
    if (this.drawScheduled || this.stopped) return;
    this.drawScheduled = true;
    const run = () => {
      this.drawScheduled = false;
      this.guard(() => this.drawSlice());
    };
    // Drawn when the page is idle (soon: at most 50 ms later), never in the middle of the page's own work.
    const win = this.doc.defaultView;
    if (win?.requestIdleCallback) win.requestIdleCallback(run, { timeout: 50 });
    else setTimeout(run, 0);
  }

  private drawSlice(): void {
    const t0 = performance.now();
    while (this.drawQueue.length && performance.now() - t0 < SLICE_MS) {
      const e = this.drawQueue.shift() as Entry;
      if (e.paper.element.isConnected && this.byElement.get(e.paper.element) === e) this.draw(e);
    }
    this.step(t0);
    if (this.drawQueue.length) this.scheduleDraw();
    else {
      this.reportStats();
    }
  }

  /** Once per scan, when its entries are annotated and the tools near the viewport drawn. */
  private reportStats(): void {
    if (this.statsReported || !this.stats.annotatedAt || this.drawQueue.length || this.drawScheduled) return;
    this.statsReported = true;
    this.stats.drawnAt = performance.now();
    this.options.onStats?.({ ...this.stats });
  }

  private draw(entry: Entry): void {
    const v = entry.verdict;
    if (!v || !this.adapter) return;
    if (!entry.host?.isConnected) {
      const el = entry.paper.element;
      // A host left by an earlier run of the script (re-injection) is reused, never duplicated.
      let host = el.querySelector(`:scope ${ENTRY_TAG}`) as HTMLElement | null;
      if (!host) {
        const slot = adapterById(this.adapter)?.slot(el) ?? { parent: el, placement: 'inline' };
        host = this.doc.createElement(ENTRY_TAG);
        host.setAttribute('data-placement', slot.placement);
        slot.parent.append(host);
      }
      if (!host.shadowRoot) this.installStyle(host.attachShadow({ mode: 'open' }));
      entry.host = host;
    }
    const topicsById = new Map(this.topics.map((t) => [t.id, t]));
    render(
      h(EntryTools, {
        topics: this.shownLabels(v).map((id) => ({
          topic: topicsById.get(id) as PageTopic,
          score: v.scores[id] ?? 0,
          evidence: v.evidence[id] ?? [],
        })),
        saved: v.saved,
        dismissed: v.dismissed,
        seen: v.seenBefore,
        busy: entry.busy,
        ...(entry.meta.pdfUrl ? { pdfUrl: entry.meta.pdfUrl } : {}),
        lists: this.lists,
        markable: this.topics.map((t) => ({ topic: t, mark: v.marks[t.id] })),
        menuOpen: entry.menuOpen,
        onToggleSave: (listId?: string) => this.guard(() => this.toggleSave(entry, listId)),
        onToggleDismiss: () => this.guard(() => this.toggleDismiss(entry)),
        onMark: (topic: string, relevant: boolean | null) =>
          this.guard(() => this.mark(entry, topic, relevant)),
        onToggleMenu: () => {
          entry.menuOpen = !entry.menuOpen;
          this.draw(entry);
        },
      }),
      entry.host.shadowRoot as ShadowRoot,
    );
  }

  // ---- acting on a paper -------------------------------------------------------------------------------------

  private async act(entry: Entry, fn: (v: PaperVerdict) => Promise<void>): Promise<void> {
    const v = entry.verdict;
    if (!v || entry.busy) return;
    entry.busy = true;
    this.draw(entry);
    try {
      await fn(v);
    } catch (e) {
      this.warn(`request failed: ${String(e)}`);
    }
    entry.busy = false;
    if (entry.verdict) this.applyVerdict(entry, entry.verdict);
    this.draw(entry);
    this.applyFilter();
  }

  private toggleSave(entry: Entry, listId?: string): Promise<void> {
    return this.act(entry, async (v) => {
      // Choosing a list saves into it (also when already saved elsewhere); the toggle itself flips.
      const saved = listId ? true : !v.saved;
      const r = await this.api.setSaved({ paper: entry.meta, saved, ...(listId ? { listId } : {}) });
      if (isError(r)) this.warn(`save failed: ${r?.error ?? 'no reply'}`);
      else v.saved = r.saved;
      if (listId) entry.menuOpen = false;
    });
  }

  private toggleDismiss(entry: Entry): Promise<void> {
    return this.act(entry, async (v) => {
      const r = await this.api.setDismissed({ paper: entry.meta, dismissed: !v.dismissed });
      if (isError(r)) this.warn(`dismiss failed: ${r?.error ?? 'no reply'}`);
      else v.dismissed = r.dismissed;
    });
  }

  private mark(entry: Entry, topic: string, relevant: boolean | null): Promise<void> {
    return this.act(entry, async () => {
      const r = await this.api.setMark({ paper: entry.meta, topic, relevant });
      if (isError(r)) this.warn(`mark failed: ${r?.error ?? 'no reply'}`);
      else if (entry.verdict) entry.verdict = { ...entry.verdict, ...r };
    });
  }

  // ---- the filter bar ----------------------------------------------------------------------------------------

  private ensureBar(): void {
    if (this.barHost?.isConnected) return;
    const host = this.doc.createElement(BAR_TAG);
    host.setAttribute('data-placement', 'bar');
    this.installStyle(host.attachShadow({ mode: 'open' }));
    (this.doc.body ?? this.doc.documentElement).append(host);
    this.barHost = host;
  }

  private setFilter(next: FilterState): void {
    this.filter = next;
    this.terms = textTerms(next.text);
    this.applyFilter();
    clearTimeout(this.filterTimer);
    const url = this.url;
    this.filterTimer = setTimeout(() => {
      void this.api.setFilter({ url, filter: next }).catch(() => undefined);
    }, 300);
  }

  /** Recomputes every entry's visibility, the bar's counts and the toolbar badge. */
  private applyFilter(): void {
    for (const e of this.entries) {
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
        this.enabled,
        this.terms,
      );
      if (e === this.revealed && view === 'hide') view = 'show';
      if (view !== e.view) {
        e.view = view;
        if (view === 'show') e.paper.element.removeAttribute(ATTR.view);
        else e.paper.element.setAttribute(ATTR.view, view);
      }
    }
    this.refreshBar();
  }

  private refreshBar(): void {
    const root = this.barHost?.shadowRoot;
    const classified = this.entries.filter((e) => e.verdict);
    const { perTopic, matching } = topicCounts(
      classified.map((e) => ({ labels: e.verdict?.labels ?? [] })),
      this.enabled,
    );
    this.badge(matching);
    if (!root) return;
    render(
      h(
        'div',
        { class: 'flex flex-col items-end gap-2' },
        this.helpOpen ? h(KeyHelp, { keys: KEYMAP, onClose: () => this.toggleHelp(false) }) : null,
        h(FilterBar, {
          topics: this.topics.map((t) => ({ topic: t, count: perTopic.get(t.id) ?? 0 })),
          total: this.entries.length,
          matching,
          visible: classified.filter((e) => e.view !== 'hide').length,
          fresh: classified.filter((e) => !e.verdict?.seenBefore).length,
          filter: this.filter,
          collapsed: this.barCollapsed,
          onChange: (f: FilterState) => this.guard(() => this.setFilter(f)),
          onToggleCollapsed: () => {
            this.barCollapsed = !this.barCollapsed;
            this.refreshBar();
          },
          onHelp: () => this.toggleHelp(!this.helpOpen),
          textRef: (el: HTMLInputElement | null) => {
            this.textInput = el;
          },
        }),
      ),
      root,
    );
  }

  private toggleHelp(open: boolean): void {
    this.helpOpen = open;
    this.refreshBar();
  }

  // ---- keyboard, anchors, mutations --------------------------------------------------------------------------

  private visibleEntries(): Entry[] {
    return this.entries.filter((e) => e.verdict && e.view !== 'hide');
  }

  private handleKey(e: KeyboardEvent): void {
    if (!this.adapter || !this.entries.length || e.defaultPrevented) return;
    const origin = e.composedPath()[0] ?? e.target;
    const action = keyAction({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      target: e.target,
      origin,
    });
    if (!action) return;
    if (action === 'close') {
      // Only our own field and our own help; the page's fields keep their Escape.
      if (origin === this.textInput) this.textInput?.blur();
      else if (this.helpOpen) this.toggleHelp(false);
      else return;
      e.preventDefault();
      return;
    }
    e.preventDefault();
    switch (action) {
      case 'next':
      case 'prev':
        this.moveFocus(action === 'next' ? 1 : -1);
        return;
      case 'save':
        if (this.focused) void this.toggleSave(this.focused);
        return;
      case 'dismiss':
        if (this.focused) void this.toggleDismiss(this.focused);
        return;
      case 'open': {
        const m = this.focused?.meta;
        if (m) this.doc.defaultView?.open(m.pdfUrl ?? m.url, '_blank', 'noopener');
        return;
      }
      case 'search':
        if (this.barCollapsed) {
          this.barCollapsed = false;
          this.refreshBar();
        }
        this.textInput?.focus();
        return;
      case 'help':
        this.toggleHelp(!this.helpOpen);
        return;
    }
  }

  private moveFocus(step: 1 | -1): void {
    const visible = this.visibleEntries();
    if (!visible.length) return;
    const at = this.focused ? visible.indexOf(this.focused) : -1;
    let next: number;
    if (at < 0) {
      // From nothing (or a now hidden entry): the first visible entry in the viewport, or the first one.
      const vh = this.doc.defaultView?.innerHeight ?? 800;
      const inView = visible.findIndex((e) => e.paper.element.getBoundingClientRect().bottom > 0);
      next = step === 1 ? Math.max(0, inView) : Math.max(0, inView - 1);
      if (inView >= 0 && visible[inView] && visible[inView].paper.element.getBoundingClientRect().top > vh)
        next = 0;
    } else {
      next = Math.min(visible.length - 1, Math.max(0, at + step));
    }
    const target = visible[next];
    if (!target) return;
    this.focused?.paper.element.removeAttribute(ATTR.focus);
    this.focused = target;
    target.paper.element.setAttribute(ATTR.focus, 'true');
    target.paper.element.scrollIntoView({ block: 'nearest' });
  }

  /** An anchor (`#item123`) that points into a hidden entry shows that entry, whatever the filter. */
  private revealHashTarget(): void {
    const hash = this.doc.defaultView?.location.hash.slice(1);
    if (!hash) return;
    let id = hash;
    try {
      id = decodeURIComponent(hash);
    } catch {
      // Use the raw hash.
    }
    const target = this.doc.getElementById(id) ?? this.doc.getElementsByName(id)[0];
    if (!target) return;
    const entry = this.entries.find((e) => e.paper.element === target || e.paper.element.contains(target));
    if (!entry || entry === this.revealed) return;
    this.revealed = entry;
    this.applyFilter();
    target.scrollIntoView();
  }

  private isOurs(node: Node): boolean {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return !!el?.closest(`${ENTRY_TAG}, ${BAR_TAG}`);
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.stopped) return;
    const urlChanged = this.currentUrl() !== this.url;
    let relevant = urlChanged;
    if (!relevant) {
      const adapter = adapterById(this.adapter);
      const dynamic = adapter?.dynamic ?? false;
      const selector = adapter?.entry ?? 'dt, article, li';
      for (const r of records) {
        if (this.isOurs(r.target)) continue;
        const nodes = [...r.addedNodes, ...r.removedNodes].filter((n) => n.nodeType === 1 && !this.isOurs(n));
        if (!nodes.length) continue;
        // Single-page apps re-render anything; elsewhere only new entries matter (MathJax rewrites titles).
        if (
          dynamic ||
          nodes.some((n) => (n as Element).matches(selector) || !!(n as Element).querySelector(selector))
        ) {
          relevant = true;
          break;
        }
      }
    }
    if (!relevant) return;
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => this.guard(() => this.scan()), urlChanged ? 50 : 150);
  }
}
