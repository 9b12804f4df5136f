/**
 * The model's features, string side (training, user-topic marks, tests): a paper is the set of its terms,
 * i.e. binary features. Terms are the unigrams and bigrams of title + abstract, the same n-grams of the title
 * again under the `T:` prefix (a topic named in the title is stronger evidence than one mentioned in the
 * abstract), and marker terms. The runtime classifier computes the same set from hashes without building
 * strings; `tests/unit/classify` checks that both sides agree.
 */
import { TITLE_PREFIX } from './hash.ts';
import { tokenStrings } from './tokenize.ts';
import type { PaperText, TextKind } from './types.ts';

function addTerms(text: string, prefix: string, out: Set<string>): void {
  let prev: string | null = null;
  for (const t of tokenStrings(text)) {
    if (t.marker) {
      if (!prefix) out.add(t.term);
      continue;
    }
    out.add(prefix + t.term);
    if (prev !== null && !t.brk) out.add(`${prefix}${prev} ${t.term}`);
    prev = t.term;
  }
}

/** True when the paper has a non-blank abstract; otherwise it is classified on its title alone. */
export function hasAbstract(p: PaperText): boolean {
  return typeof p.abstract === 'string' && /\S/.test(p.abstract);
}

/**
 * Below this many characters (trimmed), an abstract is taken for a fragment: Google Scholar rows show ~240
 * characters, Semantic Scholar's and arXiv listings' truncated abstracts a few hundred; the labelled papers'
 * real abstracts are 400 characters or longer for all but 5 of 4,660.
 */
export const SNIPPET_MAX_CHARS = 400;
/** An abstract that ends with an ellipsis is a fragment too, up to this length (a cut abstract). */
export const CUT_MAX_CHARS = 700;

/**
 * What a paper's text is, decided by what it carries, not by the site it came from: `'title'` (no abstract, or
 * a blank one), `'snippet'` (an abstract under 400 characters, or under 700 that ends in "…" or "..."), or
 * `'abstract'`. The classifier uses the weights and calibration of that kind.
 */
export function textKindOf(p: PaperText): TextKind {
  const a = p.abstract;
  if (typeof a !== 'string') return 'title';
  // The trimmed length, without copying a possibly long string.
  let s = 0;
  let e = a.length;
  while (s < e && isSpace(a.charCodeAt(s))) s++;
  while (e > s && isSpace(a.charCodeAt(e - 1))) e--;
  const len = e - s;
  if (len === 0) return 'title';
  if (len < SNIPPET_MAX_CHARS) return 'snippet';
  if (len < CUT_MAX_CHARS && (a.charCodeAt(e - 1) === 0x2026 || a.startsWith('...', e - 3))) return 'snippet';
  return 'abstract';
}

/** White space as `String.prototype.trim` sees it (the common cases). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x1680 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/**
 * The abstract's first `n` characters cut at a word, ended with " …": what Google Scholar shows, and how the
 * evaluator's `--snippet` mode and training make snippets.
 */
export function snippetOf(abstract: string, n = 240): string {
  if (abstract.length <= n) return abstract;
  const cut = abstract.lastIndexOf(' ', n);
  return `${abstract.slice(0, cut > 0 ? cut : n)} …`;
}

/** The paper's terms (binary features). With `titleOnly` (or no abstract) the abstract is ignored. */
export function paperTerms(p: PaperText, titleOnly = false): Set<string> {
  const out = new Set<string>();
  const title = typeof p.title === 'string' ? p.title : '';
  addTerms(title, '', out);
  if (!titleOnly && hasAbstract(p)) addTerms(p.abstract as string, '', out);
  addTerms(title, TITLE_PREFIX, out);
  return out;
}

/**
 * The terms a typed key phrase stands for: the phrase's unigram (one token) or its bigrams (longer phrases),
 * in both namespaces. A phrase written with a leading "#" is a marker term, used verbatim.
 */
export function phraseTerms(phrase: string): string[] {
  if (phrase.startsWith('#')) return [phrase];
  const toks = tokenStrings(phrase).filter((t) => !t.marker);
  const base: string[] = [];
  if (toks.length === 1) base.push((toks[0] as { term: string }).term);
  for (let i = 1; i < toks.length; i++) base.push(`${toks[i - 1]?.term} ${toks[i]?.term}`);
  return [...base, ...base.map((t) => TITLE_PREFIX + t)];
}
