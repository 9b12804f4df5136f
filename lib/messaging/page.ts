import * as v from 'valibot';
import { httpUrl, jsonValue, LIMITS, localId, PaperMetaSchema, paperId, text, visitFields } from '../shapes';
import type { MarkedPaper } from './library';
import type { ErrorReply } from './protocol';

// Messages of the content script (the listing page) to the background.

export const MAX_PAPERS_PER_PAGE = 5000;

/** Envelope of `pageSeen`: the papers are checked one by one so that one odd entry does not lose the page. */
export const PageSeenSchema = v.object({
  url: httpUrl,
  adapter: text(LIMITS.adapter),
  /** When the visit began (ms since epoch): papers first seen before it were seen on an earlier visit. */
  visitStartedAt: v.pipe(v.number(), v.finite()),
  papers: v.pipe(v.array(v.unknown()), v.maxLength(MAX_PAPERS_PER_PAGE)),
});

/**
 * The page has sent all its entries: the background writes their records now. With `visit` (a page load or a
 * single-page-app navigation, also one that found nothing), the visit is recorded for the options page's site
 * health.
 */
export const PageDoneSchema = v.object({
  visit: v.optional(v.object(visitFields)),
});

/**
 * Entries the user had on screen long enough to read them (see lib/page/viewed.ts): from now on they are "seen"
 * (on the next visit, and on any site).
 */
export const PageViewedSchema = v.object({
  ids: v.pipe(v.array(paperId), v.minLength(1), v.maxLength(MAX_PAPERS_PER_PAGE)),
});

/** Save (to the default list, or to `listId`) or unsave (from every list). */
export const SetSavedSchema = v.object({
  paper: PaperMetaSchema,
  saved: v.boolean(),
  listId: v.optional(localId),
});

/** "Not interested": hides the paper (if the filter says so) and marks it not relevant for the topics it got. */
export const SetDismissedSchema = v.object({ paper: PaperMetaSchema, dismissed: v.boolean() });

/** A relevance mark for one topic: true relevant, false not relevant, null removes the mark. */
export const SetMarkSchema = v.object({
  paper: PaperMetaSchema,
  topic: localId,
  relevant: v.nullable(v.boolean()),
});

/** What the page needs before it can draw: whether the site is on, the topics, the lists, the bar's last choice. */
export const PageStateSchema = v.object({ url: httpUrl });

/** The filter bar's choice for the page's site (opaque to the background, bounded). */
export const SetFilterSchema = v.object({
  url: httpUrl,
  filter: jsonValue(LIMITS.filter),
});

/** Number of matching entries in the tab, for the toolbar icon's badge. */
export const SetBadgeSchema = v.object({ count: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export type PageSeenRequest = v.InferInput<typeof PageSeenSchema>;
export type SetSavedRequest = v.InferInput<typeof SetSavedSchema>;
export type SetDismissedRequest = v.InferInput<typeof SetDismissedSchema>;
export type SetMarkRequest = v.InferInput<typeof SetMarkSchema>;
export type PageStateRequest = v.InferInput<typeof PageStateSchema>;
export type SetFilterRequest = v.InferInput<typeof SetFilterSchema>;
export type SetBadgeRequest = v.InferInput<typeof SetBadgeSchema>;
export type PageDoneRequest = v.InferInput<typeof PageDoneSchema>;
export type PageViewedRequest = v.InferInput<typeof PageViewedSchema>;

/** The user's state of one paper, as `pageSeen` reports it. */
export interface PaperFlags {
  saved: boolean;
  dismissed: boolean;
  /** On screen long enough to be read on an earlier visit (on any site) before this page. */
  seenBefore: boolean;
  /** The user's relevance marks on this paper, by topic. */
  marks: Record<string, boolean>;
}

/** What the background knows of one paper of the page. */
export interface PaperVerdict extends PaperFlags {
  /** The id the page sent. */
  id: string;
  /**
   * The id of the paper's record in the library: `id`, unless the paper is stored under another of its ids (seen
   * first on another site, lib/db/identity.ts). The page's later actions may name it by either.
   */
  recordId: string;
  labels: string[];
  scores: Record<string, number>;
  evidence: Record<string, string[]>;
  /** What the model read (the record may hold an abstract another site showed). */
  textKind?: 'title' | 'snippet' | 'abstract';
  /** Topics the model is not sure of: in `labels`, uncertain labels; not in them, possible ones. */
  uncertain?: string[];
}

export interface PageSeenReply {
  /** One per accepted paper, in the order sent; rejected papers are left out and listed in `rejected`. */
  verdicts: PaperVerdict[];
  rejected: { index: number; reason: string }[];
  /** What the request cost in the background (ms): classification alone, and in all (validation, storage). */
  timing: { classifyMs: number; totalMs: number };
}

export interface SetSavedReply {
  saved: boolean;
}

export interface SetDismissedReply {
  dismissed: boolean;
}

/** The paper's classification and marks after the mark (the topic's model has been updated). */
export type SetMarkReply = MarkedPaper;

/** A topic as the page shows it. */
export interface PageTopic {
  id: string;
  name: string;
  short: string;
  color: string;
}

export interface PageStateReply {
  /** The user turned PaperSift off for this site. */
  enabled: boolean;
  /** Enabled topics in display order (built-in, then the user's), with their colours. */
  topics: PageTopic[];
  /** Reading lists, the default first. */
  lists: { id: string; name: string }[];
  /** The filter bar's last choice on this site (undefined: none yet). */
  filter: unknown;
}

export interface OkReply {
  ok: true;
}

export interface PageProtocol {
  pageSeen(data: PageSeenRequest): PageSeenReply | ErrorReply;
  setSaved(data: SetSavedRequest): SetSavedReply | ErrorReply;
  setDismissed(data: SetDismissedRequest): SetDismissedReply | ErrorReply;
  setMark(data: SetMarkRequest): SetMarkReply | ErrorReply;
  pageState(data: PageStateRequest): PageStateReply | ErrorReply;
  setFilter(data: SetFilterRequest): OkReply | ErrorReply;
  setBadge(data: SetBadgeRequest): OkReply | ErrorReply;
  pageDone(data: PageDoneRequest): OkReply | ErrorReply;
  pageViewed(data: PageViewedRequest): OkReply | ErrorReply;
}
