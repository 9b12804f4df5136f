/**
 * Training of the built-in topic model (pure functions; file I/O is in lib/cli/train.ts). The per-topic pieces
 * (configuration, fitting toward the prior, folds, calibration) are in train-fit.ts.
 *
 * Per topic, a logistic regression over binary term features (features.ts) whose weights are pulled toward
 * a prior: `strength * prior` for the key phrases of the topic's definition (topics.ts), 0 elsewhere. With
 * ~700 labelled papers and 40-75 positives per topic, the definitions carry most of the knowledge and the
 * labels correct it (which phrases are passing mentions, which co-occurring words matter). Only terms seen in
 * at least `minTrain` training papers get a learned weight (others cannot be estimated and would only
 * memorise single papers).
 *
 * Three text kinds (types.ts): title + abstract is scored with the full model's weights, titles alone with a
 * title model, and title + snippet with both: the full model on the title + snippet and the title model on the
 * title, blended by a per-topic logistic regression on the two out-of-fold logits (stacking). The title-only model is distilled: the full model scores the unlabelled
 * pool's papers from their abstracts, and a model on titles alone learns those soft labels (plus the labelled
 * titles).
 *
 * Calibration and thresholds, per topic and text kind, come from out-of-fold logits (repeated k-fold
 * cross-validation; the title model's folds re-distil from a teacher trained on the other folds only), each
 * paper scored as each kind (its title, its title + snippet, its title + abstract). Only the papers drawn at
 * random like the papers it is measured on (no `batch`, or `calibrate`) are used for them: those chosen where an
 * older model was unsure (labels-extra) are over-represented near its thresholds, and calibrated on them a score
 * would not mean what it says for the papers a user meets. Platt scaling maps the logit to a probability; the threshold maximises F1.
 *
 * Deterministic: fixed fold assignment (seeded LCG), fixed iteration order, rounding of the output.
 */
import { paperTerms, snippetOf } from './features.ts';
import { sigmoid, TermIndex } from './lr.ts';
import { type KindJson, type LinearJson, MODEL_FORMAT, type TopicModelJson } from './model.ts';
import type { TopicDef } from './topics.ts';
import {
  type Calibrated,
  calibrate,
  calibrateBlend,
  DEFAULT_CONFIG,
  fitTopic,
  foldsOf,
  type Linear,
  priorFor,
  score,
  type TrainConfig,
} from './train-fit.ts';
import type { PaperText, TextKind } from './types.ts';

export { bestThreshold } from './calibrate.ts';

export interface LabelledPaper extends PaperText {
  id: string;
  labels: Record<string, number>;
  /**
   * Set for papers that were chosen for labelling (labels-extra: where an older model was unsure, keyword
   * matches it scored low): trained on, but not used for calibration and thresholds (not a random sample).
   */
  batch?: number;
  /** Used for calibration and thresholds (default: no `batch`); false: trained on only. */
  calibrate?: boolean;
}

