/**
 * Training of the built-in topic model (pure functions; file I/O is in lib/cli/train.ts).
 *
 * Per topic, a logistic regression over binary term features (features.ts) whose weights are pulled toward
 * a prior: `strength * prior` for the key phrases of the topic's definition (topics.ts), 0 elsewhere. With
 * ~700 labelled papers and 40-75 positives per topic, the definitions carry most of the knowledge and the
 * labels correct it (which phrases are passing mentions, which co-occurring words matter). Only terms seen in
 * at least `minTrain` training papers get a learned weight (others cannot be estimated and would only
 * memorise single papers).
 *
 * The threshold of each topic maximises F1 over out-of-fold scores (repeated k-fold cross-validation on the
 * labelled papers), then is folded into the bias so that a score of 0.5 is the threshold.
 *
 * The title-only model is distilled: the full model scores the unlabelled pool's papers from their abstracts,
 * and a model on titles alone learns those soft labels (plus the labelled titles). A few hundred labelled
 * titles are not enough to learn what titles say; thousands of pseudo-labelled ones are.
 *
 * Deterministic: fixed fold assignment (seeded LCG), fixed iteration order, rounding of the output.
 */
import { paperTerms, phraseTerms } from './features.ts';
import { fitLogistic, type SparseRow, sigmoid, TermIndex } from './lr.ts';
import { type LinearJson, MODEL_FORMAT, type TopicModelJson } from './model.ts';
import type { TopicDef } from './topics.ts';
import type { PaperText } from './types.ts';

export interface LabelledPaper extends PaperText {
  id: string;
  labels: Record<string, number>;
}

/** An unlabelled paper; `weight`: how many papers of the population it stands for (default 1). */
export interface PoolPaper extends PaperText {
  weight?: number;
}

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
  /** Repetitions of k-fold cross-validation for the full model's thresholds. */
  reps: number;
  /** Same for the title model (each fold re-distils, so it costs more). */
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
  reps: 3,
  titleReps: 2,
  distillWeight: 0.1,
  temperature: 1,
  titleMinTrain: 4,
  backgroundMinDocs: 25,
  backgroundMinDocsBigram: 60,
  maxIter: 300,
  scale: 100,
  minWeight: 0.05,
};

export interface TrainInput {
  labelled: readonly LabelledPaper[];
  /** Unlabelled papers with abstracts (distillation of the title model, background statistics). */
  pool: readonly PoolPaper[];
  topics: readonly TopicDef[];
  config?: Partial<TrainConfig>;
  /** Free-form provenance copied into the asset's meta. */
  meta?: Record<string, unknown>;
  /** Progress messages (the CLI prints them). */
  log?: (msg: string) => void;
}

/** A fitted linear model over vocabulary indices. */
interface Linear {
  w: Map<number, number>;
  b: number;
}

function score(m: Linear, row: ArrayLike<number>): number {
  let z = m.b;
  for (let k = 0; k < row.length; k++) z += m.w.get(row[k] as number) ?? 0;
  return z;
}

/** Fits one topic: active set = terms in >= minTrain rows, plus every prior term. */
function fitTopic(
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

/**
 * The score threshold that maximises F1, placed midway between the two scores it separates.
 * Returns the F1 reached as well.
 */
export function bestThreshold(
  z: readonly number[],
  gold: readonly boolean[],
): { threshold: number; f1: number } {
  const order = z.map((_, i) => i).sort((a, b) => (z[b] as number) - (z[a] as number) || a - b);
  const positives = gold.filter(Boolean).length;
  let tp = 0;
  let fp = 0;
  let best = -1;
  let threshold = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (gold[i]) tp++;
    else fp++;
    const cur = z[i] as number;
    const next = k + 1 < order.length ? (z[order[k + 1] as number] as number) : cur - 2;
    if (next === cur) continue; // cannot split ties
    const f = (2 * tp) / (tp + fp + positives);
    if (f > best + 1e-12) {
      best = f;
      threshold = (cur + next) / 2;
    }
  }
  return { threshold, f1: Math.max(best, 0) };
}

