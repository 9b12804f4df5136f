import { ACCENTS, ALPHABETS, LETTERS, OPERATORS, SUBSCRIPTS, SUPERSCRIPTS, SYMBOLS } from './tex-symbols';

// Titles and abstracts carry the TeX their authors typed: arXiv and Hugging Face show `M$^3$-Gen`, and MathJax
// renders the maths on the page. `parseTex` splits such a text into the TeX it recognises (maths, braced groups, a
// few text commands, escaped characters, accents) and plain text; the BibTeX export keeps that TeX and escapes the
// rest, and `texToText` turns it into readable Unicode for display (a string: shown as text, never as HTML).

export type TexPart =
  /** Plain characters (any `$ { } \` in it are literal: unpaired, unbalanced or unknown). */
  | { kind: 'text'; text: string }
  /** Maths: the source between `open` and `close` (`$…$`, `$$…$$`, `\\(…\\)`, `\\[…\\]`): non-blank, braces balanced. */
  | { kind: 'math'; tex: string; open: string; close: string }
  | { kind: 'group'; parts: TexPart[] }
  /** A text command of TEXT_COMMANDS with its braced argument. */
  | { kind: 'command'; name: string; parts: TexPart[] }
  /** TeX for one character: `\&`, `\"o`, `\c{c}`, `\ss`. */
  | { kind: 'char'; tex: string; text: string }
  /** Any other control sequence, with the braced groups right after it (`\ECUAS{n}`), as written. */
  | { kind: 'other'; tex: string; name: string; parts: TexPart[] };

/** Text commands kept in BibTeX and shown as their argument (`\textsuperscript` as a superscript). */
export const TEXT_COMMANDS = new Set([
  'textit',
  'textbf',
  'textsc',
  'texttt',
  'textrm',
  'textsf',
  'textsl',
  'textup',
  'textmd',
  'textnormal',
  'emph',
  'underline',
  'textsuperscript',
  'textsubscript',
]);

