import * as v from 'valibot';
import type { PaperText, TopicClassifier } from '../classify/types';
import type { UserTopicsState } from '../classify/user-topics';
import { listLists, setDismissed } from '../db/library';
import {
  markViewed,
  readUserFlags,
  setSaved,
  sightingRecord,
  type UserFlags,
  writeRecords,
} from '../db/papers';
import type { PaperRecord, PaperSiftDb, VisitRecord } from '../db/schema';
import { getFilterBar, isSiteEnabled, putFilterBar } from '../db/settings';
import { loadTopicState, removeMark, setMark, type TopicState } from '../db/topics';
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

/** The classifier's shape of the user's topics, marks and switches, from what the database keeps. */
export function userTopicsState(state: TopicState): UserTopicsState {
  return {
    topics: state.userTopics.map((t) => ({
      id: t.id,
      name: t.name,
      phrases: t.phrases,
      examples: t.examples,
      enabled: t.enabled,
    })),
    marks: state.marks.map((m) => ({
      topicId: m.topicId,
      paperId: m.paperId,
      relevant: m.relevant,
      at: m.at,
    })),
    papers: state.papers,
    disabled: state.builtin.filter((b) => !b.enabled).map((b) => b.id),
  };
}

export interface CurrentModel {
  state: TopicState;
  userState: UserTopicsState;
  classifier: TopicClassifier;
}

/**
 * The topic model as the user has shaped it (enabled topics, their own topics, their marks), rebuilt from the
 * database when something changed. Building is cheap (a few ms); reading the state is one transaction.
 */
export class ModelCache {
  private model: Promise<CurrentModel> | undefined;

  constructor(
    private readonly db: PaperSiftDb,
    private readonly build: (state: UserTopicsState) => TopicClassifier,
  ) {}

  get(): Promise<CurrentModel> {
    if (this.model) return this.model;
    const model = loadTopicState(this.db).then((state) => {
      const userState = userTopicsState(state);
      return { state, userState, classifier: this.build(userState) };
    });
    this.model = model;
    // A failed load is not cached: the next request tries again (unless a newer load already replaced it).
    model.catch(() => {
      if (this.model === model) this.model = undefined;
    });
    return model;
  }

  /** Something the model is built from changed (a mark, a topic, a setting): rebuild on next use. */
  invalidate(): void {
    this.model = undefined;
  }
}

