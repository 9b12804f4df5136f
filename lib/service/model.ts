import type { TopicClassifier } from '../classify/types';
import type { UserTopicsState } from '../classify/user-state';
import { classifyPapers } from '../db/papers';
import type { PaperSiftDb } from '../db/schema';
import { loadTopicState, setMark, type TopicState } from '../db/topics';
import type { MarkedPaper } from '../messaging/library';

// The topic model as the user has shaped it, kept by the background, and what changes it at once (a mark).

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
 * A value read once and kept until something it is made from changes. A failed read is not kept (the next request
 * tries again), and a read that fails late does not drop a newer one.
 */
export class Cached<T> {
  private value: Promise<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.value) return this.value;
    const value = this.load();
    this.value = value;
    value.catch(() => {
      if (this.value === value) this.value = undefined;
    });
    return value;
  }

  /** Something it is made from changed: read again on next use. */
  invalidate(): void {
    this.value = undefined;
  }
}

/**
 * The topic model as the user has shaped it (enabled topics, their own topics, their marks), rebuilt from the
 * database when something changed (a mark, a topic, a setting). Building is cheap (a few ms); reading the state is
 * one transaction.
 */
export class ModelCache extends Cached<CurrentModel> {
  constructor(db: PaperSiftDb, build: (state: UserTopicsState) => TopicClassifier) {
    super(() =>
      loadTopicState(db).then((state) => {
        const userState = userTopicsState(state);
        return { state, userState, classifier: build(userState) };
      }),
    );
  }
}

/**
 * A relevance mark (null removes it), from a page or the options page alike: stored, the model rebuilt at once, and
 * the paper classified again with it (the user's mark on it decides its label): its stored topics follow.
 */
export async function markPaper(
  db: PaperSiftDb,
  models: ModelCache,
  req: { topicId: string; paperId: string; relevant: boolean | null },
  now: number,
): Promise<MarkedPaper> {
  const marks = await setMark(db, req.topicId, req.paperId, req.relevant, now);
  models.invalidate();
  const { classifier } = await models.get();
  const record = (await classifyPapers(db, [req.paperId], (p) => classifier.classify(p))).get(req.paperId);
  return {
    labels: record?.topics ?? [],
    scores: record?.scores ?? {},
    evidence: record?.evidence ?? {},
    marks,
  };
}