/** Index of the `}` closing the `{` at `open` (escaped braces skipped), or -1. */
function closing(s: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Braces balanced as TeX reads them (`\\{` is no brace) and as BibTeX does (every brace counts). */
function balanced(s: string): boolean {
  let tex = 0;
  let raw = 0;
  for (let i = 0; i < s.length; i++) {
    const escaped = s[i] === '\\';
    if (escaped) i++;
    const c = s[i];
    if (c === '{') {
      raw++;
      if (!escaped) tex++;
    } else if (c === '}' && (--raw < 0 || (!escaped && --tex < 0))) return false;
  }
  return tex === 0 && raw === 0;
}

const CLOSE: Record<string, string> = { $: '$', $$: '$$', '\\(': '\\)', '\\[': '\\]' };

/** The maths opened at `i` (`$`, `$$`, `\\(`, `\\[`): up to its unescaped closing delimiter, if its content is sound. */
function mathAt(
  s: string,
  i: number,
  to: number,
): ((TexPart & { kind: 'math' }) & { next: number }) | undefined {
  const open = ['$$', '$', '\\(', '\\['].find((d) => s.startsWith(d, i));
  const close = open && CLOSE[open];
  if (!open || !close) return undefined;
  for (let j = i + open.length; j < to; j++) {
    if (s.startsWith(close, j)) {
      if (j + close.length > to) return undefined;
      const tex = s.slice(i + open.length, j);
      return tex.trim() && balanced(tex)
        ? { kind: 'math', tex, open, close, next: j + close.length }
        : undefined;
    }
    if (s[j] === '\\') j++;
    else if (s[j] === '$') return undefined;
  }
  return undefined;
}

const isLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** An accent's letter: `e`, `{e}`, `\i`, `{\i}` (after a letter-named accent, ` e` too). */
function accented(
  s: string,
  k: number,
  to: number,
  named: boolean,
): { base: string; next: number } | undefined {
  const dotless = (j: number) => (s[j] === '\\' && (s[j + 1] === 'i' || s[j + 1] === 'j') ? 2 : 0);
  if (s[k] === '{') {
    const j = closing(s, k, to);
    const inner = j > 0 ? s.slice(k + 1, j) : '';
    if (/^[A-Za-z]$/.test(inner)) return { base: inner, next: j + 1 };
    if (/^\\[ij]$/.test(inner)) return { base: inner[1] === 'i' ? 'ı' : 'ȷ', next: j + 1 };
    return undefined;
  }
  if (named && s[k] !== ' ') return undefined;
  const at = named ? k + 1 : k;
  if (dotless(at)) return { base: s[at + 1] === 'i' ? 'ı' : 'ȷ', next: at + 2 };
  return isLetter(s[at]) && at < to ? { base: s[at] as string, next: at + 1 } : undefined;
}

/** The control sequence at `i` (a backslash), or undefined when the backslash ends the text. */
function controlAt(s: string, i: number, to: number): { part: TexPart; next: number } | undefined {
  const j = i + 1;
  const ch = s[j];
  if (j >= to || ch === undefined) return undefined;
  if ('&%_#$'.includes(ch) || ch === '{' || ch === '}')
    return { part: { kind: 'char', tex: `\\${ch}`, text: ch }, next: j + 1 };
  let name = ch;
  let k = j + 1;
  if (isLetter(ch)) {
    while (k < to && isLetter(s[k])) k++;
    name = s.slice(j, k);
  }
  const mark = (name.length === 1 && ACCENTS[name]) || undefined;
  const acc = mark ? accented(s, k, to, isLetter(name)) : undefined;
  if (mark && acc)
    return {
      part: { kind: 'char', tex: s.slice(i, acc.next), text: (acc.base + mark).normalize('NFC') },
      next: acc.next,
    };
  const letter = LETTERS[name];
  if (letter) {
    const next = s.startsWith('{}', k) ? k + 2 : k;
    return { part: { kind: 'char', tex: s.slice(i, next), text: letter }, next };
  }
  if (TEXT_COMMANDS.has(name) && s[k] === '{') {
    const end = closing(s, k, to);
    if (end > 0) return { part: { kind: 'command', name, parts: parseRange(s, k + 1, end) }, next: end + 1 };
  }
  const parts: TexPart[] = [];
  for (let end = closing(s, k, to); s[k] === '{' && end > 0; end = closing(s, k, to)) {
    parts.push(...parseRange(s, k + 1, end));
    k = end + 1;
  }
  return { part: { kind: 'other', tex: s.slice(i, k), name, parts }, next: k };
}

function parseRange(s: string, from: number, to: number): TexPart[] {
  const parts: TexPart[] = [];
  let text = '';
  const push = (p: TexPart) => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push(p);
  };
  for (let i = from; i < to; ) {
    const c = s[i] as string;
    const m = c === '$' || c === '\\' ? mathAt(s, i, to) : undefined;
    const end = c === '{' ? closing(s, i, to) : -1;
    const cs = c === '\\' ? controlAt(s, i, to) : undefined;
    // A tie between two words (`Dr.~RTL`, `OWL~2~DL`); after a space, `~8K` is a tilde.
    const tie =
      c === '~' && /\S/.test(s[i - 1] ?? ' ') && i > from && /\S/.test(s[i + 1] ?? ' ') && i + 1 < to;
    if (tie) {
      push({ kind: 'char', tex: '~', text: ' ' });
      i++;
    } else if (m) {
      push({ kind: 'math', tex: m.tex, open: m.open, close: m.close });
      i = m.next;
    } else if (end > 0) {
      push({ kind: 'group', parts: parseRange(s, i + 1, end) });
      i = end + 1;
    } else if (cs) {
      push(cs.part);
      i = cs.next;
    } else {
      text += c;
      i++;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** The TeX of a title or abstract, part by part. */
export function parseTex(s: string): TexPart[] {
  return parseRange(s, 0, s.length);
}

// --- TeX to text -----------------------------------------------------------------------------------------------

/** A super- or subscript: in Unicode where every character has one, else `^x` / `^(xy)`. */
export function script(kind: '^' | '_', arg: string): string {
  const s = arg.trim();
  const chars = [...s];
  const map = kind === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
  if (chars.some((c) => map[c]) && chars.every((c) => map[c] || ',./ '.includes(c)))
    return chars.map((c) => map[c] ?? c).join('');
  if (chars.length === 1 && '*∗⋆†‡′″‴'.includes(s)) return s;
  return !s ? '' : chars.length === 1 ? kind + s : `${kind}(${s})`;
}

const SPACING: Record<string, string> = {
  ' ': ' ',
  '\\': ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '>': ' ',
  quad: ' ',
  qquad: ' ',
  enspace: ' ',
  thinspace: ' ',
  '!': '',
  '-': '',
  '/': '',
  '|': '‖',
};

/** A control sequence without arguments: its symbol, operator name, space, or its name with the backslash dropped. */
function commandText(name: string, before: string): string {
  if (OPERATORS.has(name)) return /[\p{L}\p{N}]$/u.test(before) ? ` ${name}` : name;
  return SYMBOLS[name] ?? SPACING[name] ?? name;
}

const MATH_FONTS = new Set([
  ...TEXT_COMMANDS,
  'mathbf',
  'mathrm',
  'mathit',
  'mathsf',
  'mathtt',
  'mathnormal',
  'text',
  'boldsymbol',
  'bm',
  'mbox',
  'hbox',
  'operatorname',
]);
/** Text inside maths: its spaces are kept. */
const TEXT_IN_MATH = new Set([...TEXT_COMMANDS, 'text', 'mbox', 'hbox']);
const RELATIONS = new Set([...'=<>≤≥≠≈∼≃≅≡∝∈∉∋⊂⊆⊃⊇→←↔⇒⇐⇔⟹⟺↦≪≫']);
const SWITCHES = new Set(
  'rm bf it sf tt cal displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr middle'.split(
    ' ',
  ),
);
const SIZED = /^(left|right|middle|[Bb]igg?[lr]?)$/;

type Tok = { cs: string } | { ch: string };

function mathTokens(src: string): Tok[] {
  const out: Tok[] = [];
  // A control word swallows the spaces after it, as in TeX.
  for (const m of src.matchAll(/\\([A-Za-z]+)\s*|\\([\s\S])|(\s+)|([\s\S])/gu)) {
    if (m[1] ?? m[2]) out.push({ cs: (m[1] ?? m[2]) as string });
    else out.push({ ch: m[3] ? ' ' : (m[4] as string) });
  }
  return out;
}

/** Parenthesised when longer than one character (for `\frac`, `\sqrt`). */
function wrap(s: string): string {
  return [...s].length <= 1 || /^\(.*\)$/.test(s) ? s : `(${s})`;
}

/** Maths as text: symbols and letters in Unicode, scripts where Unicode has them, the rest without its TeX. */
export function mathToText(src: string): string {
  const toks = mathTokens(src);
  let i = 0;
  const isCh = (t: Tok | undefined, c: string) => t !== undefined && 'ch' in t && t.ch === c;
  // Spaces in maths are TeX's to place: the source's are dropped (kept inside \text{…}), and, as TeX spaces them,
  // relations get a space each side and commas one after, except in scripts and groups.
  function seq(inGroup: boolean, text: boolean): string {
    let out = '';
    while (i < toks.length) {
      const t = toks[i] as Tok;
      if (isCh(t, '}')) {
        i++;
        if (inGroup) return out;
      } else if (isCh(t, ' ') && !text) i++;
      else if (isCh(t, '^') || isCh(t, '_')) {
        i++;
        out += script((t as { ch: '^' | '_' }).ch, arg(false));
      } else {
        const e = element(out, text);
        out += inGroup || text ? e : RELATIONS.has(e) ? ` ${e} ` : e === ',' ? ', ' : e;
      }
    }
    return out;
  }
  function arg(text: boolean): string {
    while (isCh(toks[i], ' ')) i++;
    return i < toks.length && !isCh(toks[i], '}') ? element('', text) : '';
  }
  function element(before: string, text: boolean): string {
    const t = toks[i++] as Tok;
    if ('ch' in t) return t.ch === '{' ? seq(true, text) : t.ch === '~' ? ' ' : t.ch === "'" ? '′' : t.ch;
    const n = t.cs;
    const abc = ALPHABETS[n];
    if (abc) return [...arg(false)].map((c) => abc[c] ?? c).join('');
    if (MATH_FONTS.has(n)) return arg(TEXT_IN_MATH.has(n));
    const mark = ACCENTS[n];
    if (mark) {
      const a = arg(false);
      return [...a].length === 1 ? (a + mark).normalize('NFC') : a;
    }
    if (n === 'sqrt') {
      if (isCh(toks[i], '[')) while (i < toks.length && !isCh(toks[i++], ']'));
      return `√${wrap(arg(false))}`;
    }
    if (n === 'frac' || n === 'dfrac' || n === 'tfrac') {
      const a = arg(false);
      return `${wrap(a)}/${wrap(arg(false))}`;
    }
    if (SWITCHES.has(n)) {
      if (SIZED.test(n) && isCh(toks[i], '.')) i++;
      return '';
    }
    return commandText(n, before);
  }
  return seq(false, false)
    .replace(/\s+/g, ' ')
    .replace(/([([{⟨]) /g, '$1')
    .replace(/ ([)\]}⟩])/g, '$1')
    .trim();
}

/** TeX's dashes and double quotes: `--` –, `---` —, ``` `` ``` “, `''` ”. */
function ligatures(text: string): string {
  return text.replace(/---/g, '—').replace(/--/g, '–').replace(/``/g, '“').replace(/''/g, '”');
}

function partsToText(parts: readonly TexPart[], keepMath: boolean): string {
  let out = '';
  for (const p of parts) {
    if (p.kind === 'text') out += ligatures(p.text);
    else if (p.kind === 'math') out += keepMath ? p.open + p.tex + p.close : mathToText(p.tex);
    else if (p.kind === 'group') out += partsToText(p.parts, keepMath);
    else if (p.kind === 'char') out += p.text;
    else if (p.kind === 'command') {
      const inner = partsToText(p.parts, keepMath);
      out +=
        p.name === 'textsuperscript'
          ? script('^', inner)
          : p.name === 'textsubscript'
            ? script('_', inner)
            : inner;
    } else out += commandText(p.name, out) + partsToText(p.parts, keepMath);
  }
  return out;
}

/**
 * A title (or any text with TeX) as readable text: `M$^3$-Gen` → `M³-Gen`, `$\alpha$-MDF` → `α-MDF`,
 * `$O(n^2)$` → `O(n²)`, `\textsc{DiARC}` → `DiARC`, `$\mathbb{R}^{2k}$` → `ℝ²ᵏ`; TeX it does not know is shown
 * without its backslashes and braces. Plain text comes back as it is (whitespace collapsed). With `keepMath`, the
 * maths stays TeX (`$^3$`) and only the rest is read: how a title written in BibTeX is stored, as pages give it.
 */
export function texToText(s: string, { keepMath = false }: { keepMath?: boolean } = {}): string {
  if (!/[$\\{}~`]|--|''/.test(s)) return s.replace(/\s+/g, ' ').trim();
  return partsToText(parseTex(s), keepMath).replace(/\s+/g, ' ').trim();
}
