/**
 * Tokeniser shared by the runtime classifier and the training code.
 *
 * One char-code loop, no regex and no per-token string: a token is a run of letters/digits (hyphens, dots,
 * slashes and the like split tokens), lower-cased, with a light plural stemmer ("networks" -> "network",
 * "policies" -> "policy"). Each token is identified by two independent 32-bit hashes (hash.ts); training gets
 * the same tokens as strings from `tokenStrings`, and `hashTerm` (hash.ts) maps such a string back to the
 * runtime hashes.
 *
 * Stopwords and pure numbers are dropped. Sentence punctuation (. , ; : ! ? brackets) sets a "break" flag so
 * that bigrams never span it; hyphens, slashes and apostrophes do not break ("q-learning" gives "q learning").
 *
 * Markers: a few case-sensitive patterns inside acronym-like tokens name a topic even when the token itself
 * is new ("STGNN", "MARL", "HyperLoRA", "SASRec"). Such a token is followed by a marker token ("#gnn", ...)
 * that only counts as a unigram: bigrams chain over it. "#" never occurs in a normal token.
 */
import { chars, hashChars, hashCharsB, hashOne, MAX_TOKEN } from './hash.ts';

/** Per-char class: 0 = separator, 1 = letter (token char), 2 = digit, 3 = break punctuation. */
const CLASS = new Uint8Array(65536);
/** Lower-case mapping per char code (identity where no simple mapping exists). */
const LOWER = new Uint16Array(65536);

(function initTables() {
  for (let c = 0; c < 65536; c++) LOWER[c] = c;
  for (let c = 65; c <= 90; c++) LOWER[c] = c + 32;
  for (let c = 97; c <= 122; c++) CLASS[c] = 1;
  for (let c = 65; c <= 90; c++) CLASS[c] = 1;
  for (let c = 48; c <= 57; c++) CLASS[c] = 2;
  for (const ch of '.,;:!?()[]{}') CLASS[ch.charCodeAt(0)] = 3;
  // Beyond ASCII: letters of Latin-1/Extended, Greek and Cyrillic (lower-cased with the platform's simple
  // mapping), and everything from U+3000 up (CJK etc.) except that block's punctuation and full-width
  // punctuation. The rest (general punctuation, symbols, math operators) separates tokens.
  for (let c = 0xc0; c < 0x530; c++) {
    if (c === 0xd7 || c === 0xf7) continue;
    const s = String.fromCharCode(c);
    const lo = s.toLowerCase();
    const isLetter = lo !== s.toUpperCase() || (c >= 0xdf && c <= 0xff);
    if (!isLetter) continue;
    CLASS[c] = 1;
    if (lo.length === 1) LOWER[c] = lo.charCodeAt(0);
  }
  for (let c = 0x3040; c < 0xd800; c++) CLASS[c] = 1;
  for (let c = 0xd800; c < 0xe000; c++) CLASS[c] = 1; // surrogate halves: keep astral letters together
  for (let c = 0xf900; c < 0xff00; c++) CLASS[c] = 1;
  for (let c = 0xff10; c <= 0xff19; c++) CLASS[c] = 2;
  for (let c = 0xff21; c <= 0xff3a; c++) CLASS[c] = 1;
  for (let c = 0xff41; c <= 0xff5a; c++) CLASS[c] = 1;
  for (const ch of '\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff08\uff09')
    CLASS[ch.charCodeAt(0)] = 3;
})();

/**
 * If markup starts at text[i] — an HTML/XML tag ("<b>", "</span>", "<a href=...>", "<!-- -->") or an entity
 * ("&amp;", "&#39;") — returns the index just after it, else -1. Markup separates tokens without breaking a
 * phrase ("<b>Graph</b> neural" still gives "graph neural"). Page adapters send clean text; this is for
 * whatever else arrives.
 */
