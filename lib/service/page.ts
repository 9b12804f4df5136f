import * as v from 'valibot';
import type { PaperText } from '../classify/types';
import { idsOf, mergeAll, sameByTitle, type Wanted, wanted } from '../db/identity';
import { listLists } from '../db/lists';
import { mergeRecords } from '../db/merge';
import {
  type Classify,
  ensurePaper,
  findPapers,
  markViewed,
  readUserFlags,
  setSaved,
  sightingRecord,
  writeRecords,
} from '../db/papers';
import type { PaperRecord, PaperSiftDb, VisitRecord } from '../db/schema';
import { getFilterBar, isSiteEnabled, putFilterBar } from '../db/settings';
import { setDismissed } from '../db/user';
import { recordVisit } from '../db/visits';
import {
  type OkReply,
  PageDoneSchema,
  type PageSeenReply,
  PageSeenSchema,
  type PageStateReply,
  PageStateSchema,
  type PageTopic,
  PageViewedSchema,
  type PaperVerdict,
  type SetDismissedReply,
  SetDismissedSchema,
  SetFilterSchema,
  type SetMarkReply,
  SetMarkSchema,
  type SetSavedReply,
  SetSavedSchema,
} from '../messaging/page';
import { describeIssues, type ErrorReply, PaperMetaSchema } from '../messaging/protocol';
import type { PaperMeta } from '../paper';
import { siteOfUrl } from '../sites/registry';
import { BUILTIN_TOPICS } from '../topics';
import { Cached, type ModelCache, markPaper } from './model';

export { ModelCache, userTopicsState } from './model';

const fail = (what: string, issues: readonly v.BaseIssue<unknown>[]): ErrorReply => ({
  error: `${what}: ${describeIssues(issues)}`,
});

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Records waiting to be written, found as the database finds them: by any of their ids, or their title key. */
class Pending {
  private records = new Map<string, PaperRecord>();
  private byId = new Map<string, PaperRecord>();
  private byKey = new Map<string, PaperRecord[]>();

  get size(): number {
    return this.records.size;
  }

  /** The records that are this paper: the stored ones (their waiting versions), and the waiting ones. */
  find(w: Wanted, stored: readonly PaperRecord[]): PaperRecord[] {
    const same = new Set(stored.map((r) => this.byId.get(r.id) ?? r));
    for (const id of w.ids) {
      const r = this.byId.get(id);
      if (r) same.add(r);
    }
    if (!same.size && w.key) for (const r of sameByTitle(this.byKey.get(w.key) ?? [], w.ids)) same.add(r);
    return [...same];
  }

  /** A record to write, in place of the waiting ones it was merged from. */
  put(record: PaperRecord, replaces: readonly PaperRecord[]): void {
    for (const r of replaces) this.records.delete(r.id);
    this.records.set(record.id, record);
    for (const id of idsOf(record)) this.byId.set(id, record);
    if (record.titleKey) {
      const others = (this.byKey.get(record.titleKey) ?? []).filter((r) => !replaces.includes(r));
      this.byKey.set(record.titleKey, [...others, record]);
    }
  }

  /** Every record waiting; none is left. */
  take(): PaperRecord[] {
    const out = [...this.records.values()];
    this.records = new Map();
    this.byId = new Map();
    this.byKey = new Map();
    return out;
  }
}

/**
 * The background's work for listing pages, free of extension APIs: validates what content scripts send,
 * classifies, stores. The background entrypoint only routes messages here; tests drive it directly with a fake
 * IndexedDB.
 */
/** Sightings wait this long for the page's next chunk before they are written (one transaction for all). */
const FLUSH_DELAY_MS = 300;
/** ... or until this many are waiting. */
const FLUSH_AT = 5000;

