/**
 * L2-regularised logistic regression fitted by L-BFGS, for sparse (mostly binary) features.
 *
 * The penalty pulls each weight toward a prior value instead of zero: that is how the topic definitions'
 * key phrases (and, for marks, the current model) act as priors that data only moves when it has reason to.
 * Pure and deterministic (fixed iteration order, no randomness), used by training and, on a few dozen
 * examples, by user-topic updates in the browser.
 */

/** Term strings <-> dense feature indices (the columns of sparse rows), in order of first use. */
export class TermIndex {
  readonly index = new Map<string, number>();
  readonly terms: string[] = [];
  id(t: string): number {
    let i = this.index.get(t);
    if (i === undefined) {
      i = this.terms.length;
      this.index.set(t, i);
      this.terms.push(t);
    }
    return i;
  }
  /** The indices of a set of terms, ascending. */
  row(terms: Iterable<string>): Int32Array {
    const a = Int32Array.from(terms, (t) => this.id(t));
    a.sort();
    return a;
  }
}

export interface SparseRow {
  /** Feature indices (0..dim-1), no duplicates. */
  idx: ArrayLike<number>;
  /** Values; omitted = all 1 (binary features). */
  val?: ArrayLike<number>;
}

export interface LrProblem {
  rows: readonly SparseRow[];
  /** Target per row, in [0, 1] (soft labels allowed). */
  y: ArrayLike<number>;
  /** Weight per row (default 1). */
  rowWeight?: ArrayLike<number>;
  /** Fixed offset added to each row's logit (e.g. the built-in model's logit when learning a correction). */
  offset?: ArrayLike<number>;
  dim: number;
  /** L2 strength toward `prior` for the weights. */
  lambda: number;
  /** Prior weights (default 0). */
  prior?: ArrayLike<number>;
  /** Bias: prior value and L2 strength (default: 0 and unregularised). */
  biasPrior?: number;
  biasLambda?: number;
  /** Start values (default: the prior). */
  init?: { w: ArrayLike<number>; b: number };
  maxIter?: number;
}

export interface LrFit {
  w: Float64Array;
  b: number;
}

/** Numerically stable log(1 + e^z). */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function fitLogistic(p: LrProblem): LrFit {
  const D = p.dim;
  const n = p.rows.length;
  const P = D + 1;
  const prior = p.prior;
  const lambda = p.lambda;
  const biasPrior = p.biasPrior ?? 0;
  const biasLambda = p.biasLambda ?? 0;
  const x = new Float64Array(P);
  if (p.init) {
    for (let j = 0; j < D; j++) x[j] = p.init.w[j] as number;
    x[D] = p.init.b;
  } else {
    if (prior) for (let j = 0; j < D; j++) x[j] = prior[j] as number;
    x[D] = biasPrior;
  }
  const fg = (v: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let f = 0;
    const b = v[D] as number;
    for (let i = 0; i < n; i++) {
      const row = p.rows[i] as SparseRow;
      const idx = row.idx;
      const val = row.val;
      let z = b + (p.offset ? (p.offset[i] as number) : 0);
      if (val) for (let k = 0; k < idx.length; k++) z += (v[idx[k] as number] as number) * (val[k] as number);
      else for (let k = 0; k < idx.length; k++) z += v[idx[k] as number] as number;
      const yi = p.y[i] as number;
      const c = p.rowWeight ? (p.rowWeight[i] as number) : 1;
      if (c === 0) continue;
      f += c * (softplus(z) - yi * z);
      const r = c * (1 / (1 + Math.exp(-z)) - yi);
      if (val) for (let k = 0; k < idx.length; k++) (g[idx[k] as number] as number) += r * (val[k] as number);
      else for (let k = 0; k < idx.length; k++) (g[idx[k] as number] as number) += r;
      (g[D] as number) += r;
    }
    for (let j = 0; j < D; j++) {
      const d = (v[j] as number) - (prior ? (prior[j] as number) : 0);
      f += 0.5 * lambda * d * d;
      (g[j] as number) += lambda * d;
    }
    const db = (v[D] as number) - biasPrior;
    f += 0.5 * biasLambda * db * db;
    (g[D] as number) += biasLambda * db;
    return f;
  };
  lbfgs(fg, x, p.maxIter ?? 300);
  return { w: x.slice(0, D), b: x[D] as number };
}

/** Minimises f from x (in place) with limited-memory BFGS and a backtracking Armijo line search. */
export function lbfgs(
  fg: (x: Float64Array, g: Float64Array) => number,
  x: Float64Array,
  maxIter: number,
  m = 8,
): number {
  const n = x.length;
  let g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  const xn = new Float64Array(n);
  let gn = new Float64Array(n);
  for (let it = 0; it < maxIter; it++) {
    // two-loop recursion: d = -H g
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let k = S.length - 1; k >= 0; k--) {
      const s = S[k] as Float64Array;
      const yk = Y[k] as Float64Array;
      let a = 0;
      for (let i = 0; i < n; i++) a += (s[i] as number) * (d[i] as number);
      a *= rho[k] as number;
      alpha[k] = a;
      for (let i = 0; i < n; i++) (d[i] as number) -= a * (yk[i] as number);
    }
    if (S.length) {
      const s = S[S.length - 1] as Float64Array;
      const yk = Y[S.length - 1] as Float64Array;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        sy += (s[i] as number) * (yk[i] as number);
        yy += (yk[i] as number) * (yk[i] as number);
      }
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) (d[i] as number) *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const s = S[k] as Float64Array;
      const yk = Y[k] as Float64Array;
      let beta = 0;
      for (let i = 0; i < n; i++) beta += (yk[i] as number) * (d[i] as number);
      beta *= rho[k] as number;
      const c = (alpha[k] as number) - beta;
      for (let i = 0; i < n; i++) (d[i] as number) += c * (s[i] as number);
    }
    let gd = 0;
    for (let i = 0; i < n; i++) gd += (g[i] as number) * (d[i] as number);
    if (!(gd < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      gd = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -(g[i] as number);
        gd -= (g[i] as number) * (g[i] as number);
      }
      if (gd === 0) break;
    }
    let t = S.length === 0 ? Math.min(1, 1 / Math.sqrt(-gd)) : 1;
    let fn = f;
    let ok = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xn[i] = (x[i] as number) + t * (d[i] as number);
      fn = fg(xn, gn);
      if (fn <= f + 1e-4 * t * gd) {
        ok = true;
        break;
      }
      t *= 0.5;
    }
    if (!ok) break;
    const s = new Float64Array(n);
    const yk = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = (xn[i] as number) - (x[i] as number);
      yk[i] = (gn[i] as number) - (g[i] as number);
      sy += (s[i] as number) * (yk[i] as number);
    }
    x.set(xn);
    const tmp = g;
    g = gn;
    gn = tmp;
    const df = f - fn;
    f = fn;
    if (sy > 1e-12) {
      S.push(s);
      Y.push(yk);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (df <= 1e-9 * Math.max(1, Math.abs(f))) break;
  }
  return f;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
