// Everything a content script sends is untrusted (it runs beside the page and reads the page's text), so the
// background validates each message before use, against the shapes of lib/shapes.ts.

export { describeIssues, httpUrl, PaperMetaSchema } from '../shapes';

/** Failure of a request, returned instead of throwing across the message channel. */
export interface ErrorReply {
  error: string;
}
