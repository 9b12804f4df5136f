import type { ListRecord } from '../db/schema';
import { type LibraryItem, savedDate, statusOf } from './items';

// Export of saved papers as BibTeX, RIS, CSV and Markdown (the JSON backup of the whole database is in lib/db/backup).
// Every format writes the text exactly as stored: TeX specials are escaped in BibTeX, so `E$^3$Net` stays the
// literal text a page showed (a BibTeX reader gives back the same string).

export type ExportFormat = 'bibtex' | 'ris' | 'csv' | 'markdown' | 'json';

export const EXPORT_FORMATS: readonly { id: ExportFormat; label: string; ext: string; mime: string }[] = [
  { id: 'bibtex', label: 'BibTeX', ext: 'bib', mime: 'application/x-bibtex' },
  { id: 'ris', label: 'RIS', ext: 'ris', mime: 'application/x-research-info-systems' },
  { id: 'csv', label: 'CSV', ext: 'csv', mime: 'text/csv' },
  { id: 'markdown', label: 'Markdown', ext: 'md', mime: 'text/markdown' },
  { id: 'json', label: 'JSON backup (everything)', ext: 'json', mime: 'application/json' },
];

/** The arXiv id of a canonical `arxiv:<id>`, else undefined. */
export function arxivId(id: string): string | undefined {
  return id.startsWith('arxiv:') ? id.slice('arxiv:'.length) : undefined;
}

/** Year and month of an arXiv id: `2607.20519` → 2026-07, `hep-th/9901001` → 1999-01. */
export function arxivDate(id: string): { year: number; month: number } | undefined {
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(id) ?? /^[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!m) return undefined;
  const yy = Number(m[1]);
  const year = /\//.test(id) ? (yy >= 91 ? 1900 + yy : 2000 + yy) : 2000 + yy;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : undefined;
}

function yearOf(item: LibraryItem): number | undefined {
  const a = arxivId(item.paper.id);
  return a ? arxivDate(a)?.year : undefined;
}

// --- BibTeX -------------------------------------------------------------------------------------------------------

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
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