export class PageService {
  private pending = new Pending();
  private pendingVisits: Omit<VisitRecord, 'id' | 'site'>[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Saved, dismissed and marked papers, read once and kept until something changes them. */
  private readonly flags = new Cached(() => readUserFlags(this.db));
  private warmed = false;

  constructor(
    private readonly db: PaperSiftDb,
    private readonly models: ModelCache,
    private readonly now: () => number = Date.now,
    /** Texts the model runs on once, before the first page's entries (see `warmUp`). */
    private readonly warmUpPapers: readonly PaperText[] = [],
  ) {}

  async pageSeen(raw: unknown): Promise<PageSeenReply | ErrorReply> {
    const t0 = performance.now();
    const req = v.safeParse(PageSeenSchema, raw);
    if (!req.success) return fail('pageSeen', req.issues);
    const accepted: PaperMeta[] = [];
    const rejected: PageSeenReply['rejected'] = [];
    req.output.papers.forEach((p, index) => {
      const paper = v.safeParse(PaperMetaSchema, p);
      if (paper.success) accepted.push(paper.output);
      else rejected.push({ index, reason: describeIssues(paper.issues) });
    });
    const { classifier } = await this.models.get();
    const { visitStartedAt } = req.output;
    const now = this.now();
    // Read (never waiting on a write: writes are deferred), classify, answer; the records are written a moment
    // later, with those of the page's other chunks, in one transaction. The user's flags come from memory. Each
    // paper is the stored record that is the same paper (any of its ids, or its title key: lib/db/identity.ts).
    const want = accepted.map(wanted);
    const [stored, flags] = await Promise.all([findPapers(this.db, want), this.flags.get()]);
    let classifyMs = 0;
    const verdicts = accepted.map((meta, i): PaperVerdict => {
      const same = this.pending.find(want[i] as Wanted, stored[i] ?? []);
      const prev = mergeAll(same, mergeRecords);
      const t = performance.now();
      const record = sightingRecord(prev, meta, (p) => classifier.classify(p), now);
      classifyMs += performance.now() - t;
      this.pending.put(record, same);
      const ids = idsOf(record);
      return {
        id: meta.id,
        recordId: record.id,
        labels: record.topics,
        scores: record.scores,
        evidence: record.evidence,
        ...(record.textKind ? { textKind: record.textKind } : {}),
        ...(record.uncertain ? { uncertain: record.uncertain } : {}),
        saved: ids.some((id) => flags.saved.has(id)),
        dismissed: ids.some((id) => flags.dismissed.has(id)),
        seenBefore: (prev?.viewedAt ?? now) < visitStartedAt,
        marks: Object.assign({}, ...ids.map((id) => flags.marks.get(id))),
      };
    });
    this.scheduleFlush();
    return { verdicts, rejected, timing: { classifyMs, totalMs: performance.now() - t0 } };
  }

  /** Lists, dismissals or marks changed (here, or through the library's messages, or an import). */
  invalidateFlags(): void {
    this.flags.invalidate();
  }

  /** The page has sent everything: record its visit (if it is one) and write its papers now. */
  async pageDone(raw: unknown): Promise<OkReply | ErrorReply> {
    const req = v.safeParse(PageDoneSchema, raw);
    if (!req.success) return fail('pageDone', req.issues);
    if (req.output.visit) this.pendingVisits.push({ at: this.now(), ...req.output.visit });
    await this.flush();
    return { ok: true };
  }

  /** Entries the user had on screen long enough to read: seen from the next visit on. */
  async pageViewed(raw: unknown): Promise<OkReply | ErrorReply> {
    const req = v.safeParse(PageViewedSchema, raw);
    if (!req.success) return fail('pageViewed', req.issues);
    await this.flush();
    await markViewed(this.db, req.output.ids, this.now());
    return { ok: true };
  }

  /**
   * Writes the sightings and visits waiting since the last flush (each batch one transaction). Every other write
   * of the page's user flushes first, so that it finds the papers it acts on; tests flush to look at the tables.
   */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const records = this.pending.take();
    const visits = this.pendingVisits;
    this.pendingVisits = [];
    this.flushing = this.flushing
      .then(async () => {
        // Records found to be one paper were merged, their user rows moved: the flags are read again.
        if ((await writeRecords(this.db, records)).merged) this.invalidateFlags();
        for (const visit of visits) await recordVisit(this.db, visit);
      })
      .catch((e: unknown) => console.error('PaperSift: could not record the papers seen', e));
    return this.flushing;
  }

