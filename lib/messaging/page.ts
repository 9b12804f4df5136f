import * as v from 'valibot';
import { type ErrorReply, httpUrl, PaperMetaSchema } from './protocol';

// Messages of the content script (the listing page) to the background.

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

export interface PageProtocol {
  pageSeen(data: PageSeenRequest): PageSeenReply | ErrorReply;
  setSaved(data: SetSavedRequest): SetSavedReply | ErrorReply;
}
