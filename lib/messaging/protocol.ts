import * as v from 'valibot';
import { SITES } from '../paper';

// Everything a content script sends is untrusted (it runs beside the page and reads the page's text), so the
// background validates each message against these schemas before use. Bounds keep a hostile page from making the
// background store megabytes per paper.

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.url(),
  v.check((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL'),
);

export const PaperMetaSchema = v.object({
  id: v.pipe(
    v.string(),
    v.maxLength(200),
    v.regex(/^[a-z][a-z0-9]*:\S+$/, 'must be a canonical <scheme>:<id>'),
  ),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
  authors: v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(5000)),
  abstract: v.optional(v.pipe(v.string(), v.maxLength(100_000))),
  url: httpUrl,
  pdfUrl: v.optional(httpUrl),
  categories: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(50)),
  site: v.picklist(SITES),
});

export const MAX_PAPERS_PER_PAGE = 5000;

/** Envelope of `pageSeen`: the papers are checked one by one so that one odd entry does not lose the page. */
export const PageSeenSchema = v.object({
  url: httpUrl,
  adapter: v.pipe(v.string(), v.maxLength(64)),
  /** When the visit began (ms since epoch): papers first seen before it were seen on an earlier visit. */
  visitStartedAt: v.pipe(v.number(), v.finite()),
  papers: v.pipe(v.array(v.unknown()), v.maxLength(MAX_PAPERS_PER_PAGE)),
  warnings: v.pipe(v.array(v.pipe(v.string(), v.maxLength(2000))), v.maxLength(1000)),
});

export const SetSavedSchema = v.object({
  paper: PaperMetaSchema,
  saved: v.boolean(),
});

export type PageSeenRequest = v.InferOutput<typeof PageSeenSchema>;
export type SetSavedRequest = v.InferOutput<typeof SetSavedSchema>;

/** What the background knows of one paper of the page. */
export interface PaperVerdict {
  id: string;
  labels: string[];
  scores: Record<string, number>;
  evidence: Record<string, string[]>;
  saved: boolean;
  /** Seen on an earlier visit (on any site) before this page. */
  seenBefore: boolean;
}

export interface PageSeenReply {
  /** One per accepted paper, in the order sent; rejected papers are left out and listed in `rejected`. */
  verdicts: PaperVerdict[];
  rejected: { index: number; reason: string }[];
}

export interface SetSavedReply {
  saved: boolean;
}

/** Failure of a request, returned instead of throwing across the message channel. */
export interface ErrorReply {
  error: string;
}

/** The one protocol between content scripts, popup and background. */
export interface ProtocolMap {
  pageSeen(data: PageSeenRequest): PageSeenReply | ErrorReply;
  setSaved(data: SetSavedRequest): SetSavedReply | ErrorReply;
}

/** Readable summary of a validation failure: first issue with its path. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid message';
  const path = v.getDotPath(first);
  return path ? `${path}: ${first.message}` : first.message;
}