function skipMarkup(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const n = text.charCodeAt(i + 1);
  if (c === 60 /* < */) {
    const isTag = (n >= 97 && n <= 122) || (n >= 65 && n <= 90) || n === 47 /* / */ || n === 33; /* ! */
    if (!isTag) return -1;
    const end = Math.min(text.length, i + 300);
    for (let j = i + 1; j < end; j++) {
      const d = text.charCodeAt(j);
      if (d === 62 /* > */) return j + 1;
      if (d === 60) return -1;
    }
    return -1;
  }
  if (c === 38 /* & */) {
    const end = Math.min(text.length, i + 12);
    for (let j = i + 1; j < end; j++) {
      const d = text.charCodeAt(j);
      if (d === 59 /* ; */) return j > i + 1 ? j + 1 : -1;
      const ok = (d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 35; /* # */
      if (!ok) return -1;
    }
  }
  return -1;
}

const STOPWORDS = (
  'a about above after again all also am an and any are as at be been before being below between both but by ' +
  'can could did do does doing during each either etc few for from further had has have having he her here ' +
  'hers him his how however i if in into is it its itself just may me might more most much must my no nor not ' +
  'now of on once one only or other our ours out over own per same she should so some such than that the ' +
  'their theirs them then there these they this those through thus to too under until up upon us very via was ' +
  'we were what when where whether which while who whom why will with within without would yet you your ' +
  's e g t eg ie et al'
).split(' ');

let stopA: Int32Array = new Int32Array(0);
let stopB: Int32Array = new Int32Array(0);
const STOP_MASK = 511;

function isStop(a: number, b: number): boolean {
  let slot = a & STOP_MASK;
  while (true) {
    const sb = stopB[slot] as number;
    if (sb === 0 && stopA[slot] === 0) return false;
    if (stopA[slot] === a && sb === b) return true;
    slot = (slot + 1) & STOP_MASK;
  }
}

// Token buffers, reused across calls (the runtime is single-threaded). Grown on demand.
let cap = 1024;
/** Hash A of each token of the last `tokenize` call. */
export let tokA = new Int32Array(cap);
/** Hash B of each token. */
export let tokB = new Int32Array(cap);
/** Char offset where each token starts / ends (exclusive) in the text. */
export let tokStart = new Int32Array(cap);
export let tokEnd = new Int32Array(cap);
/** 0: continues the phrase; 1: punctuation separates it from the previous token; 2: a marker (see above). */
export let tokBreak = new Uint8Array(cap);

/** Marker terms, by id. */
export const MARKERS = ['#gnn', '#rl', '#hyper', '#rec'] as const;
const markerA: number[] = [];
const markerB: number[] = [];

/** Marker id for the token text[s..e), or -1. Only tokens with an upper-case letter after the first char. */
function markerOf(text: string, s: number, e: number): number {
  let upperInside = false;
  for (let i = s + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upperInside = true;
      break;
    }
  }
  if (!upperInside || e - s > MAX_TOKEN) return -1;
  let t = text.slice(s, e);
  if (t.includes('GNN') || t.includes('GCN')) return 0;
  if (t.startsWith('Hyper') && e - s > 5) {
    const c = t.charCodeAt(5);
    if (c >= 65 && c <= 90) return 2;
  }
  const r = t.indexOf('Rec');
  if (r >= 0 && t.length > 3) {
    const c = r + 3 < t.length ? t.charCodeAt(r + 3) : 0;
    if (!(c >= 97 && c <= 122)) return 3; // "SASRec", "RecSys", not "Recurrent"
  }
  if (t.endsWith('s')) t = t.slice(0, -1);
  if ((t.startsWith('RL') || t.endsWith('RL')) && t !== 'URL' && /^[A-Z0-9]+$/.test(t)) return 1;
  return -1;
}

/** `next`, a larger buffer, holding the values of `old`. */
function widened<T extends Int32Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

/** Doubles the token buffers (outside the hash loop: once a text has more tokens than any before it). */
function grow(): void {
  cap *= 2;
  tokA = widened(tokA, new Int32Array(cap));
  tokB = widened(tokB, new Int32Array(cap));
  tokStart = widened(tokStart, new Int32Array(cap));
  tokEnd = widened(tokEnd, new Int32Array(cap));
  tokBreak = widened(tokBreak, new Uint8Array(cap));
}

/**
 * Normalises the token text[s..e) into `chars` and returns its length: lower case, truncated, light plural
 * stemming. Returns 0 for tokens that are pure numbers.
 */
