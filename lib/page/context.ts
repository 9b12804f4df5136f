import type {
  PageDoneRequest,
  PageSeenReply,
  PageSeenRequest,
  PageStateReply,
  PageStateRequest,
  PageTopic,
  PageViewedRequest,
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
import type { ZoteroErrorReply, ZoteroSaveReply, ZoteroSaveRequest } from '../messaging/zotero';
import type { SiteAdapter } from '../sites/types';
import { styleInstaller } from './schedule';
import type { PageViews } from './views';

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
  pageViewed(req: PageViewedRequest): Promise<unknown>;
  zoteroSave(req: ZoteroSaveRequest): Promise<ZoteroSaveReply | ZoteroErrorReply>;
}

export interface ControllerOptions {
  /** The stylesheet of our shadow roots (Tailwind, compiled). */
  css: string;
  /** Renders the in-page views (components/) into our shadow roots. */
  views: PageViews;
  /** When this visit began; see PageSeenRequest. */
  visitStartedAt: number;
  /** Where warnings go (the console, in the extension). */
  warn?: (message: string) => void;
  /** Called when a scan's entries are all annotated and drawn: what it cost (for benchmarks and debugging). */
  onStats?: (stats: PageStats) => void;
  /** Called after each filter change (a keystroke, a bar action) with our time on the page thread, in ms. */
  onFilterTime?: (ms: number) => void;
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

export function isError<T extends object>(
  reply: T | ErrorReply | undefined,
): reply is ErrorReply | undefined {
  return reply === undefined || reply === null || 'error' in reply;
}

/**
 * What every part of PaperSift in the page shares: the document, the background, the page's state (its URL and
 * adapter, the topics and lists the background gave), the stats, and the rule that nothing throws into the page.
 */
export class PageContext {
  stopped = false;
  url = '';
  adapter: SiteAdapter | undefined;
  siteOn = true;
  topics: PageTopic[] = [];
  enabled = new Set<string>();
  lists: { id: string; name: string }[] = [];
  /** Forgets the mutations our own moves of the page's nodes caused (set by the mutation watcher). */
  discardMutations: () => void = () => undefined;
  readonly installStyle: (root: ShadowRoot) => void;
  readonly stats: PageStats = {
    entries: 0,
    extractMs: 0,
    longestStepMs: 0,
    annotatedAt: 0,
    drawnAt: 0,
    backgroundClassifyMs: 0,
    backgroundTotalMs: 0,
  };

  constructor(
    readonly doc: Document,
    readonly api: PageApi,
    readonly options: ControllerOptions,
  ) {
    this.installStyle = styleInstaller(options.css);
  }

  get win(): (Window & typeof globalThis) | null {
    return this.doc.defaultView as (Window & typeof globalThis) | null;
  }

  currentUrl(): string {
    return this.doc.defaultView?.location.href ?? this.doc.URL;
  }

  warn(message: string): void {
    this.options.warn?.(message);
  }

  /** Runs `fn`; whatever it throws or rejects with becomes a warning, never an exception in the page. */
  guard(fn: () => unknown): void {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((e: unknown) => this.warn(`unexpected: ${String(e)}`));
    } catch (e) {
      this.warn(`unexpected: ${String(e)}`);
    }
  }

  /** Ends a synchronous step of ours that began at `t0`, for the stats. */
  step(t0: number): void {
    this.stats.longestStepMs = Math.max(this.stats.longestStepMs, performance.now() - t0);
  }

  /** Topics the page state names, by id. */
  topic(id: string): PageTopic | undefined {
    return this.topics.find((t) => t.id === id);
  }
}
