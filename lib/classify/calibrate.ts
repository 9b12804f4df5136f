/**
 * Thresholds and calibration from out-of-fold logits (training side), and the reliability measures the README
 * reports. Pure and deterministic.
 *
 * Platt scaling: p = sigmoid(a * z + c), fitted by maximum likelihood on (out-of-fold logit, gold) pairs of the
 * papers that stand for the population (the randomly drawn labelled papers, not those chosen near the old
 * model's thresholds: see train.ts). A score of 0.8 then means that about 80 % of such papers are on the topic.
 */
import { lbfgs, sigmoid } from './lr.ts';

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

/** Platt scaling: the (a, c) maximising the likelihood of `gold` under sigmoid(a * z + c). */
export function fitPlatt(z: readonly number[], gold: readonly boolean[]): { a: number; c: number } {
  const { a, c } = fitStacked([z], gold);
  return { a: a[0] as number, c };
}

/**
 * Platt scaling over several logits of the same papers (stacking): the (a, c) maximising the likelihood of
 * `gold` under sigmoid(sum_k a[k] * z[k] + c). Starts from equal shares of the logits.
 */
export function fitStacked(
  z: readonly (readonly number[])[],
  gold: readonly boolean[],
): { a: number[]; c: number } {
  const K = z.length;
  const x = new Float64Array(K + 1).fill(1 / K);
  x[K] = 0;
  lbfgs(
    (v, g) => {
      g.fill(0);
      let f = 0;
      for (let i = 0; i < gold.length; i++) {
        let s = v[K] as number;
        for (let k = 0; k < K; k++) s += (v[k] as number) * ((z[k] as readonly number[])[i] as number);
        const y = gold[i] ? 1 : 0;
        f += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - y * s;
        const r = sigmoid(s) - y;
        for (let k = 0; k < K; k++) (g[k] as number) += r * ((z[k] as readonly number[])[i] as number);
        (g[K] as number) += r;
      }
      // A whisper of L2 keeps the fit finite when a topic's scores separate perfectly.
      for (let k = 0; k <= K; k++) {
        f += 1e-3 * (v[k] as number) ** 2;
        (g[k] as number) += 2e-3 * (v[k] as number);
      }
      return f;
    },
    x,
    200,
  );
  return { a: Array.from(x.subarray(0, K)), c: x[K] as number };
}

/** One bin of a reliability curve. */
export interface ReliabilityBin {
  lo: number;
  hi: number;
  n: number;
  /** Mean predicted score and fraction of positives in the bin. */
  meanScore: number;
  positiveRate: number;
}

/**
 * Reliability curve with `bins` equal-width score bins, and the expected calibration error: the bins'
 * |positive rate - mean score|, weighted by their share of the (paper, topic) pairs.
 */
export function reliability(
  scores: readonly number[],
  gold: readonly boolean[],
  bins = 10,
): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, k) => ({
    lo: k / bins,
    hi: (k + 1) / bins,
    n: 0,
    meanScore: 0,
    positiveRate: 0,
  }));
  scores.forEach((s, i) => {
    const b = out[Math.min(bins - 1, Math.floor(s * bins))] as ReliabilityBin;
    b.n++;
    b.meanScore += s;
    if (gold[i]) b.positiveRate++;
  });
  let ece = 0;
  for (const b of out) {
    if (!b.n) continue;
    b.meanScore /= b.n;
    b.positiveRate /= b.n;
    ece += (b.n / scores.length) * Math.abs(b.positiveRate - b.meanScore);
  }
  return { bins: out, ece };
}
