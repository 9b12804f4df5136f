/**
 * The trained model asset's format (lib/classify/model.json), written by `train.ts`, read by `classifier.ts`.
 *
 * Compact on purpose (it ships inside the extension): the vocabulary is one newline-joined string, weights
 * are integers (weight * `scale`) in sparse per-topic lists whose term indices are delta-coded, so most numbers
 * are one or two digits.
 */

export const MODEL_FORMAT = 'papersift-topic-model/1';

export interface LinearJson {
  /** Per topic: bias, already shifted by the topic's threshold, so that logit 0 (score 0.5) is the threshold. */
  bias: number[];
  /** Per topic: flattened pairs [term index delta, round(weight * scale)], term indices increasing. */
  weights: number[][];
  /** Per topic: cross-validated F1 at the chosen threshold (a training report, not used at run time). */
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