/** Escapes text for a braced BibTeX field: TeX specials become their commands, whitespace is collapsed. */
export function bibtexEscape(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .replace(/[\\{}$%&#_~^<>|]/g, (c) => BIBTEX_SPECIALS[c] ?? c)
      // TeX ligatures: `--` would become an en dash, two quotes a curly quote; an empty group keeps them literal.
      .replace(/([-`'])(?=[-`'])/g, '$1{}')
  );
}

/** A URL for a verbatim field (url): braces would unbalance the field, so they are percent-encoded. */
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
  const base = `${asciiFold(first).toLowerCase() || 'anon'}${yearOf(item) ?? ''}${word.toLowerCase()}`;
  let key = base;
  for (let i = 0; taken.has(key); i++)
    key = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}`;
  taken.add(key);
  return key;
}

export function toBibtex(items: readonly LibraryItem[]): string {
  const taken = new Set<string>();
  return items
    .map((item) => {
      const p = item.paper;
      const a = arxivId(p.id);
      const fields: [string, string][] = [['title', `{${bibtexEscape(p.title)}}`]];
      if (p.authors.length) fields.push(['author', p.authors.map(bibtexName).join(' and ')]);
      const year = yearOf(item);
      if (year) fields.push(['year', String(year)]);
      if (a) {
        fields.push(['eprint', bibtexEscape(a)], ['archivePrefix', 'arXiv']);
        if (p.categories[0]) fields.push(['primaryClass', bibtexEscape(p.categories[0])]);
      }
      fields.push(['url', bibtexUrl(p.url)]);
      if (p.abstract) fields.push(['abstract', bibtexEscape(p.abstract)]);
      const tags = item.user?.tags ?? [];
      if (tags.length) fields.push(['keywords', tags.map(bibtexEscape).join(', ')]);
      if (item.user?.notes) fields.push(['annote', bibtexEscape(item.user.notes)]);
      const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
      return `@misc{${citationKey(item, taken)},\n${body}\n}\n`;
    })
    .join('\n');
}

// --- RIS ----------------------------------------------------------------------------------------------------------

/** RIS is one field per line: line breaks inside a value become spaces. */
function risValue(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function toRis(items: readonly LibraryItem[]): string {
  return items
    .map((item) => {
      const p = item.paper;
      const a = arxivId(p.id);
      const lines: string[] = [a ? 'TY  - JOUR' : 'TY  - GEN', `TI  - ${risValue(p.title)}`];
      for (const au of p.authors) lines.push(`AU  - ${risValue(au)}`);
      const year = yearOf(item);
      if (year) lines.push(`PY  - ${year}`);
      if (a) lines.push('T2  - arXiv', `AN  - arXiv:${a}`, `M3  - ${p.categories[0] ?? 'preprint'}`);
      if (p.abstract) lines.push(`AB  - ${risValue(p.abstract)}`);
      lines.push(`UR  - ${p.url}`);
      if (p.pdfUrl) lines.push(`L1  - ${p.pdfUrl}`);
      for (const t of item.user?.tags ?? []) lines.push(`KW  - ${risValue(t)}`);
      if (item.user?.notes) lines.push(`N1  - ${risValue(item.user.notes)}`);
      lines.push(`ID  - ${p.id}`, 'ER  - ');
      return `${lines.join('\r\n')}\r\n`;
    })
    .join('\r\n');
}

// --- CSV ----------------------------------------------------------------------------------------------------------

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading '. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'year',
  'url',
  'pdf_url',
  'categories',
  'topics',
  'lists',
  'status',
  'tags',
  'notes',
  'saved_at',
  'abstract',
] as const;

export function toCsv(items: readonly LibraryItem[], lists: readonly ListRecord[]): string {
  const names = new Map(lists.map((l) => [l.id, l.name]));
  const rows = items.map((item) => {
    const p = item.paper;
    return [
      p.id,
      p.title,
      p.authors.join('; '),
      String(yearOf(item) ?? ''),
      p.url,
      p.pdfUrl ?? '',
      p.categories.join('; '),
      p.topics.join('; '),
      Object.keys(item.addedAt)
        .map((id) => names.get(id) ?? id)
        .join('; '),
      statusOf(item),
      (item.user?.tags ?? []).join('; '),
      item.user?.notes ?? '',
      new Date(item.savedAt).toISOString(),
      p.abstract ?? '',
    ].map(csvCell);
  });
  return `${[[...CSV_COLUMNS], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

// --- Markdown -----------------------------------------------------------------------------------------------------

/** Escapes Markdown syntax (and HTML) in text, so titles render as the plain text they are. */
export function mdEscape(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, (c) => `\\${c}`);
}

/** A link target: only http(s), with parentheses and spaces encoded. */
function mdUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

const STATUS_LABEL = { 'to-read': 'to read', reading: 'reading', read: 'read' } as const;

export function toMarkdown(items: readonly LibraryItem[], title: string, listId?: string): string {
  const out = [`# ${mdEscape(title)}`, '', `${items.length} paper${items.length === 1 ? '' : 's'}`, ''];
  for (const item of items) {
    const p = item.paper;
    const link = /^https?:\/\//i.test(p.url) ? `[${mdEscape(p.title)}](${mdUrl(p.url)})` : mdEscape(p.title);
    const meta = [
      p.authors.length ? mdEscape(p.authors.join(', ')) : '',
      String(yearOf(item) ?? ''),
      STATUS_LABEL[statusOf(item)],
      `saved ${new Date(savedDate(item, listId)).toISOString().slice(0, 10)}`,
    ].filter(Boolean);
    out.push(`- ${link}  `, `  ${meta.join(' · ')}`);
    const tags = item.user?.tags ?? [];
    if (tags.length) out.push(`  Tags: ${tags.map(mdEscape).join(', ')}`);
    if (item.user?.notes)
      for (const line of item.user.notes.split(/\r?\n/)) out.push(`  > ${mdEscape(line)}`.trimEnd());
  }
  return `${out.join('\n')}\n`;
}

/** A file name for an export: `papersift-<list>-<date>.<ext>`. */
export function exportFileName(what: string, ext: string, now: number): string {
  const slug =
    what
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'papers';
  return `papersift-${slug}-${new Date(now).toISOString().slice(0, 10)}.${ext}`;
}
