/**
 * Run-time classification: the compiled built-in model (compile.ts) plus an optional user layer (user topics and
 * corrections of built-in topics learned from marks, see user-topics.ts).
 *
 * A paper's score for a topic is sigmoid(bias + sum of the weights of the terms it contains) — binary
 * features, so no term counting or normalisation. The text is tokenised once into hashes (tokenize.ts); each
 * unigram and bigram (and, for the title, its `T:` twin) is looked up in hash tables, and the weights of terms
 * found for the first time in this paper are added. The paper's text kind (`textKindOf`: title only, title +
 * snippet, title + abstract) picks the weights (the title model for titles alone, the full model otherwise) and
 * the calibration: score = sigmoid(a * logit + c), a probability, labelled at the kind's threshold (overridable
 * per topic). Evidence for a label: the text spans whose terms added the most to its logit.
 */

import type { CompiledModel, ModelTopic } from './compile.ts';
import { textKindOf } from './features.ts';
import { bigramA, bigramB, titleA, titleB } from './hash.ts';
import type { TermTable } from './table.ts';
import * as tk from './tokenize.ts';
import type { Classification, PaperText, TextKind, TopicClassifier } from './types.ts';

/**
 * A decision is uncertain when, by the calibration, at least one paper in five like it is on the other side:
 * a label scored below UNCERTAIN_HIGH, or a topic left out with a score of UNCERTAIN_LOW or more. So the band
 * around a threshold is [min(threshold, 0.2), max(threshold, 0.8)).
 */
export const UNCERTAIN_LOW = 0.2;
export const UNCERTAIN_HIGH = 0.8;

/**
 * What the user layer adds: weights over its own term table, one column per user topic and one per
 * corrected built-in topic.
 */
export interface UserLayer {
  table: TermTable;
  cols: number;
  /** [slot * cols + c] */
  w: Float64Array;
  bias: Float64Array;
  /** Column c < userTopics.length is that user topic. */
  userTopics: readonly ModelTopic[];
  /** For built-in topic t: its correction column, or -1. */
  adjustCol: Int32Array;
  /** topic id -> paper id -> the user's mark: the mark decides that paper's label. */
  marks: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
}

export interface ClassifierOptions {
  /** Topic ids switched off: never scored nor labelled. */
  disabled?: Iterable<string>;
  /** Per-topic score thresholds (default: the model's, per text kind, for built-in topics; 0.5 for user topics). */
  thresholds?: Record<string, number>;
  /** Evidence items per label (default 3). */
  evidence?: number;
}

/** Calibrated logits per built-in topic (enabled or not), for training corrections from marks. */
export interface RawScores {
  builtin: Float64Array;
  kind: TextKind;
}

const MAX_EVIDENCE_CHARS = 80;
/**
 * After the strongest span, a span is shown only when it added at least this much to the logit, and at least
 * EVIDENCE_SHARE of the strongest: words such as "proposed" or "prediction" have small positive weights in every
 * topic, and as "why" they read as noise (on a real cs.LG day the topic's terms add 0.6–6, such words 0.1–0.5).
 */
const MIN_EVIDENCE = 0.5;
const EVIDENCE_SHARE = 0.2;

export class PaperClassifier implements TopicClassifier {
  readonly topics: readonly string[];
  readonly info: readonly ModelTopic[];
  private readonly model: CompiledModel;
  private readonly user: UserLayer | null;
  private readonly T: number;
  /** per built-in topic: enabled? */
  private readonly onB: Uint8Array;
  private readonly onU: Uint8Array;
  private readonly thresholds: Record<string, number>;
  private readonly nEvidence: number;
  // Scratch, reused across calls.
  private stampB: Int32Array;
  private stampU: Int32Array;
  private cur = 0;
  private zB: Float64Array;
  /** The title head's logit over the title, when the kind blends it in (snippets). */
  private zT: Float64Array;
  private blend = false;
  private zU: Float64Array;
  private hits = new Int32Array(4096); // [slot, field, start, end, table] * n
  private nHits = 0;
  private w: Float32Array;
  private kind: TextKind = 'abstract';
  private text: [string, string] = ['', ''];

