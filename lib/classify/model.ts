/**
 * The trained model asset's format (lib/classify/model.json), written by `train.ts`, read by `compile.ts`.
 *
 * Compact on purpose (it ships inside the extension): the vocabulary is one newline-joined string, weights
 * are integers (weight * `scale`) in sparse per-topic lists whose term indices are delta-coded, so most numbers
 * are one or two digits.
 */

import type { TextKind } from './types.ts';

export const MODEL_FORMAT = 'papersift-topic-model/3';

export interface LinearJson {
  /** Per topic: bias of the raw logit. */
  bias: number[];
  /** Per topic: flattened pairs [term index delta, round(weight * scale)], term indices increasing. */
  weights: number[][];
}

/**
 * How papers of one text kind are scored: with which weights (`head`), then per topic the calibrated score
 * sigmoid(a * logit + c) and the label threshold on that score. With `aTitle` (snippets), the title head's logit
 * over the title alone is blended in: sigmoid(a * logit + aTitle * titleLogit + c).
 */
export interface KindJson {
  head: 'full' | 'title';
  a: number[];
  aTitle?: number[];
  c: number[];
  /** Per topic: the score at or above which the topic is a label (F1-optimal out of fold). */
  threshold: number[];
  /** Per topic: out-of-fold F1 at that threshold on the randomly drawn labelled papers (report only). */
  cvF1: number[];
}

export interface TopicModelJson {
  format: typeof MODEL_FORMAT;
  topics: { id: string; name: string; description: string }[];
  /** Every term a weight or statistic refers to, joined by "\n" (see features.ts for what a term is). */
  terms: string;
  /** Weights are stored as integers: weight = stored / scale. */
  scale: number;
  /** Model for title + abstract. */
  full: LinearJson;
  /** Model for papers whose abstract is missing. */
  title: LinearJson;
  /** Calibration and thresholds per text kind (title + abstract, title + snippet, title only). */
  kinds: Record<TextKind, KindJson>;
  /**
   * Number of papers (out of `backgroundDocs`) that contain each not-too-rare term, as flattened pairs
   * [term index delta, count]: the base rates user topics compare marked papers with (see user-topics.ts).
   * Terms are listed when at least `backgroundMinDocs[0]` papers (single tokens) or `[1]` (bigrams) have them.
   */
  background: number[];
  backgroundDocs: number;
  backgroundMinDocs: [number, number];
  /** How the model was trained (documentation only). */
  meta: Record<string, unknown>;
}

/** Decodes a delta-coded pair list into [termIndex, value] callbacks. */
export function forEachPair(pairs: readonly number[], fn: (term: number, value: number) => void): void {
  let t = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    t += pairs[i] as number;
    fn(t, pairs[i + 1] as number);
  }
}
