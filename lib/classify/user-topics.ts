/**
 * Compilation of the user's own topics and relevance marks (their plain-JSON state: user-state.ts) into the
 * classifier's user layer (classifier.ts). Rebuilding after a change costs about a millisecond per topic for
 * dozens of marks (the built-in model is compiled once and shared).
 *
 * A user topic scores papers like a built-in one: bias + the weights of the terms a paper contains.
 *  - Key phrases are the prior: each phrase's terms (and their title twins) weigh `phraseWeight`, so with no
 *    marks a key phrase in the title, or in the abstract, labels the paper.
 *  - Marks (and example papers, which count as "relevant") add terms, like query expansion in relevance
 *    feedback: for every term of the marked papers, naive-Bayes log-odds of its rate among relevant vs
 *    not-relevant marks, each shrunk toward the term's base rate (stored with the model). Only terms whose
 *    count among the marks is surprising given that base rate (a binomial test: thousands of terms are tried)
 *    are kept, the most surprising ones first, a few per mark, each capped. Naive Bayes over every term, or a
 *    logistic regression on a few dozen marks, drifted: the former summed hundreds of chance co-occurrences,
 *    the latter learnt nothing from confirmed papers (already scored high) and only pushed common words down.
 *  - A mark on a built-in topic trains a correction of that topic: a logistic regression with the built-in
 *    logit as a fixed offset, weights pulled toward 0, common words excluded.
 *  - A marked paper itself always gets the user's verdict (classify with its `id`).
 */
import { type ClassifierOptions, PaperClassifier, type UserLayer } from './classifier.ts';
import { backgroundRate, type CompiledModel, type ModelTopic } from './compile.ts';
import { paperTerms, phraseTerms } from './features.ts';
import { TITLE_PREFIX } from './hash.ts';
import { fitLogistic, type SparseRow, TermIndex } from './lr.ts';
import { TermTable } from './table.ts';
import type { PaperText } from './types.ts';
import { emptyUserState, type RelevanceMark, type UserTopic, type UserTopicsState } from './user-state.ts';

export interface UserModelParams {
  /** Prior weight of each key-phrase term (and of its title twin). */
  phraseWeight: number;
  /** Bias of a user topic: with the defaults, one key phrase in the abstract reaches the threshold. */
  bias: number;
  /** Pseudo-papers at the base rate added to the relevant / not-relevant counts of a term. */
  shrinkRelevant: number;
  shrinkOther: number;
  /** A term learns from marks once this many marked papers of one side contain it. */
  minMarked: number;
  /** ...and when that count is this surprising given the term's base rate (-log p-value, binomial). */
  minSurprise: number;
  /** Scale of the log-odds of terms typical of relevant / of not-relevant marks. */
  markWeight: number;
  negativeWeight: number;
  /** Terms learnt per mark, at most `maxExpansion` in each direction, each weighing at most `maxTermWeight`. */
  expansionPerMark: number;
  maxExpansion: number;
  /** A term is skipped when the marked papers containing it are nearly those of a taken term (Jaccard). */
  maxOverlap: number;
  /** Terms more common than this (base rate) are never learnt from marks (the built-in model's cut-off too). */
  maxExpansionRate: number;
  maxTermWeight: number;
  /** L2 strength of built-in corrections (toward no correction) and of their bias. */
  correctionLambda: number;
  correctionBiasLambda: number;
  /** Base rate above which a term is too common to enter a built-in correction. */
  correctionMaxRate: number;
}

/**
 * Chosen with lib/cli/eval-user-topics.ts on three topics (security, HCI, audio) kept apart from the two
 * reported ones (robotics, information retrieval); where those three could not tell values apart
 * (`maxExpansionRate`), the choice follows the built-in model (its common-word cut-off, 0.2).
 */
export const DEFAULT_USER_PARAMS: UserModelParams = {
  phraseWeight: 3,
  bias: -3,
  shrinkRelevant: 5,
  shrinkOther: 20,
  minMarked: 2,
  minSurprise: 8,
  markWeight: 0.5,
  negativeWeight: 0.2,
  expansionPerMark: 1,
  maxExpansion: 40,
  maxExpansionRate: 0.1,
  maxOverlap: 0.6,
  maxTermWeight: 2,
  correctionLambda: 1,
  correctionBiasLambda: 1,
  correctionMaxRate: 0.01,
};

/** Term sets of papers, by id and text: marks are re-read at every rebuild, tokenising them once is enough. */
const termCache = new Map<string, Set<string>>();
const TERM_CACHE_MAX = 5000;

function termsOf(id: string, p: PaperText): Set<string> {
  const key = `${id}\u0000${p.title}\u0000${p.abstract ?? ''}`;
  let t = termCache.get(key);
  if (!t) {
    t = paperTerms(p);
    if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
    termCache.set(key, t);
  }
  return t;
}

interface Column {
  terms: Map<string, number>;
  bias: number;
}

