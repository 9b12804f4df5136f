import * as v from 'valibot';
import { SITES } from '../sites/registry';

// Everything a content script sends is untrusted (it runs beside the page and reads the page's text), so the
// background validates each message against these schemas before use. Bounds keep a hostile page from making the
// background store megabytes per paper.

export const httpUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.url(),
  v.check((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL'),
);

export const paperId = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-z][a-z0-9]*:\S+$/, 'must be a canonical <scheme>:<id>'),
);

export const PaperMetaSchema = v.object({
  id: paperId,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
  authors: v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(5000)),
  abstract: v.optional(v.pipe(v.string(), v.maxLength(100_000))),
  url: httpUrl,
  pdfUrl: v.optional(httpUrl),
  categories: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(50)),
  site: v.picklist(SITES),
});

/** Failure of a request, returned instead of throwing across the message channel. */
export interface ErrorReply {
  error: string;
}

/** Readable summary of a validation failure: first issue with its path. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid message';
  const path = v.getDotPath(first);
  return path ? `${path}: ${first.message}` : first.message;
}
