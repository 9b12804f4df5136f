import * as v from 'valibot';
import { readPapers } from '../db/lists';
import { mergeSighting } from '../db/papers';
import type { PaperRecord, PaperSiftDb, PaperUserRecord } from '../db/schema';
import { exportFileName, toBibtex } from '../library/export';
import type { LibraryItem } from '../library/items';
import { describeIssues } from '../messaging/protocol';
import {
  type ZoteroErrorReply,
  type ZoteroSaveReply,
  ZoteroSaveSchema,
  type ZoteroStatusReply,
} from '../messaging/zotero';
import type { PaperMeta } from '../paper';
import { type ZoteroClient, ZoteroError } from './client';
import { toZoteroItem, type ZoteroSource } from './item';

/** A paper to send: its record (a page's paper the library does not know: as if just seen) and the user's data. */
type Source = ZoteroSource & { paper: PaperRecord; user?: PaperUserRecord };

/** Items per `saveItems` request (one save session each). */
export const ZOTERO_BATCH = 100;

/**
 * The background's work for `zoteroSave` and `zoteroStatus`: validates the request, reads the papers (and the user's
 * tags and notes) from the database, sends them to Zotero in sessions of up to 100 items, and on any failure answers
 * with the reason and the same papers as BibTeX. Free of extension APIs (the client's fetch is injected).
 */
export class ZoteroService {
  constructor(
    private readonly db: PaperSiftDb,
    private readonly client: ZoteroClient,
    private readonly now: () => number = Date.now,
  ) {}

  async status(): Promise<ZoteroStatusReply> {
    try {
      const { version } = await this.client.ping();
      return { running: true, ...(version ? { version } : {}) };
    } catch {
      return { running: false };
    }
  }

  async save(raw: unknown): Promise<ZoteroSaveReply | ZoteroErrorReply> {
    const req = v.safeParse(ZoteroSaveSchema, raw);
    if (!req.success) return { error: `zoteroSave: ${describeIssues(req.issues)}`, kind: 'invalid' };
    const { paperIds = [], papers = [], uri } = req.output;
    const { sources, missing } = await this.sources(paperIds, papers);
    if (!sources.length)
      return { error: 'None of these papers is in the library any more.', kind: 'invalid' };
    let items = 0;
    let attachments = 0;
    try {
      for (let i = 0; i < sources.length; i += ZOTERO_BATCH) {
        const batch = sources.slice(i, i + ZOTERO_BATCH).map((s, j) => toZoteroItem(s, `ps${i + j}`));
        await this.client.saveItems(batch, uri);
        items += batch.length;
        attachments += batch.reduce((n, it) => n + it.attachments.length, 0);
      }
    } catch (err) {
      const e =
        err instanceof ZoteroError
          ? err
          : new ZoteroError('failed', `Sending to Zotero failed: ${String(err)}`);
      const rest = sources.slice(items);
      const sent = items ? ` (${items} of ${sources.length} were sent before this)` : '';
      return {
        error: `${e.message}${sent}`,
        kind: e.kind,
        ...(e.status ? { status: e.status } : {}),
        bibtex: toBibtex(rest.map((s) => asLibraryItem(s, this.now()))),
        fileName: exportFileName('zotero', 'bib', this.now()),
      };
    }
    return { ok: true, items, attachments, missing };
  }

  /** The papers in the order asked: known ones from the database (with the user's data), the page's copies else. */
  private async sources(
    ids: readonly string[],
    metas: readonly PaperMeta[],
  ): Promise<{ sources: Source[]; missing: string[] }> {
    const wanted = [...new Set([...ids, ...metas.map((m) => m.id)])];
    const known = new Map((await readPapers(this.db, wanted)).map((r) => [r.paper.id, r]));
    const byMeta = new Map(metas.map((m) => [m.id, m]));
    const sources: Source[] = [];
    const missing: string[] = [];
    for (const id of wanted) {
      const k = known.get(id);
      const meta = byMeta.get(id);
      if (k) sources.push(k.user ? { paper: k.paper, user: k.user } : { paper: k.paper });
      else if (meta)
        sources.push({
          paper: { ...mergeSighting(undefined, meta, this.now()), topics: [], scores: {}, evidence: {} },
        });
      else missing.push(id);
    }
    return { sources, missing };
  }
}

/** A paper as the BibTeX export takes it (not saved: no lists). */
function asLibraryItem(s: Source, now: number): LibraryItem {
  return { ...s, addedAt: {}, savedAt: now };
}
