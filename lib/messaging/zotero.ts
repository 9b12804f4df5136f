import * as v from 'valibot';
import { type ErrorReply, httpUrl, PaperMetaSchema } from './protocol';

// Messages to the background about Zotero (the popup's and options' buttons, and the page's "Send to Zotero"). The
// background does the HTTP: in MV3 only it holds the host permission for Zotero's connector server. Types and
// schemas only (content scripts import this).

/** Papers per save: the background sends them to Zotero in sessions of up to 100 items. */
export const MAX_ZOTERO_PAPERS = 10_000;

/**
 * Sends papers to the running Zotero app: by id (papers the database knows: the popup, a list) and/or as the page
 * shows them (`papers`, PaperMeta; the stored record and the user's tags and notes are used when the paper is
 * known). `uri`: the page they were sent from, for Zotero's record of the save.
 */
export const ZoteroSaveSchema = v.pipe(
  v.object({
    paperIds: v.optional(v.pipe(v.array(PaperMetaSchema.entries.id), v.maxLength(MAX_ZOTERO_PAPERS))),
    papers: v.optional(v.pipe(v.array(PaperMetaSchema), v.maxLength(1000))),
    uri: v.optional(httpUrl),
  }),
  v.check((r) => (r.paperIds?.length ?? 0) + (r.papers?.length ?? 0) > 0, 'no paper to send'),
);

export type ZoteroSaveRequest = v.InferInput<typeof ZoteroSaveSchema>;

export interface ZoteroSaveReply {
  ok: true;
  /** Items Zotero created, and PDF links attached to them. */
  items: number;
  attachments: number;
  /** Ids asked for that the database does not know (not sent). */
  missing: string[];
}

/**
 * Zotero could not take the papers. `kind`: not-running (nothing answered on 127.0.0.1:23119), refused (Zotero
 * answered no: read-only library, outdated protocol…), failed (Zotero answered an error), invalid (a bad request).
 * `bibtex` and `fileName`: the same papers as a BibTeX file for the user to download instead.
 */
export interface ZoteroErrorReply extends ErrorReply {
  kind: 'not-running' | 'refused' | 'failed' | 'invalid';
  status?: number;
  bibtex?: string;
  fileName?: string;
}

export interface ZoteroStatusReply {
  running: boolean;
  /** Zotero's version when it runs. */
  version?: string;
}

export interface ZoteroProtocol {
  zoteroSave(data: ZoteroSaveRequest): ZoteroSaveReply | ZoteroErrorReply;
  /** Pings Zotero (no data). */
  zoteroStatus(data: undefined): ZoteroStatusReply;
}