function priorFor(topic: TopicDef, vocab: TermIndex, cfg: TrainConfig): Map<number, number> {
  const prior = new Map<number, number>();
  for (const [phrase, strength] of Object.entries(topic.phrases)) {
    const value = strength > 0 ? strength * cfg.prior : strength * cfg.negPrior;
    for (const t of phraseTerms(phrase)) prior.set(vocab.id(t), value);
  }
  return prior;
}

/** A two-token term ("graph neural", "T:graph neural"), as opposed to a single token or a marker. */
export function isBigram(term: string): boolean {
  return term.indexOf(' ') > 0;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Encodes weights as sorted, delta-coded [index, int weight] pairs, dropping those that round to 0. */
function encodeWeights(w: Map<number, number>, remap: Map<number, number>, cfg: TrainConfig): number[] {
  const pairs: [number, number][] = [];
  for (const [j, v] of w) {
    const q = Math.round(v * cfg.scale);
    if (q !== 0 && Math.abs(v) >= cfg.minWeight) pairs.push([remap.get(j) as number, q]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let prev = 0;
  for (const [j, q] of pairs) {
    out.push(j - prev, q);
    prev = j;
  }
  return out;
}

export function trainTopicModel(input: TrainInput): TopicModelJson {
  const cfg: TrainConfig = { ...DEFAULT_CONFIG, ...input.config };
  const log = input.log ?? (() => {});
  const topics = input.topics;
  const labelled = input.labelled;
  // Shared by all fits of one training run.
  const vocab = new TermIndex();
  const fullRows = labelled.map((p) => vocab.row(paperTerms(p)));
  const titleRows = labelled.map((p) => vocab.row(paperTerms(p, true)));
  const poolFull = input.pool.map((p) => vocab.row(paperTerms(p)));
  const poolTitle = input.pool.map((p) => vocab.row(paperTerms(p, true)));
  const priors = topics.map((t) => priorFor(t, vocab, cfg));
  // Document frequencies over every paper (labelled and pool): background statistics and common terms.
  const docFreq = new Map<number, number>();
  const allRows = [...fullRows, ...poolFull];
  for (const r of allRows) for (const j of r) docFreq.set(j, (docFreq.get(j) ?? 0) + 1);
  const common = new Set<number>();
  for (const [j, c] of docFreq) if (c / allRows.length > cfg.maxDocFraction) common.add(j);
  log(
    `features: ${labelled.length} labelled + ${input.pool.length} pool papers, ${vocab.terms.length} terms`,
  );

  const n = labelled.length;
  const full: { model: Linear; threshold: number; f1: number }[] = [];
  const title: { model: Linear; threshold: number; f1: number }[] = [];

  topics.forEach((topic, ti) => {
    const prior = priors[ti] as Map<number, number>;
    const y = Float64Array.from(labelled, (p) => (p.labels[topic.id] === 1 ? 1 : 0));
    const gold = Array.from(y, (v) => v === 1);

    // Full model: repeated k-fold CV for the threshold, then a fit on everything.
    const fitFull = (idx: readonly number[]): Linear =>
      fitTopic(
        idx.map((i) => fullRows[i] as Int32Array),
        idx.map((i) => y[i] as number),
        undefined,
        prior,
        cfg,
        common,
      );
    const oofZ: number[] = [];
    const oofGold: boolean[] = [];
    for (let r = 0; r < cfg.reps; r++) {
      const fold = foldsOf(n, cfg.folds, r + 1);
      for (let f = 0; f < cfg.folds; f++) {
        const tr = [...fold.keys()].filter((i) => fold[i] !== f);
        const m = fitFull(tr);
        for (let i = 0; i < n; i++) {
          if (fold[i] !== f) continue;
          oofZ.push(score(m, fullRows[i] as Int32Array));
          oofGold.push(gold[i] as boolean);
        }
      }
    }
    const thFull = bestThreshold(oofZ, oofGold);
    const modelFull = fitTopic(fullRows, y, undefined, prior, cfg, common);
    full.push({ model: modelFull, threshold: thFull.threshold, f1: thFull.f1 });
    log(`${topic.id}: full model, CV F1 ${thFull.f1.toFixed(3)} at logit ${thFull.threshold.toFixed(2)}`);

    // Title model, distilled from a full model trained on the same labelled papers.
    const titleCfg: TrainConfig = { ...cfg, minTrain: cfg.titleMinTrain };
    const fitTitle = (idx: readonly number[], teacher: Linear): Linear => {
      const rows: Int32Array[] = idx.map((i) => titleRows[i] as Int32Array);
      const yy: number[] = idx.map((i) => y[i] as number);
      const cw: number[] = idx.map(() => 1);
      poolFull.forEach((row, k) => {
        rows.push(poolTitle[k] as Int32Array);
        yy.push(sigmoid((score(teacher, row) - thFull.threshold) / cfg.temperature));
        cw.push(cfg.distillWeight);
      });
      return fitTopic(rows, yy, cw, prior, titleCfg, common);
    };
    const tZ: number[] = [];
    const tGold: boolean[] = [];
    for (let r = 0; r < cfg.titleReps; r++) {
      const fold = foldsOf(n, cfg.folds, 101 + r);
      for (let f = 0; f < cfg.folds; f++) {
        const tr = [...fold.keys()].filter((i) => fold[i] !== f);
        const teacher = fitFull(tr);
        const m = fitTitle(tr, teacher);
        for (let i = 0; i < n; i++) {
          if (fold[i] !== f) continue;
          tZ.push(score(m, titleRows[i] as Int32Array));
          tGold.push(gold[i] as boolean);
        }
      }
    }
    const thTitle = bestThreshold(tZ, tGold);
    const modelTitle = fitTitle([...Array(n).keys()], modelFull);
    title.push({ model: modelTitle, threshold: thTitle.threshold, f1: thTitle.f1 });
    log(`${topic.id}: title model, CV F1 ${thTitle.f1.toFixed(3)} at logit ${thTitle.threshold.toFixed(2)}`);
  });

  // Background: number of papers containing each not-too-rare term, each pool paper counted with its weight
  // (the population it stands for), so that these are the base rates of the whole collection.
  const weighted = new Map<number, number>();
  let population = fullRows.length;
  for (const r of fullRows) for (const j of r) weighted.set(j, (weighted.get(j) ?? 0) + 1);
  poolFull.forEach((r, k) => {
    const w = input.pool[k]?.weight ?? 1;
    population += w;
    for (const j of r) weighted.set(j, (weighted.get(j) ?? 0) + w);
  });
  const background = new Map<number, number>();
  for (const [j, c0] of weighted) {
    const c = Math.round(c0);
    const min = isBigram(vocab.terms[j] as string) ? cfg.backgroundMinDocsBigram : cfg.backgroundMinDocs;
    if (c >= min) background.set(j, c);
  }

  // Output vocabulary: every term with a stored weight or background value, in a stable order (sorted).
  const used = new Set<number>();
  const keep = (w: Map<number, number>) => {
    for (const [j, v] of w) if (Math.round(v * cfg.scale) !== 0 && Math.abs(v) >= cfg.minWeight) used.add(j);
  };
  for (const m of [...full, ...title]) keep(m.model.w);
  for (const j of background.keys()) used.add(j);
  const outTerms = [...used].map((j) => vocab.terms[j] as string).sort();
  const remap = new Map<number, number>(outTerms.map((t, k) => [vocab.index.get(t) as number, k]));

  const linear = (ms: typeof full): LinearJson => ({
    bias: ms.map((m) => round(m.model.b - m.threshold, 4)),
    weights: ms.map((m) => encodeWeights(m.model.w, remap, cfg)),
    cvF1: ms.map((m) => round(m.f1, 4)),
  });
  const bg: number[] = [];
  let prev = 0;
  for (const [k, c] of [...background]
    .map(([j, c]) => [remap.get(j) as number, c] as const)
    .sort((a, b) => a[0] - b[0])) {
    bg.push(k - prev, c);
    prev = k;
  }
  return {
    format: MODEL_FORMAT,
    topics: topics.map((t) => ({ id: t.id, name: t.name, description: t.description })),
    terms: outTerms.join('\n'),
    scale: cfg.scale,
    full: linear(full),
    title: linear(title),
    background: bg,
    backgroundDocs: Math.round(population),
    backgroundMinDocs: [cfg.backgroundMinDocs, cfg.backgroundMinDocsBigram],
    meta: {
      ...input.meta,
      labelled: labelled.length,
      pool: input.pool.length,
      config: cfg,
    },
  };
}
