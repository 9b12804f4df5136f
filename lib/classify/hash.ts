/**
 * Term hashing, shared by the tokeniser (tokenize.ts) and the loading of vocabularies (the asset's terms, the
 * user layer's). Each token is identified by two independent 32-bit hashes (together ~64 bits, so collisions
 * between distinct terms are negligible); bigrams and title-namespace terms combine them. `hashTerm` maps a term
 * string (as `tokenStrings` spells it) back to the hashes `tokenize` gives, which is how the model's vocabulary
 * (stored as strings) meets the text at run time. The scanner shares one buffer with these functions: `chars`,
 * which its `normalise` fills and `hashChars` reads.
 */

/** Prefix of terms in the title namespace: the same n-gram seen in the title is a separate feature. */
export const TITLE_PREFIX = 'T:';

/** Longest token prefix that is hashed; longer runs (URLs without spaces, CJK sentences) are truncated. */
export const MAX_TOKEN = 32;

// Hash constants. A: FNV-1a; B: a multiply-xorshift with another odd constant. Both are finalised with a
// murmur-style avalanche so that bigram combination mixes well.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const B_SEED = 0x27d4eb2f | 0;
const B_MUL = 0x5bd1e995;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Hash A of a bigram from its tokens' A hashes (order matters). */
export function bigramA(a1: number, a2: number): number {
  return fmix(Math.imul(a1, 0x9e3779b1) ^ a2 ^ 0x6a09e667);
}
/** Hash B of a bigram from its tokens' B hashes. */
export function bigramB(b1: number, b2: number): number {
  return fmix(Math.imul(b1 ^ 0x3c6ef372, 0x7feb352d) + b2);
}

/** Hash A of a term in the title namespace ("T:graph neural") from its plain hash A. */
export function titleA(a: number): number {
  return fmix(a ^ 0x5851f42d);
}
/** Hash B of a term in the title namespace. */
export function titleB(b: number): number {
  return fmix((b + 0x4c957f2d) | 0);
}

// Scratch: the lower-cased (and stemmed) chars of the current token, for hashing and for `tokenStrings`. Filled by
// `normalise` (tokenize.ts) and `hashOne`, read right after: one buffer, the runtime is single-threaded.
export const chars = new Uint16Array(MAX_TOKEN + 2);

/** Hash A of the token in chars[0..n). */
export function hashChars(n: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ (chars[i] as number), FNV_PRIME);
  return fmix(h);
}
/** Hash B of the token in chars[0..n). */
export function hashCharsB(n: number): number {
  let h = B_SEED;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ (chars[i] as number), B_MUL);
    h ^= h >>> 15;
  }
  return fmix(h ^ n);
}

/**
 * Runtime hashes [A, B] of a vocabulary term: one normalised token ("network"), two separated by a single
 * space ("graph neural"), either prefixed by `TITLE_PREFIX`, or a marker ("#gnn"). Used to load vocabularies.
 */
export function hashTerm(term: string): [number, number] {
  const h = hashTermList(term); // a term holds no newline: one line
  return [h[0] as number, h[1] as number];
}

/**
 * `hashTerm` of every line of a newline-joined term list, as [a0, b0, a1, b1, ...], in one pass that allocates
 * nothing per term: the asset's terms are hashed at every service-worker start, while V8 still interprets.
 */
export function hashTermList(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const out = new Int32Array(lines * 2);
  let start = 0;
  for (let k = 0; k < lines; k++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const title = text.startsWith(TITLE_PREFIX, start);
    const s = title ? start + TITLE_PREFIX.length : start;
    const sp = text.indexOf(' ', s);
    let a = spanHash(text, s, sp < 0 || sp >= end ? end : sp);
    let b = spanB;
    if (sp >= 0 && sp < end) {
      a = bigramA(a, spanHash(text, sp + 1, end));
      b = bigramB(b, spanB);
    }
    out[2 * k] = title ? titleA(a) : a;
    out[2 * k + 1] = title ? titleB(b) : b;
    start = end + 1;
  }
  return out;
}

let spanB = 0;
/** Hash A of text[s..e) as a token (truncated); its hash B is left in `spanB`. One pass, no copy. */
function spanHash(text: string, s: number, e: number): number {
  const m = Math.min(e - s, MAX_TOKEN);
  let a = FNV_OFFSET;
  let b = B_SEED;
  for (let i = s; i < s + m; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, B_MUL);
    b ^= b >>> 15;
  }
  spanB = fmix(b ^ m);
  return fmix(a);
}

/** Hashes [A, B] of one normalised token (or a marker). */
export function hashOne(tok: string): [number, number] {
  const m = Math.min(tok.length, MAX_TOKEN);
  for (let i = 0; i < m; i++) chars[i] = tok.charCodeAt(i);
  return [hashChars(m), hashCharsB(m)];
}
