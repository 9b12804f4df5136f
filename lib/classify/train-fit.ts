/**
 * The per-topic pieces of training: the configuration, the fit of one topic's logistic regression toward its
 * key-phrase prior, the seeded fold assignment, and the calibration of out-of-fold logits. train.ts runs them
 * over every topic and text kind, and encodes the asset.
 */
import { bestThreshold, fitPlatt, fitStacked } from './calibrate.ts';
import { phraseTerms } from './features.ts';
import { fitLogistic, type SparseRow, sigmoid, type TermIndex } from './lr.ts';
import type { TopicDef } from './topics.ts';

export interface TrainConfig {
  /** L2 strength (toward the prior) of the weights. */
  lambda: number;
  /** Prior weight per unit of key-phrase strength (positive phrases). */
  prior: number;
  /** Same for negative phrases. */
  negPrior: number;
  /** A term gets a learned weight only if it occurs in at least this many training papers. */
  minTrain: number;
  /**
   * ...and in at most this fraction of all papers: words in most abstracts ("propose", "performance") say
   * nothing about a topic, yet a few hundred examples would give them spurious weights.
   */
  maxDocFraction: number;
  folds: number;
  /** Repetitions of k-fold cross-validation for the full model's calibration (abstracts). */
  reps: number;
  /** Same for the title model and the snippet blend (each fold re-distils, so it costs more). */
  titleReps: number;
  /** Row weight of a pseudo-labelled pool title relative to a labelled one. */
  distillWeight: number;
  /** Temperature of the teacher's soft labels. */
  temperature: number;
  /**
   * `minTrain` of the title model, whose rows are the labelled titles plus every pool title: a term seen in
   * 2 or 3 of ~25,000 titles would only learn the teacher's verdict on those few papers.
   */
  titleMinTrain: number;
  /**
   * Minimum number of papers containing a single-token term / a bigram for it to enter the background
   * statistics (the term rates user topics compare marked papers with).
   */
  backgroundMinDocs: number;
  backgroundMinDocsBigram: number;
  maxIter: number;
  /** Integer scale of stored weights. */
  scale: number;
  /** Stored weights smaller than this (in absolute value) are dropped, to keep the asset small. */
  minWeight: number;
}

export const DEFAULT_CONFIG: TrainConfig = {
  lambda: 1,
  prior: 0.7,
  negPrior: 0.7,
  minTrain: 2,
  maxDocFraction: 0.2,
  folds: 5,
  reps: 2,
  titleReps: 1,
  distillWeight: 0.1,
  temperature: 1,
  titleMinTrain: 4,
  backgroundMinDocs: 25,
  backgroundMinDocsBigram: 60,
  maxIter: 300,
  scale: 100,
  minWeight: 0.05,
};

/** A fitted linear model over vocabulary indices. */
export interface Linear {
  w: Map<number, number>;
  b: number;
}

export function score(m: Linear, row: ArrayLike<number>): number {
  let z = m.b;
  for (let k = 0; k < row.length; k++) z += m.w.get(row[k] as number) ?? 0;
  return z;
}

/** Fits one topic: active set = terms in >= minTrain rows, plus every prior term. */
export function fitTopic(
  rows: readonly Int32Array[],
  y: ArrayLike<number>,
  rowWeight: ArrayLike<number> | undefined,
  prior: Map<number, number>,
  cfg: TrainConfig,
  common: ReadonlySet<number>,
): Linear {
  const count = new Map<number, number>();
  for (const r of rows) for (const j of r) if (!common.has(j)) count.set(j, (count.get(j) ?? 0) + 1);
  const local = new Map<number, number>();
  const back: number[] = [];
  const take = (j: number) => {
    if (!local.has(j)) {
      local.set(j, back.length);
      back.push(j);
    }
  };
  for (const [j, c] of count) if (c >= cfg.minTrain) take(j);
  for (const j of prior.keys()) take(j);
  const lrows: SparseRow[] = rows.map((r) => {
    const idx: number[] = [];
    for (const j of r) {
      const l = local.get(j);
      if (l !== undefined) idx.push(l);
    }
    return { idx };
  });
  const p = Float64Array.from(back, (j) => prior.get(j) ?? 0);
  const fit = fitLogistic({
    rows: lrows,
    y,
    rowWeight,
    dim: back.length,
    lambda: cfg.lambda,
    prior: p,
    biasPrior: -2,
    maxIter: cfg.maxIter,
  });
  const w = new Map<number, number>();
  back.forEach((j, k) => {
    w.set(j, fit.w[k] as number);
  });
  return { w, b: fit.b };
}

/** Deterministic fold assignment: a seeded shuffle, then round-robin. */
export function foldsOf(n: number, k: number, seed: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = (seed * 2654435761) >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const f = new Int32Array(n);
  order.forEach((id, r) => {
    f[id] = r % k;
  });
  return f;
}

export function priorFor(topic: TopicDef, vocab: TermIndex, cfg: TrainConfig): Map<number, number> {
  const prior = new Map<number, number>();
  for (const [phrase, strength] of Object.entries(topic.phrases)) {
    const value = strength > 0 ? strength * cfg.prior : strength * cfg.negPrior;
    for (const t of phraseTerms(phrase)) prior.set(vocab.id(t), value);
  }
  return prior;
}

/** Calibration of one topic for one text kind, from out-of-fold logits of the randomly drawn papers. */
export interface Calibrated {
  a: number;
  /** Snippets: the weight of the title model's logit. */
  aTitle?: number;
  c: number;
  /** Probability threshold (the F1-optimal logit threshold, calibrated). */
  threshold: number;
  f1: number;
}

export function calibrate(z: readonly number[], gold: readonly boolean[]): Calibrated {
  const { a, c } = fitPlatt(z, gold);
  const th = bestThreshold(z, gold);
  return { a, c, threshold: sigmoid(a * th.threshold + c), f1: th.f1 };
}

/** Calibration of the blend of two logits of the same papers (full model on the snippet, title model). */
export function calibrateBlend(
  full: readonly number[],
  title: readonly number[],
  gold: readonly boolean[],
): Calibrated {
  const { a, c } = fitStacked([full, title], gold);
  const [aFull, aTitle] = a as [number, number];
  const s = full.map((z, i) => aFull * z + aTitle * (title[i] as number) + c);
  const th = bestThreshold(s, gold);
  return { a: aFull, aTitle, c, threshold: sigmoid(th.threshold), f1: th.f1 };
}