  constructor(model: CompiledModel, user: UserLayer | null = null, opts: ClassifierOptions = {}) {
    this.model = model;
    this.user = user;
    this.T = model.topics.length;
    const off = new Set(opts.disabled ?? []);
    this.onB = Uint8Array.from(model.topics, (t) => (off.has(t.id) ? 0 : 1));
    const userTopics = user?.userTopics ?? [];
    this.onU = Uint8Array.from(userTopics, (t) => (off.has(t.id) ? 0 : 1));
    this.info = [...model.topics.filter((t) => !off.has(t.id)), ...userTopics.filter((t) => !off.has(t.id))];
    this.topics = this.info.map((t) => t.id);
    this.thresholds = opts.thresholds ?? {};
    this.nEvidence = opts.evidence ?? 3;
    this.stampB = new Int32Array(model.table.size);
    this.stampU = new Int32Array(user ? user.table.size : 0);
    this.zB = new Float64Array(this.T);
    this.zT = new Float64Array(this.T);
    this.zU = new Float64Array(user ? user.cols : 0);
    this.w = model.wFull;
  }

  /** Calibrated logits of the built-in topics without corrections or switches (used to learn corrections). */
  rawBuiltin(paper: PaperText): RawScores {
    const kind = this.run(paper, false);
    return { builtin: Float64Array.from(this.zB), kind };
  }

  classify(paper: PaperText): Classification {
    this.run(paper, true);
    const labels: string[] = [];
    const scores: Record<string, number> = {};
    const evidence: Record<string, string[]> = {};
    const user = this.user;
    const T = this.T;
    const uncertain: string[] = [];
    const pid = typeof paper.id === 'string' ? paper.id : undefined;
    const threshold = this.model.kinds[this.kind].threshold;
    for (let t = 0; t < T; t++) {
      if (!this.onB[t]) continue;
      const id = (this.model.topics[t] as ModelTopic).id;
      let z = this.zB[t] as number;
      const col = user ? (user.adjustCol[t] as number) : -1;
      if (user && col >= 0) z += (user.bias[col] as number) + (this.zU[col] as number);
      this.decide(id, z, threshold[t] as number, t, col, pid, labels, scores, evidence, uncertain);
    }
    if (user) {
      for (let c = 0; c < user.userTopics.length; c++) {
        if (!this.onU[c]) continue;
        const id = (user.userTopics[c] as ModelTopic).id;
        this.decide(
          id,
          (user.bias[c] as number) + (this.zU[c] as number),
          0.5,
          -1,
          c,
          pid,
          labels,
          scores,
          evidence,
          uncertain,
        );
      }
    }
    return { labels, scores, evidence, kind: this.kind, uncertain };
  }

  private decide(
    id: string,
    logit: number,
    threshold: number,
    t: number,
    col: number,
    pid: string | undefined,
    labels: string[],
    scores: Record<string, number>,
    evidence: Record<string, string[]>,
    uncertain: string[],
  ): void {
    let s = 1 / (1 + Math.exp(-logit));
    const mark = pid !== undefined ? this.user?.marks.get(id)?.get(pid) : undefined;
    if (mark !== undefined) s = mark ? 1 : 0; // the user's own verdict on this paper
    scores[id] = s;
    if (s >= (this.thresholds[id] ?? threshold)) {
      labels.push(id);
      evidence[id] = this.evidenceFor(t, col);
      if (s < UNCERTAIN_HIGH) uncertain.push(id);
    } else if (s >= UNCERTAIN_LOW) uncertain.push(id);
  }

  /**
   * Tokenises and accumulates the built-in topics' calibrated logits into zB and the user columns into zU;
   * records hits for evidence. Returns the text kind.
   */
  private run(paper: PaperText, withUser: boolean): TextKind {
    const kind = textKindOf(paper);
    const titleOnly = kind === 'title';
    this.kind = kind;
    const m = this.model;
    this.w = titleOnly ? m.wTitle : m.wFull;
    this.zB.set(titleOnly ? m.biasTitle : m.biasFull);
    const cal = m.kinds[kind];
    this.blend = cal.aTitle !== null;
    if (this.blend) this.zT.set(m.biasTitle);
    this.zU.fill(0);
    this.nHits = 0;
    if (++this.cur === 0x7fffffff) {
      this.cur = 1;
      this.stampB.fill(0);
      this.stampU.fill(0);
    }
    const title = typeof paper.title === 'string' ? paper.title : '';
    this.text[0] = title;
    this.text[1] = titleOnly ? '' : (paper.abstract as string);
    const useUser = withUser && this.user !== null;
    this.scan(title, 0, true, useUser);
    if (!titleOnly) this.scan(paper.abstract as string, 1, false, useUser);
    const z = this.zB;
    for (let t = 0; t < this.T; t++) z[t] = (cal.a[t] as number) * (z[t] as number) + (cal.c[t] as number);
    if (cal.aTitle) {
      const zT = this.zT;
      for (let t = 0; t < this.T; t++) (z[t] as number) += (cal.aTitle[t] as number) * (zT[t] as number);
    }
    return kind;
  }