function normalise(text: string, s: number, e: number, hasLetter: boolean): number {
  if (!hasLetter) return 0;
  let n = 0;
  const end = e - s > MAX_TOKEN ? s + MAX_TOKEN : e;
  for (let i = s; i < end; i++) chars[n++] = LOWER[text.charCodeAt(i)] as number;
  if (end === e && n > 3 && chars[n - 1] === 115 /* s */) {
    const p = chars[n - 2] as number;
    if (n > 4 && p === 101 /* e */ && chars[n - 3] === 105 /* i */) {
      // -ies -> -y (policies -> policy; "series" -> "sery" too, harmless since it is consistent)
      chars[n - 3] = 121; /* y */
      n -= 2;
    } else if (p !== 115 && p !== 117 && p !== 105) {
      // drop plural s, not after s/u/i (loss, focus, analysis)
      n -= 1;
    }
  }
  return n;
}

/**
 * Tokenises `text` into the module buffers (`tokA`, `tokB`, `tokStart`, `tokEnd`, `tokBreak`) and returns the
 * number of tokens. The first token always has its break flag set.
 */
export function tokenize(text: string): number {
  const len = text.length;
  let n = 0;
  let i = 0;
  let brk = 1;
  while (i < len) {
    const code = text.charCodeAt(i);
    const cls = CLASS[code] as number;
    if (cls === 0) {
      if (code === 60 || code === 38) {
        const j = skipMarkup(text, i);
        if (j > 0) {
          i = j;
          continue;
        }
      }
      i++;
      continue;
    }
    if (cls === 3) {
      brk = 1;
      i++;
      continue;
    }
    const s = i;
    let hasLetter = false;
    while (i < len) {
      const k = CLASS[text.charCodeAt(i)] as number;
      if (k === 1) hasLetter = true;
      else if (k !== 2) break;
      i++;
    }
    const m = normalise(text, s, i, hasLetter);
    if (m === 0) {
      brk = 1; // a number between two words breaks the phrase ("layer 2 norm")
      continue;
    }
    const a = hashChars(m);
    const b = hashCharsB(m);
    if (isStop(a, b)) continue;
    if (n === cap) grow();
    tokA[n] = a;
    tokB[n] = b;
    tokStart[n] = s;
    tokEnd[n] = i;
    tokBreak[n] = brk;
    brk = 0;
    n++;
    const mk = markerOf(text, s, i);
    if (mk >= 0) {
      if (n === cap) grow();
      tokA[n] = markerA[mk] as number;
      tokB[n] = markerB[mk] as number;
      tokStart[n] = s;
      tokEnd[n] = i;
      tokBreak[n] = 2;
      n++;
    }
  }
  return n;
}

/** A token as a string, for training and for building the vocabulary. */
export interface TokenString {
  term: string;
  brk: boolean;
  /** A marker token ("#gnn"): a unigram only, bigrams chain over it. */
  marker?: boolean;
}

/**
 * The same tokens as `tokenize`, as normalised strings (slow path: training, tests, building tables). It runs
 * `tokenize` itself, the one scanner, and spells out each token it found.
 */
export function tokenStrings(text: string): TokenString[] {
  const n = tokenize(text);
  const out: TokenString[] = [];
  for (let i = 0; i < n; i++) {
    const k = tokBreak[i] as number;
    if (k === 2) {
      out.push({ term: MARKERS[markerA.indexOf(tokA[i] as number)] as string, brk: false, marker: true });
      continue;
    }
    const m = normalise(text, tokStart[i] as number, tokEnd[i] as number, true);
    out.push({ term: String.fromCharCode(...chars.subarray(0, m)), brk: k === 1 });
  }
  return out;
}

(function initMarkers() {
  for (const m of MARKERS) {
    const [a, b] = hashOne(m);
    markerA.push(a);
    markerB.push(b);
  }
})();

(function initStopwords() {
  stopA = new Int32Array(STOP_MASK + 1);
  stopB = new Int32Array(STOP_MASK + 1);
  for (const w of STOPWORDS) {
    const m = normalise(w, 0, w.length, true); // stem like the text ("does" -> "doe")
    const a = hashChars(m);
    const b = hashCharsB(m);
    if (isStop(a, b)) continue;
    let slot = a & STOP_MASK;
    while (stopA[slot] !== 0 || stopB[slot] !== 0) slot = (slot + 1) & STOP_MASK;
    stopA[slot] = a;
    stopB[slot] = b;
  }
})();
