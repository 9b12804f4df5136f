import * as v from 'valibot';
import type { TopicClassifier } from '../classify/types';
import { recordPapers, setSaved } from '../db/papers';
import type { PaperSiftDb } from '../db/schema';
import { recordVisit } from '../db/visits';
import { type PageSeenReply, PageSeenSchema, type SetSavedReply, SetSavedSchema } from '../messaging/page';
import { describeIssues, type ErrorReply, PaperMetaSchema } from '../messaging/protocol';
import type { PaperMeta } from '../paper';

/**
 * The background's work for listing pages, free of extension APIs: validates what content scripts send,
 * classifies, stores. The background entrypoint only routes messages here; tests drive it directly with a fake
 * IndexedDB.
 */
export class PageService {
  constructor(
    private readonly db: PaperSiftDb,
    /** Current classifier (a getter: the user's topics and marks may change it between pages). */
    private readonly classifier: () => TopicClassifier,
    private readonly now: () => number = Date.now,
  ) {}

  async pageSeen(raw: unknown): Promise<PageSeenReply | ErrorReply> {
    const req = v.safeParse(PageSeenSchema, raw);
    if (!req.success) return { error: `pageSeen: ${describeIssues(req.issues)}` };
    const accepted: PaperMeta[] = [];
    const rejected: PageSeenReply['rejected'] = [];
    req.output.papers.forEach((p, index) => {
      const paper = v.safeParse(PaperMetaSchema, p);
      if (paper.success) accepted.push(paper.output);
      else rejected.push({ index, reason: describeIssues(paper.issues) });
    });
    const model = this.classifier();
    const recorded = await recordPapers(
      this.db,
      accepted,
      (p) => model.classify(p),
      this.now(),
      req.output.visitStartedAt,
    );
    const { url, adapter, warnings } = req.output;
    await recordVisit(this.db, {
      at: this.now(),
      url,
      adapter,
      entries: accepted.length,
      rejected: rejected.length,
      warnings,
    });
    return {
      verdicts: recorded.map(({ record, saved, seenBefore }) => ({
        id: record.id,
        labels: record.topics,
        scores: record.scores,
        evidence: record.evidence,
        saved,
        seenBefore,
      })),
      rejected,
    };
  }

  async setSaved(raw: unknown): Promise<SetSavedReply | ErrorReply> {
    const req = v.safeParse(SetSavedSchema, raw);
    if (!req.success) return { error: `setSaved: ${describeIssues(req.issues)}` };
    const model = this.classifier();
    const saved = await setSaved(
      this.db,
      req.output.paper,
      req.output.saved,
      (p) => model.classify(p),
      this.now(),
    );
    return { saved };
  }
}