  private scheduleFlush(): void {
    if (this.pending.size >= FLUSH_AT) {
      void this.flush();
      return;
    }
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  async pageState(raw: unknown): Promise<PageStateReply | ErrorReply> {
    const req = v.safeParse(PageStateSchema, raw);
    if (!req.success) return fail('pageState', req.issues);
    const site = siteOfUrl(req.output.url);
    if (!site) return { error: 'pageState: not a page of a supported site' };
    const [{ state }, enabled, lists, filter] = await Promise.all([
      this.models.get(),
      isSiteEnabled(this.db, site),
      listLists(this.db),
      getFilterBar(this.db, site),
    ]);
    const topics: PageTopic[] = [];
    for (const b of state.builtin) {
      const info = BUILTIN_TOPICS.find((t) => t.id === b.id);
      if (b.enabled && info) topics.push({ id: b.id, name: info.name, short: info.short, color: b.color });
    }
    for (const t of state.userTopics) {
      if (t.enabled) topics.push({ id: t.id, name: t.name, short: t.short, color: t.color });
    }
    this.warmUp();
    return { enabled, topics, lists: lists.map((l) => ({ id: l.id, name: l.name })), filter };
  }

  /**
   * Once per worker, right after the first page state is answered (its page is still loading): the user's flags
   * are read and the model runs on a few texts, so that the page's first entries pay for neither.
   */
  private warmUp(): void {
    if (this.warmed || !this.warmUpPapers.length) return;
    this.warmed = true;
    setTimeout(() => {
      this.flags.get().catch(() => undefined);
      this.models
        .get()
        .then(({ classifier }) => {
          for (const p of this.warmUpPapers) classifier.classify(p);
        })
        .catch(() => undefined);
    }, 0);
  }

  /**
   * A user's action on a paper of the page, the same as from the popup or the options page (one lib/db function
   * serves both): validated, after the page's sightings are written (the paper is then stored), on the paper's
   * record whichever of its ids the page names it by. Afterwards the flags are read again.
   */
  private async act<S extends v.GenericSchema, R>(
    name: string,
    schema: S,
    raw: unknown,
    fn: (req: v.InferOutput<S>, classify: Classify, now: number) => Promise<R>,
  ): Promise<R | ErrorReply> {
    const req = v.safeParse(schema, raw);
    if (!req.success) return fail(name, req.issues);
    await this.flush();
    try {
      const { classifier } = await this.models.get();
      return await fn(req.output, (p) => classifier.classify(p), this.now());
    } catch (e) {
      return { error: `${name}: ${message(e)}` };
    } finally {
      this.invalidateFlags();
    }
  }

  /** Save (to the default list or `listId`) or unsave (from every list). */
  setSaved(raw: unknown): Promise<SetSavedReply | ErrorReply> {
    return this.act('setSaved', SetSavedSchema, raw, async (req, classify, now) => ({
      saved: await setSaved(this.db, req.paper, req.saved, classify, now, req.listId),
    }));
  }

  /** "Not interested": dismissed, and marked not relevant for the topics it got (lib/db `setDismissed`). */
  setDismissed(raw: unknown): Promise<SetDismissedReply | ErrorReply> {
    return this.act('setDismissed', SetDismissedSchema, raw, async (req, classify, now) => {
      const id = await ensurePaper(this.db, req.paper, classify, now);
      await setDismissed(this.db, id, req.dismissed, now);
      this.models.invalidate();
      return { dismissed: req.dismissed };
    });
  }

  /** A relevance mark: the topic's model is rebuilt at once and the paper re-classified with it. */
  setMark(raw: unknown): Promise<SetMarkReply | ErrorReply> {
    return this.act('setMark', SetMarkSchema, raw, async (req, classify, now) => {
      const paperId = await ensurePaper(this.db, req.paper, classify, now);
      return markPaper(this.db, this.models, { topicId: req.topic, paperId, relevant: req.relevant }, now);
    });
  }

  async setFilter(raw: unknown): Promise<OkReply | ErrorReply> {
    const req = v.safeParse(SetFilterSchema, raw);
    if (!req.success) return fail('setFilter', req.issues);
    const site = siteOfUrl(req.output.url);
    if (!site) return { error: 'setFilter: not a page of a supported site' };
    await putFilterBar(this.db, site, req.output.filter);
    return { ok: true };
  }
}
