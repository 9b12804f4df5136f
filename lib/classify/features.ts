/**
 * The model's features, string side (training, user-topic marks, tests): a paper is the set of its terms,
 * i.e. binary features. Terms are the unigrams and bigrams of title + abstract, the same n-grams of the title
 * again under the `T:` prefix (a topic named in the title is stronger evidence than one mentioned in the
 * abstract), and marker terms. The runtime classifier computes the same set from hashes without building
 * strings; `tests/unit/classify` checks that both sides agree.
 */
import { TITLE_PREFIX, tokenStrings } from './tokenize.ts';
import type { PaperText } from './types.ts';

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