  private scan(text: string, field: number, isTitle: boolean, useUser: boolean): void {
    const n = tk.tokenize(text);
    const A = tk.tokA;
    const B = tk.tokB;
    const brk = tk.tokBreak;
    const st = tk.tokStart;
    const en = tk.tokEnd;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      const a = A[i] as number;
      const b = B[i] as number;
      const k = brk[i] as number;
      const s0 = st[i] as number;
      const e0 = en[i] as number;
      this.hit(a, b, field, s0, e0, useUser);
      if (k === 2) continue; // marker: unigram only
      if (isTitle) this.hit(titleA(a), titleB(b), field, s0, e0, useUser);
      if (prev >= 0 && k === 0) {
        const ba = bigramA(A[prev] as number, a);
        const bb = bigramB(B[prev] as number, b);
        const s1 = st[prev] as number;
        this.hit(ba, bb, field, s1, e0, useUser);
        if (isTitle) this.hit(titleA(ba), titleB(bb), field, s1, e0, useUser);
      }
      prev = i;
    }
  }

  private hit(a: number, b: number, field: number, start: number, end: number, useUser: boolean): void {
    const s = this.model.table.find(a, b);
    if (s >= 0 && this.stampB[s] !== this.cur) {
      this.stampB[s] = this.cur;
      const T = this.T;
      const w = this.w;
      const z = this.zB;
      const o = s * T;
      for (let t = 0; t < T; t++) (z[t] as number) += w[o + t] as number;
      // The title is scanned first, so every term of the title is met here with field 0.
      if (this.blend && field === 0) {
        const wT = this.model.wTitle;
        const zT = this.zT;
        for (let t = 0; t < T; t++) (zT[t] as number) += wT[o + t] as number;
      }
      this.record(s, field, start, end, 0);
    }
    if (!useUser) return;
    const user = this.user as UserLayer;
    const u = user.table.find(a, b);
    if (u >= 0 && this.stampU[u] !== this.cur) {
      this.stampU[u] = this.cur;
      const C = user.cols;
      const o = u * C;
      const z = this.zU;
      for (let c = 0; c < C; c++) (z[c] as number) += user.w[o + c] as number;
      this.record(u, field, start, end, 1);
    }
  }

  private record(slot: number, field: number, start: number, end: number, table: number): void {
    const k = this.nHits * 5;
    if (k + 5 > this.hits.length) {
      const h = new Int32Array(this.hits.length * 2);
      h.set(this.hits);
      this.hits = h;
    }
    const h = this.hits;
    h[k] = slot;
    h[k + 1] = field;
    h[k + 2] = start;
    h[k + 3] = end;
    h[k + 4] = table;
    this.nHits++;
  }

  /**
   * The spans that added most to topic t's logit (built-in topic t and/or user column col): contributions of
   * the same text (e.g. the body and title twins of a title n-gram) are summed, overlapping spans dropped.
   */
  private evidenceFor(t: number, col: number): string[] {
    const byText = new Map<string, { text: string; score: number }>();
    const h = this.hits;
    const user = this.user;
    for (let i = 0; i < this.nHits; i++) {
      const k = i * 5;
      const slot = h[k] as number;
      let c = 0;
      if (h[k + 4] === 0) {
        if (t < 0) continue;
        c = this.w[slot * this.T + t] as number;
      } else {
        if (!user || col < 0) continue;
        c = user.w[slot * user.cols + col] as number;
      }
      if (!(c > 0)) continue;
      const text = (this.text[h[k + 1] as number] as string).slice(h[k + 2] as number, h[k + 3] as number);
      if (text.length > MAX_EVIDENCE_CHARS) continue;
      const key = text.toLowerCase();
      const e = byText.get(key);
      if (e) e.score += c;
      else byText.set(key, { text, score: c });
    }
    const ranked = [...byText.entries()].sort((x, y) => y[1].score - x[1].score || (x[0] < y[0] ? -1 : 1));
    const out: string[] = [];
    const chosen: string[] = [];
    const floor = Math.max(MIN_EVIDENCE, EVIDENCE_SHARE * (ranked[0]?.[1].score ?? 0));
    for (const [key, e] of ranked) {
      if (out.length > 0 && e.score < floor) break;
      if (chosen.some((c) => c.includes(key) || key.includes(c))) continue;
      chosen.push(key);
      out.push(e.text);
      if (out.length >= this.nEvidence) break;
    }
    if (out.length === 0) {
      // Labelled by the user's mark (or the bias alone): point at the title rather than at nothing.
      const title = this.text[0].trim();
      if (title) out.push(title.slice(0, MAX_EVIDENCE_CHARS));
    }
    return out;
  }
}
