/**
 * The built-in model's asset (model.json, format in model.ts) decoded for run time: the terms' hashes in one
 * table, the weights of both heads as dense per-slot rows, the calibration of each text kind, and the
 * background rates user topics compare marked papers with. Decoded once (a few ms) and shared by every
 * classifier (classifier.ts) built from it; kept apart from the scoring so each can be read alone.
 */
import { hashTermList } from './hash.ts';
import { forEachPair, type KindJson, MODEL_FORMAT, type TopicModelJson } from './model.ts';
import { TermTable } from './table.ts';
import type { TextKind } from './types.ts';

/** Per-topic calibration of one text kind, compiled. */
export interface KindCalibration {
  a: Float64Array;
  /** Weight of the title head's logit over the title (snippets), or null. */
  aTitle: Float64Array | null;
  c: Float64Array;
  threshold: Float64Array;
}

export interface ModelTopic {
  id: string;
  name: string;
  description?: string;
  /** True for the model's built-in topics, false for user topics. */
  builtin: boolean;
}

/** The built-in model, decoded once (a few ms) and shared by every classifier built from it. */
export interface CompiledModel {
  readonly topics: readonly ModelTopic[];
  /** Hashes of the asset's terms -> slots */
  readonly table: TermTable;
  /** [slot * topics + t] */
  readonly wFull: Float32Array;
  readonly wTitle: Float32Array;
  readonly biasFull: Float64Array;
  readonly biasTitle: Float64Array;
  readonly kinds: Readonly<Record<TextKind, KindCalibration>>;
  /**
   * Fraction of papers containing each listed term (for user topics); see `backgroundRate`. Built when first
   * read: only user topics need it, and the service worker's start should not wait for it.
   */
  readonly background: ReadonlyMap<string, number>;
  /** Rate assumed for a term that is not listed: the listing threshold (an upper bound: conservative). */
  readonly rareRate: readonly [number, number];
  readonly json: TopicModelJson;
}

export function compileModel(json: TopicModelJson): CompiledModel {
  if (json.format !== MODEL_FORMAT) throw new Error(`unknown topic model format ${String(json.format)}`);
  const T = json.topics.length;
  const hashes = hashTermList(json.terms);
  const nTerms = hashes.length / 2;
  const table = new TermTable(nTerms);
  const slotOfTerm = new Int32Array(nTerms);
  for (let i = 0; i < nTerms; i++) {
    slotOfTerm[i] = table.insert(hashes[2 * i] as number, hashes[2 * i + 1] as number);
  }
  const slots = table.size;
  const decode = (weights: number[][]): Float32Array => {
    const w = new Float32Array(slots * T);
    weights.forEach((pairs, t) => {
      forEachPair(pairs, (term, q) => {
        w[(slotOfTerm[term] as number) * T + t] = q / json.scale;
      });
    });
    return w;
  };
  const N = json.backgroundDocs;
  let background: Map<string, number> | undefined;
  return {
    topics: json.topics.map((t) => ({ ...t, builtin: true })),
    table,
    wFull: decode(json.full.weights),
    wTitle: decode(json.title.weights),
    biasFull: Float64Array.from(json.full.bias),
    biasTitle: Float64Array.from(json.title.bias),
    kinds: {
      abstract: compileKind(json.kinds.abstract, 'full'),
      snippet: compileKind(json.kinds.snippet, 'full'),
      title: compileKind(json.kinds.title, 'title'),
    },
    get background() {
      if (!background) {
        const terms = json.terms.split('\n');
        const map = new Map<string, number>();
        forEachPair(json.background, (term, c) => {
          map.set(terms[term] as string, c / N);
        });
        background = map;
      }
      return background;
    },
    rareRate: [json.backgroundMinDocs[0] / N, json.backgroundMinDocs[1] / N],
    json,
  };
}

function compileKind(k: KindJson, head: KindJson['head']): KindCalibration {
  if (k.head !== head) throw new Error(`topic model: unexpected head ${k.head}`);
  return {
    a: Float64Array.from(k.a),
    aTitle: k.aTitle ? Float64Array.from(k.aTitle) : null,
    c: Float64Array.from(k.c),
    threshold: Float64Array.from(k.threshold),
  };
}

/** Fraction of papers that contain `term` (background statistics of the model). */
export function backgroundRate(model: CompiledModel, term: string): number {
  return model.background.get(term) ?? model.rareRate[term.indexOf(' ') > 0 ? 1 : 0];
}
