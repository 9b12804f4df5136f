/**
 * PaperSift's topic model: public API. Pure TypeScript (no Node, no extension API): runs in the background
 * service worker and in Node CLIs alike. Design, figures and commands: lib/classify/README.md.
 *
 * Classifying
 *   const classifier = createClassifier();            // built-in topics only
 *   const c = classifier.classify({ title, abstract }); // abstract optional, whole or a fragment
 *   c.kind      // 'title' | 'snippet' | 'abstract': what the paper's text was (textKindOf below); the built-in
 *               // topics are scored with that kind's weights (a snippet: full and title models blended) and
 *               // calibration
 *   c.labels    // topic ids whose score >= threshold, in topic order: per built-in topic and text kind, the
 *               // model's F1-optimal threshold (0.15-0.7), 0.5 for user topics, unless `thresholds` says otherwise
 *   c.scores    // { [topicId]: score in [0, 1] } for every enabled topic; for built-in topics a calibrated
 *               // probability: of papers scored 0.8, about 80 % are on the topic
 *   c.uncertain // topic ids decided with < 80 % confidence: labels scored < 0.8, and topics left out scored
 *               // >= 0.2; in `labels` too: an uncertain label (show it differently); else a possible one
 *   c.evidence  // { [label]: ["graph neural networks", "GNN", ...] } text spans of the paper, strongest first
 *   classifier.topics / classifier.info   // enabled topic ids / {id, name, description?, builtin}
 * Pass `id` in the paper (e.g. "arxiv:2401.01234") to let the user's marks on that paper decide its labels
 * (score 1 or 0, never uncertain).
 *
 * Text kinds, decided by what the entry carries, not by the site it came from:
 *   textKindOf({ title, abstract })   // 'title': no abstract or a blank one; 'snippet': under 400 characters,
 *                                     // or under 700 ending in "…" / "..."; 'abstract': otherwise
 *   TEXT_KIND_NOTE[c.kind]            // "from the title only", ... for the "why"
 *
 * The user's topics and marks: a plain-JSON state (`UserTopicsState`); the extension builds it from its database
 * records (lib/service/page.ts `userTopicsState`) and rebuilds the classifier with it (a few ms):
 *   interface UserTopicsState {
 *     topics: { id, name, phrases: string[], examples: string[] (paper ids), enabled?: boolean }[];
 *     marks: { topicId, paperId, relevant: boolean, at?: number }[];  // any topic, built-in or user
 *     papers: { [paperId]: { title, abstract? } };                    // texts of marked / example papers
 *     disabled: string[];                                              // topic ids switched off
 *   }
 *   const classifier = createClassifier(state);
 * The measurement tools build states with `emptyUserState()`, `createUserTopic(s, { name, phrases, examples })`
 * (id "user:<slug>") and `markPaper(s, topicId, paper, relevant)` (a mark on a built-in topic corrects it).
 * The extension's database records (UserTopicRecord, MarkRecord) have these field names: a `UserTopicsState` is
 * `{ topics: userTopicRecords, marks: markRecords, papers, disabled }`.
 *
 * Models: `builtinModel()` is the shipped asset (model.json), compiled once; `compileModel(json)` compiles
 * another (e.g. trained without the dev labels); `buildClassifier(model, state, options)` is the general form.
 */
import type { ClassifierOptions, PaperClassifier } from './classifier.ts';
import { type CompiledModel, compileModel } from './compile.ts';
import modelJson from './model.json';
import type { TopicModelJson } from './model.ts';
import { TOPIC_DEFINITIONS } from './topics.ts';
import type { PaperText, TextKind } from './types.ts';
import type { UserTopicsState } from './user-state.ts';
import { buildClassifier, type UserModelParams } from './user-topics.ts';

export type { ClassifierOptions, UserLayer } from './classifier.ts';
export { PaperClassifier, UNCERTAIN_HIGH, UNCERTAIN_LOW } from './classifier.ts';
export { type CompiledModel, compileModel, type ModelTopic } from './compile.ts';
export { snippetOf, textKindOf } from './features.ts';
export type { TopicModelJson } from './model.ts';
export { TOPIC_DEFINITIONS, type TopicDef } from './topics.ts';
export type { Classification, PaperText, TextKind, TopicClassifier } from './types.ts';
export {
  createUserTopic,
  emptyUserState,
  markPaper,
  type RelevanceMark,
  type TopicPaper,
  type UserTopic,
  type UserTopicsState,
} from './user-state.ts';
export {
  buildClassifier,
  compileUserLayer,
  DEFAULT_USER_PARAMS,
  type UserModelParams,
} from './user-topics.ts';

/** How the "why" of a classification can name the text it was made from. */
export const TEXT_KIND_NOTE: Readonly<Record<TextKind, string>> = {
  title: 'from the title only',
  snippet: 'from the title and a fragment of the abstract',
  abstract: 'from the title and abstract',
};

let compiled: CompiledModel | null = null;

/** The shipped model, compiled on first use (a few ms) and shared. */
export function builtinModel(): CompiledModel {
  compiled ??= compileModel(modelJson as unknown as TopicModelJson);
  return compiled;
}

/**
 * Texts to run the classifier on once before real pages do: a fresh service worker runs it in V8's interpreter at
 * first (measured in Chromium: the first 50 papers of a page took 18–37 ms to classify, 9–16 ms after this warm-up).
 * Made of the topic definitions' own words, so every path (phrases, markers, evidence) is taken; the results are
 * thrown away.
 */
export function warmUpPapers(): PaperText[] {
  const out: PaperText[] = [];
  for (let round = 0; round < 10; round++) {
    for (const t of TOPIC_DEFINITIONS) {
      const phrases = Object.keys(t.phrases);
      const start = (round * 7) % Math.max(phrases.length, 1);
      const picked = [...phrases.slice(start), ...phrases.slice(0, start)].slice(0, 12);
      out.push({
        title: `${t.name}: ${picked.slice(0, 3).join(', ')}`,
        abstract: `${t.description} We study ${picked.join(' and ')} on standard benchmarks.`,
      });
    }
  }
  return out;
}

/** A classifier over the built-in topics plus the user's topics, marks and switches. */
export function createClassifier(
  state?: UserTopicsState,
  options: ClassifierOptions & { params?: UserModelParams } = {},
): PaperClassifier {
  return buildClassifier(builtinModel(), state, options);
}
