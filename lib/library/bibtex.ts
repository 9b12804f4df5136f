import { exportFields } from './export-fields';
import type { LibraryItem } from './items';
import { parseTex, type TexPart, texToText } from './tex';

// The BibTeX export. Titles and abstracts keep the TeX their authors wrote (maths `M$^3$-Gen`, braces, text
// commands like `\textsc{…}`, `\&`, accents: lib/library/tex.ts), and everything else is escaped so that it prints
// as written (`50%`, `H&E`, `LVLM_CSP`). Authors, tags and notes are the user's or a page's plain text: all escaped.
// Checked by a real BibTeX run (tests/unit/library/bibtex-compile.test.ts) and by Better BibTeX's parser.

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // BibTeX counts every brace, escaped or not: `\\{` alone would unbalance the field.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In TeX's default text font encoding these print as ¡, ¿ and an em dash.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** TeX specials become their commands, whitespace is collapsed. */
function escapeSpecials(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\{}$%&#_~^<>|]/g, (c) => BIBTEX_SPECIALS[c] ?? c);
}

/** Escapes plain text for a braced BibTeX field, so that it prints as written. */
export function bibtexEscape(text: string): string {
  // TeX ligatures: `--` would become an en dash, two quotes a curly quote; an empty group keeps them literal.
  return escapeSpecials(text).replace(/([-`'])(?=[-`'])/g, '$1{}');
}

function texPart(p: TexPart): string {
  switch (p.kind) {
    case 'text':
      // A title's `--` and ``` ``…'' ``` are TeX's dashes and quotes, as on the page: kept.
      return escapeSpecials(p.text);
    case 'math':
      // Maths stays maths; only what would break LaTeX there (a comment, an alignment tab, a parameter) is escaped.
      return p.open + p.tex.replace(/\\[\s\S]|[%#&]/g, (m) => (m.length > 1 ? m : `\\${m}`)) + p.close;
    case 'group':
      return `{${p.parts.map(texPart).join('')}}`;
    case 'command':
      return `\\${p.name}{${p.parts.map(texPart).join('')}}`;
    case 'char':
      return p.text === '{' || p.text === '}' ? bibtexEscape(p.text) : p.tex;
    default:
      return bibtexEscape(p.tex);
  }
}

/** A title or abstract for a braced BibTeX field: its TeX kept (maths as maths), the rest escaped. */
export function bibtexTex(text: string): string {
  return parseTex(text.replace(/\s+/g, ' ').trim()).map(texPart).join('');
}

/**
 * A title or abstract as a BibTeX file writes it (TeX), as PaperSift stores titles: maths kept as TeX (as arXiv
 * shows it), everything else read (`\&` &, `{\"o}` ö, `\textsc{X}` X, `\textbraceleft{}` {). Reads back what
 * `bibtexTex` wrote.
 */
export function fromBibtex(field: string): string {
  return texToText(field, { keepMath: true });
}

/** Notes as `bibtexNotes` writes them: `\\` a line break, `\par` a paragraph, the rest plain text. */
export function notesFromBibtex(field: string): string {
  return field
    .split(/\s*\\par(?![A-Za-z])\s*/)
    .map((para) =>
      para
        .split(/\s*\\\\\s*/)
        .map((line) => texToText(line))
        .join('\n'),
    )
    .join('\n\n')
    .trim();
}

/** Notes keep their line breaks: `\\` ends a line, `\par` a paragraph (Better BibTeX reads them as <br>, <p>). */
export function bibtexNotes(notes: string): string {
  return notes
    .trim()
    .split(/\r?\n(?:[ \t]*\r?\n)+/)
    .map((para) =>
      para
        .split(/\r?\n/)
        .map((line) => bibtexEscape(line.trim()))
        .filter(Boolean)
        .join('\\\\\n    '),
    )
    .join('\n    \\par\n    ');
}

/** A URL or DOI for a verbatim field (url, doi): braces would unbalance the field, so they are percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/\s/g, '%20');
}

/** One author for `author = {...}`: a name with a comma or " and " is braced so it stays one literal name. */
function bibtexName(name: string): string {
  const n = bibtexEscape(name.trim());
  return /,|\sand\s/i.test(n) ? `{${n}}` : n;
}

function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]/g, '');
}

const STOP = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'in', 'to', 'and', 'with', 'towards', 'toward']);

/** Citation key `<last name><year><first title word>`, e.g. `popescu2026adaptive`, made unique with a/b/c… */
export function citationKey(item: LibraryItem, taken: Set<string>): string {
  const first = item.paper.authors[0]?.trim().split(/\s+/).at(-1) ?? 'anon';
  const word =
    item.paper.title
      .split(/[\s:,.;!?/-]+/)
      .map(asciiFold)
      .find((w) => w && !STOP.has(w.toLowerCase())) ?? 'paper';
  const year = exportFields(item.paper).year ?? '';
  const base = `${asciiFold(first).toLowerCase() || 'anon'}${year}${word.toLowerCase()}`;
  let key = base;
  for (let i = 0; taken.has(key); i++)
    key = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}`;
  taken.add(key);
  return key;
}

const VENUE_FIELD = { article: 'journal', conference: 'booktitle', other: 'howpublished' } as const;
const ENTRY_TYPE = { article: 'article', conference: 'inproceedings', other: 'misc' } as const;

export function toBibtex(items: readonly LibraryItem[]): string {
  const taken = new Set<string>();
  return items
    .map((item) => {
      const p = item.paper;
      const f = exportFields(p);
      const fields: [string, string][] = [['title', `{${bibtexTex(p.title)}}`]];
      if (p.authors.length) fields.push(['author', p.authors.map(bibtexName).join(' and ')]);
      if (f.venue) fields.push([VENUE_FIELD[f.kind], bibtexEscape(f.venue)]);
      if (f.year) fields.push(['year', String(f.year)]);
      if (f.doi) fields.push(['doi', bibtexUrl(f.doi)]);
      if (f.arxiv) {
        fields.push(['eprint', bibtexEscape(f.arxiv)], ['archivePrefix', 'arXiv']);
        if (p.categories[0]) fields.push(['primaryClass', bibtexEscape(p.categories[0])]);
      }
      fields.push(['url', bibtexUrl(f.url)]);
      if (p.abstract) fields.push(['abstract', bibtexTex(p.abstract)]);
      const tags = item.user?.tags ?? [];
      if (tags.length) fields.push(['keywords', tags.map(bibtexEscape).join(', ')]);
      if (item.user?.notes?.trim()) fields.push(['annote', bibtexNotes(item.user.notes)]);
      const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
      return `@${ENTRY_TYPE[f.kind]}{${citationKey(item, taken)},\n${body}\n}\n`;
    })
    .join('\n');
}