const fail = (what: string, issues: readonly v.BaseIssue<unknown>[]): ErrorReply => ({
  error: `${what}: ${describeIssues(issues)}`,
});

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

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
  private pending = new Map<string, PaperRecord>();
  private pendingVisits: Omit<VisitRecord, 'id' | 'site'>[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private flags: Promise<UserFlags> | undefined;
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
    // later, with those of the page's other chunks, in one transaction. The user's flags come from memory.
    const [prevs, flags] = await Promise.all([
      this.db.papers.bulkGet(accepted.map((p) => p.id)),
      this.userFlags(),
    ]);
    let classifyMs = 0;
    const verdicts = accepted.map((meta, i) => {
      const prev = this.pending.get(meta.id) ?? prevs[i];
      const t = performance.now();
      const record = sightingRecord(prev, meta, (p) => classifier.classify(p), now);
      classifyMs += performance.now() - t;
      this.pending.set(meta.id, record);
      return {
        id: meta.id,
        labels: record.topics,
        scores: record.scores,
        evidence: record.evidence,
        saved: flags.saved.has(meta.id),
        dismissed: flags.dismissed.has(meta.id),
        seenBefore: (prev?.viewedAt ?? now) < visitStartedAt,
        marks: flags.marks.get(meta.id) ?? {},
      };
    });
    this.scheduleFlush();
    return { verdicts, rejected, timing: { classifyMs, totalMs: performance.now() - t0 } };
  }

  /** Saved, dismissed and marked papers, read once and kept until something changes them. */
  private userFlags(): Promise<UserFlags> {
    if (this.flags) return this.flags;
    const flags = readUserFlags(this.db);
    this.flags = flags;
    // As for the model: a failed read is not cached, and a late failure does not drop a newer read.
    flags.catch(() => {
      if (this.flags === flags) this.flags = undefined;
    });
    return flags;
  }

  /** Lists, dismissals or marks changed (here, or through the library's messages, or an import). */
  invalidateFlags(): void {
    this.flags = undefined;
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
    const records = [...this.pending.values()];
    const visits = this.pendingVisits;
    this.pending = new Map();
    this.pendingVisits = [];
    this.flushing = this.flushing
      .then(async () => {
        await writeRecords(this.db, records);
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
      this.userFlags().catch(() => undefined);
      this.models
        .get()
        .then(({ classifier }) => {
          for (const p of this.warmUpPapers) classifier.classify(p);
        })
        .catch(() => undefined);
    }, 0);
  }

  async setSaved(raw: unknown): Promise<SetSavedReply | ErrorReply> {
    const req = v.safeParse(SetSavedSchema, raw);
    if (!req.success) return fail('setSaved', req.issues);
    // The page's sightings first: the paper acted on is then in the database.
    await this.flush();
    const { classifier } = await this.models.get();
    try {
      const saved = await setSaved(
        this.db,
        req.output.paper,
        req.output.saved,
        (p) => classifier.classify(p),
        this.now(),
        req.output.listId,
      );
      return { saved };
    } catch (e) {
      return { error: `setSaved: ${message(e)}` };
    } finally {
      this.invalidateFlags();
    }
  }

  /**
   * "Not interested": the paper is dismissed and marked not relevant for the topics it was labelled with, so
   * the model learns from it; undoing removes the dismissal and those negative marks.
   */
  async setDismissed(raw: unknown): Promise<SetDismissedReply | ErrorReply> {
    const req = v.safeParse(SetDismissedSchema, raw);
    if (!req.success) return fail('setDismissed', req.issues);
    // The page's sightings first: the paper acted on is then in the database.
    await this.flush();
    const { paper, dismissed } = req.output;
    const now = this.now();
    try {
      await this.db.transaction(
        'rw',
        [this.db.papers, this.db.userData, this.db.marks, this.db.topics],
        async () => {
          const record = await this.db.papers.get(paper.id);
          if (!record) throw new Error(`unknown paper ${paper.id}`);
          await setDismissed(this.db, paper.id, dismissed, now);
          const existing = await this.db.marks.where('paperId').equals(paper.id).toArray();
          for (const topic of record.topics) {
            const mark = existing.find((m) => m.topicId === topic);
            if (dismissed && !mark) await setMark(this.db, topic, paper.id, false, now);
            if (!dismissed && mark && !mark.relevant) await removeMark(this.db, topic, paper.id);
          }
        },
      );
    } catch (e) {
      return { error: `setDismissed: ${message(e)}` };
    }
    this.models.invalidate();
    this.invalidateFlags();
    return { dismissed };
  }

  /** A relevance mark: the topic's model is rebuilt at once and the paper re-classified with it. */
  async setMark(raw: unknown): Promise<SetMarkReply | ErrorReply> {
    const req = v.safeParse(SetMarkSchema, raw);
    if (!req.success) return fail('setMark', req.issues);
    // The page's sightings first: the paper acted on is then in the database.
    await this.flush();
    const { paper, topic, relevant } = req.output;
    try {
      if (relevant === null) await removeMark(this.db, topic, paper.id);
      else await setMark(this.db, topic, paper.id, relevant, this.now());
    } catch (e) {
      return { error: `setMark: ${message(e)}` };
    } finally {
      this.invalidateFlags();
    }
    this.models.invalidate();
    const { classifier } = await this.models.get();
    return this.db.transaction('rw', this.db.papers, this.db.marks, async () => {
      const record = await this.db.papers.get(paper.id);
      const text = record ?? paper;
      // With its id: the user's mark on this paper decides its label.
      const c = classifier.classify({
        id: paper.id,
        title: text.title,
        ...(text.abstract ? { abstract: text.abstract } : {}),
      });
      if (record)
        await this.db.papers.put({ ...record, topics: c.labels, scores: c.scores, evidence: c.evidence });
      const marks: Record<string, boolean> = {};
      for (const m of await this.db.marks.where('paperId').equals(paper.id).toArray())
        marks[m.topicId] = m.relevant;
      return { labels: c.labels, scores: c.scores, evidence: c.evidence, marks };
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