/** An unlabelled paper; `weight`: how many papers of the population it stands for (default 1). */
export interface PoolPaper extends PaperText {
  weight?: number;
}

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
  const snippetRows = labelled.map((p) =>
    vocab.row(paperTerms({ title: p.title, abstract: snippetOf(p.abstract ?? '') })),
  );
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
  const n = labelled.length;
  // Calibration set: the randomly drawn labelled papers (all of them if there are none).
  const random = labelled.map((p) => p.calibrate ?? p.batch === undefined);
  if (!random.some(Boolean)) random.fill(true);
  log(
    `features: ${n} labelled (${random.filter(Boolean).length} drawn at random) + ${input.pool.length} pool papers, ${vocab.terms.length} terms`,
  );

  const full: Linear[] = [];
  const title: Linear[] = [];
  const kinds: Record<TextKind, Calibrated[]> = { abstract: [], snippet: [], title: [] };

  topics.forEach((topic, ti) => {
    const prior = priors[ti] as Map<number, number>;
    const y = Float64Array.from(labelled, (p) => (p.labels[topic.id] === 1 ? 1 : 0));
    const gold = Array.from(y, (v) => v === 1);
    const fitFull = (idx: readonly number[]): Linear =>
      fitTopic(
        idx.map((i) => fullRows[i] as Int32Array),
        idx.map((i) => y[i] as number),
        undefined,
        prior,
        cfg,
        common,
      );
    // Out-of-fold logits of the randomly drawn papers, per text kind (snippet: the full model's, paired with
    // the title model's of the same fold in `snippetTitle`).
    const oof: Record<TextKind, { z: number[]; gold: boolean[] }> = {
      abstract: { z: [], gold: [] },
      snippet: { z: [], gold: [] },
      title: { z: [], gold: [] },
    };
    const snippetTitle: number[] = [];
    const teachers: { fold: Int32Array; models: Linear[] }[] = [];
    for (let r = 0; r < cfg.reps; r++) {
      const fold = foldsOf(n, cfg.folds, r + 1);
      const models: Linear[] = [];
      for (let f = 0; f < cfg.folds; f++) {
        const m = fitFull([...fold.keys()].filter((i) => fold[i] !== f));
        models.push(m);
        for (let i = 0; i < n; i++) {
          if (fold[i] !== f || !random[i]) continue;
          oof.abstract.z.push(score(m, fullRows[i] as Int32Array));
          oof.abstract.gold.push(gold[i] as boolean);
        }
      }
      if (r < cfg.titleReps) teachers.push({ fold, models });
    }
    const calAbstract = calibrate(oof.abstract.z, oof.abstract.gold);
    kinds.abstract.push(calAbstract);
    // The teacher's soft labels are centred on its F1-optimal logit threshold.
    const teacherThreshold =
      (Math.log(calAbstract.threshold / (1 - calAbstract.threshold)) - calAbstract.c) / calAbstract.a;
    const modelFull = fitFull([...Array(n).keys()]);
    full.push(modelFull);

    // Title model, distilled from a full model trained on the same labelled papers.
    const titleCfg: TrainConfig = { ...cfg, minTrain: cfg.titleMinTrain };
    const fitTitle = (idx: readonly number[], teacher: Linear): Linear => {
      const rows: Int32Array[] = idx.map((i) => titleRows[i] as Int32Array);
      const yy: number[] = idx.map((i) => y[i] as number);
      const cw: number[] = idx.map(() => 1);
      poolFull.forEach((row, k) => {
        rows.push(poolTitle[k] as Int32Array);
        yy.push(sigmoid((score(teacher, row) - teacherThreshold) / cfg.temperature));
        cw.push(cfg.distillWeight);
      });
      return fitTopic(rows, yy, cw, prior, titleCfg, common);
    };
    for (const { fold, models } of teachers) {
      for (let f = 0; f < cfg.folds; f++) {
        const m = fitTitle(
          [...fold.keys()].filter((i) => fold[i] !== f),
          models[f] as Linear,
        );
        for (let i = 0; i < n; i++) {
          if (fold[i] !== f || !random[i]) continue;
          const zTitle = score(m, titleRows[i] as Int32Array);
          oof.title.z.push(zTitle);
          oof.title.gold.push(gold[i] as boolean);
          oof.snippet.z.push(score(models[f] as Linear, snippetRows[i] as Int32Array));
          oof.snippet.gold.push(gold[i] as boolean);
          snippetTitle.push(zTitle);
        }
      }
    }
    kinds.title.push(calibrate(oof.title.z, oof.title.gold));
    kinds.snippet.push(calibrateBlend(oof.snippet.z, snippetTitle, oof.snippet.gold));
    title.push(fitTitle([...Array(n).keys()], modelFull));
    const said = (k: TextKind) => {
      const c = kinds[k][ti] as Calibrated;
      return `${k} F1 ${c.f1.toFixed(3)} at ${c.threshold.toFixed(2)}`;
    };
    log(`${topic.id}: out-of-fold ${said('abstract')}, ${said('snippet')}, ${said('title')}`);
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
  for (const m of [...full, ...title]) keep(m.w);
  for (const j of background.keys()) used.add(j);
  const outTerms = [...used].map((j) => vocab.terms[j] as string).sort();
  const remap = new Map<number, number>(outTerms.map((t, k) => [vocab.index.get(t) as number, k]));

  const linear = (ms: readonly Linear[]): LinearJson => ({
    bias: ms.map((m) => round(m.b, 4)),
    weights: ms.map((m) => encodeWeights(m.w, remap, cfg)),
  });
  const kind = (cs: readonly Calibrated[], head: KindJson['head']): KindJson => ({
    head,
    a: cs.map((c) => round(c.a, 4)),
    ...(cs.some((c) => c.aTitle !== undefined) ? { aTitle: cs.map((c) => round(c.aTitle ?? 0, 4)) } : {}),
    c: cs.map((c) => round(c.c, 4)),
    threshold: cs.map((c) => round(c.threshold, 4)),
    cvF1: cs.map((c) => round(c.f1, 4)),
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
    kinds: {
      abstract: kind(kinds.abstract, 'full'),
      snippet: kind(kinds.snippet, 'full'),
      title: kind(kinds.title, 'title'),
    },
    background: bg,
    backgroundDocs: Math.round(population),
    backgroundMinDocs: [cfg.backgroundMinDocs, cfg.backgroundMinDocsBigram],
    meta: {
      ...input.meta,
      labelled: labelled.length,
      calibrationPapers: random.filter(Boolean).length,
      pool: input.pool.length,
      config: cfg,
    },
  };
}