/**
 * The prior of a user topic: its key phrases' terms. A phrase of three or more words has several bigrams;
 * only the rarest one stands for it ("graph neural network" -> "graph neural", not the ubiquitous "neural
 * network"), with its title twin.
 */
function phrasePrior(
  phrases: readonly string[],
  weight: number,
  rate: (term: string) => number,
): Map<string, number> {
  const prior = new Map<string, number>();
  for (const phrase of phrases) {
    const terms = phraseTerms(phrase);
    const body = terms.filter((t) => !t.startsWith(TITLE_PREFIX));
    let best = body[0];
    for (const t of body) if (best === undefined || rate(t) < rate(best)) best = t;
    if (best === undefined) continue;
    for (const t of [best, TITLE_PREFIX + best]) prior.set(t, Math.max(prior.get(t) ?? 0, weight));
  }
  return prior;
}

/** Jaccard similarity of two sorted index lists. */
function jaccard(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** -log P(X >= k) for X ~ Binomial(n, p): how surprising k of n marked papers with the term are. */
function binomialSurprise(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  // log C(n, i) built incrementally; the tail is summed in log space
  let logC = 0;
  for (let i = 1; i <= k; i++) logC += Math.log((n - i + 1) / i);
  let max = -Infinity;
  const terms: number[] = [];
  for (let i = k; i <= n; i++) {
    const t = logC + i * lp + (n - i) * lq;
    terms.push(t);
    if (t > max) max = t;
    logC += Math.log((n - i) / (i + 1));
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return -(max + Math.log(sum));
}

function fitUserTopic(
  topic: UserTopic,
  positives: readonly Set<string>[],
  negatives: readonly Set<string>[],
  rate: (term: string) => number,
  params: UserModelParams,
): Column {
  const terms = phrasePrior(topic.phrases, params.phraseWeight, rate);
  const P = positives.length;
  const Q = negatives.length;
  if (!P && !Q) return { terms, bias: params.bias };
  // Which marked papers contain each term (indices), per side.
  const pos = new Map<string, number[]>();
  const neg = new Map<string, number[]>();
  positives.forEach((p, i) => {
    for (const t of p) {
      const l = pos.get(t);
      if (l) l.push(i);
      else pos.set(t, [i]);
    }
  });
  negatives.forEach((p, i) => {
    for (const t of p) {
      const l = neg.get(t);
      if (l) l.push(i);
      else neg.set(t, [i]);
    }
  });
  type Candidate = { term: string; logOdds: number; surprise: number; papers: number[] };
  const up: Candidate[] = [];
  const down: Candidate[] = [];
  for (const t of new Set([...pos.keys(), ...neg.keys()])) {
    const ps = pos.get(t) ?? [];
    const ns = neg.get(t) ?? [];
    const a = ps.length;
    const n = ns.length;
    if (Math.max(a, n) < params.minMarked) continue;
    const bg = rate(t);
    // Words most papers use cannot tell a topic apart, however often the marked papers use them.
    if (bg > params.maxExpansionRate) continue;
    // How often relevant / not relevant papers contain the term: the marks' counts, each side shrunk toward
    // the base rate (the not-relevant side strongly: most papers are not relevant, and they look like the base).
    const rel = (a + params.shrinkRelevant * bg) / (P + params.shrinkRelevant);
    const non = (n + params.shrinkOther * bg) / (Q + params.shrinkOther);
    const lo = Math.log(rel / non);
    // Thousands of terms are tried, so a term must be surprisingly frequent among the marked papers of its
    // side, not merely present in two of them by chance.
    if (lo > 0 && a >= params.minMarked) {
      const s = binomialSurprise(a, P, bg);
      if (s >= params.minSurprise) up.push({ term: t, logOdds: lo, surprise: s, papers: ps });
    } else if (lo < 0 && n >= params.minMarked) {
      const s = binomialSurprise(n, Q, Math.max(bg, a / Math.max(P, 1)));
      if (s >= params.minSurprise) down.push({ term: t, logOdds: lo, surprise: s, papers: ns });
    }
  }
  const k = Math.min(params.maxExpansion, params.expansionPerMark * (P + Q));
  const pick = (cands: Candidate[]): Candidate[] => {
    // Most surprising first; a term found in (nearly) the same marked papers as one already taken is the same
    // evidence again ("lora", "T:lora", "lora adapter"), and naive Bayes would count it twice: skip it.
    cands.sort((x, y) => y.surprise - x.surprise || (x.term < y.term ? -1 : 1));
    const taken: Candidate[] = [];
    for (const c of cands) {
      if (taken.length >= k) break;
      if (taken.some((o) => jaccard(o.papers, c.papers) >= params.maxOverlap)) continue;
      taken.push(c);
    }
    return taken;
  };
  for (const c of pick(up))
    terms.set(
      c.term,
      (terms.get(c.term) ?? 0) + Math.min(params.maxTermWeight, params.markWeight * c.logOdds),
    );
  for (const c of pick(down))
    terms.set(
      c.term,
      (terms.get(c.term) ?? 0) + Math.max(-params.maxTermWeight, params.negativeWeight * c.logOdds),
    );
  return { terms, bias: params.bias };
}

function fitCorrection(
  rows: readonly Set<string>[],
  offsets: readonly number[],
  relevant: readonly boolean[],
  rate: (term: string) => number,
  params: UserModelParams,
): Column {
  // Common words are left out: corrected on a few marks, they would shift every paper's score.
  // Local term indexing for this fit.
  const vocab = new TermIndex();
  const lrows: SparseRow[] = rows.map((r) => {
    const idx: number[] = [];
    for (const t of r) if (rate(t) < params.correctionMaxRate) idx.push(vocab.id(t));
    return { idx };
  });
  const fit = fitLogistic({
    rows: lrows,
    y: relevant.map((r) => (r ? 1 : 0)),
    offset: offsets,
    dim: vocab.terms.length,
    lambda: params.correctionLambda,
    biasPrior: 0,
    biasLambda: params.correctionBiasLambda,
    maxIter: 200,
  });
  const terms = new Map<string, number>();
  vocab.terms.forEach((t, j) => {
    const w = fit.w[j] as number;
    if (Math.abs(w) >= 1e-3) terms.set(t, w);
  });
  return { terms, bias: fit.b };
}

/** Compiles the state's user topics and corrections into a user layer (null when there is nothing). */
export function compileUserLayer(
  model: CompiledModel,
  state: UserTopicsState,
  params: UserModelParams = DEFAULT_USER_PARAMS,
): UserLayer | null {
  const papers = state.papers;
  const builtinIds = model.topics.map((t) => t.id);
  const userTopics = state.topics.filter((t) => !builtinIds.includes(t.id));
  const marksBy = new Map<string, RelevanceMark[]>();
  for (const m of state.marks) {
    if (!papers[m.paperId]) continue; // text unknown: the mark still decides that paper (below)
    const list = marksBy.get(m.topicId) ?? [];
    list.push(m);
    marksBy.set(m.topicId, list);
  }
  const columns: Column[] = [];
  const info: ModelTopic[] = [];
  for (const topic of userTopics) {
    const pos: Set<string>[] = [];
    const neg: Set<string>[] = [];
    const seen = new Set<string>();
    for (const m of marksBy.get(topic.id) ?? []) {
      seen.add(m.paperId);
      (m.relevant ? pos : neg).push(termsOf(m.paperId, papers[m.paperId] as PaperText));
    }
    for (const id of topic.examples) {
      const p = papers[id];
      if (p && !seen.has(id)) pos.push(termsOf(id, p));
    }
    columns.push(fitUserTopic(topic, pos, neg, (t) => backgroundRate(model, t), params));
    info.push({ id: topic.id, name: topic.name, builtin: false });
  }
  const adjustCol = new Int32Array(builtinIds.length).fill(-1);
  let base: PaperClassifier | null = null;
  builtinIds.forEach((id, t) => {
    const marks = marksBy.get(id);
    if (!marks?.length) return;
    base ??= new PaperClassifier(model);
    const b = base;
    const rows = marks.map((m) => termsOf(m.paperId, papers[m.paperId] as PaperText));
    const offsets = marks.map((m) => b.rawBuiltin(papers[m.paperId] as PaperText).builtin[t] as number);
    adjustCol[t] = columns.length;
    columns.push(
      fitCorrection(
        rows,
        offsets,
        marks.map((m) => m.relevant),
        (term) => backgroundRate(model, term),
        params,
      ),
    );
  });
  const marks = new Map<string, Map<string, boolean>>();
  for (const m of state.marks) {
    let byPaper = marks.get(m.topicId);
    if (!byPaper) {
      byPaper = new Map();
      marks.set(m.topicId, byPaper);
    }
    byPaper.set(m.paperId, m.relevant);
  }
  if (!columns.length && !marks.size) return null;
  // One table over every term any column uses.
  const table = new TermTable(64);
  const cols = columns.length;
  const entries: [number, number, number][] = [];
  columns.forEach((c, k) => {
    for (const [term, w] of c.terms) entries.push([table.insertTerm(term), k, w]);
  });
  const w = new Float64Array(Math.max(1, table.size) * cols);
  for (const [slot, k, v] of entries) w[slot * cols + k] = v;
  return {
    table,
    cols,
    w,
    bias: Float64Array.from(columns, (c) => c.bias),
    userTopics: info,
    adjustCol,
    marks,
  };
}

/** Builds a classifier over the built-in topics and the state's user topics, marks and switches. */
export function buildClassifier(
  model: CompiledModel,
  state: UserTopicsState = emptyUserState(),
  options: ClassifierOptions & { params?: UserModelParams } = {},
): PaperClassifier {
  const layer = compileUserLayer(model, state, options.params);
  const disabled = new Set([...(options.disabled ?? []), ...state.disabled]);
  for (const t of state.topics) if (t.enabled === false) disabled.add(t.id);
  return new PaperClassifier(model, layer, { ...options, disabled });
}
