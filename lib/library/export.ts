import type { ListRecord } from '../db/schema';
import { plural } from '../plural';
import { toBibtex } from './bibtex';
import { exportFields } from './export-fields';
import { type LibraryItem, savedDate, statusOf } from './items';

// Export of saved papers as BibTeX (lib/library/bibtex.ts), RIS, CSV and Markdown (the JSON backup of the whole
// database is in lib/db/backup). Every format gives arXiv papers arXiv's abstract page, wherever they were saved, a
// DOI where one is known, and the year and venue a page gave (lib/library/export-fields.ts). Notes keep their line
// breaks. Exporting nothing gives a message, not an empty file.

export { bibtexEscape, toBibtex } from './bibtex';

export type ExportFormat = 'bibtex' | 'ris' | 'csv' | 'markdown' | 'json';

export const EXPORT_FORMATS: readonly { id: ExportFormat; label: string; ext: string; mime: string }[] = [
  { id: 'bibtex', label: 'BibTeX', ext: 'bib', mime: 'application/x-bibtex' },
  { id: 'ris', label: 'RIS', ext: 'ris', mime: 'application/x-research-info-systems' },
  { id: 'csv', label: 'CSV', ext: 'csv', mime: 'text/csv' },
  { id: 'markdown', label: 'Markdown', ext: 'md', mime: 'text/markdown' },
  { id: 'json', label: 'JSON backup (everything)', ext: 'json', mime: 'application/json' },
];

// --- RIS ----------------------------------------------------------------------------------------------------------

/** One RIS field a line: line breaks inside a value become spaces. */
function risValue(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Notes, line by line: the lines after the first follow the N1 line as continuation lines (as Zotero writes notes,
 * and reads them back with their line breaks); a line that would read as a tag gets a leading space.
 */
function risNotes(notes: string): string {
  const [first = '', ...rest] = notes
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trimEnd());
  return [`N1  - ${first}`, ...rest.map((l) => (/^[A-Z][A-Z0-9] {1,2}-/.test(l) ? ` ${l}` : l))].join('\r\n');
}

const RIS_TYPE = { article: 'JOUR', conference: 'CONF', other: 'GEN' } as const;

export function toRis(items: readonly LibraryItem[]): string {
  return items
    .map((item) => {
      const p = item.paper;
      const f = exportFields(p);
      const type = f.arxiv && f.kind === 'other' ? 'JOUR' : RIS_TYPE[f.kind];
      const lines: string[] = [`TY  - ${type}`, `TI  - ${risValue(p.title)}`];
      for (const au of p.authors) lines.push(`AU  - ${risValue(au)}`);
      if (f.year) lines.push(`PY  - ${f.year}`);
      if (f.venue) lines.push(`T2  - ${risValue(f.venue)}`);
      else if (f.arxiv) lines.push('T2  - arXiv');
      if (f.arxiv) lines.push(`AN  - arXiv:${f.arxiv}`, `M3  - ${p.categories[0] ?? 'preprint'}`);
      if (f.doi) lines.push(`DO  - ${f.doi}`);
      if (p.abstract) lines.push(`AB  - ${risValue(p.abstract)}`);
      lines.push(`UR  - ${f.url}`);
      if (f.pdfUrl) lines.push(`L1  - ${f.pdfUrl}`);
      for (const t of item.user?.tags ?? []) lines.push(`KW  - ${risValue(t)}`);
      if (item.user?.notes?.trim()) lines.push(risNotes(item.user.notes));
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
  'venue',
  'doi',
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
    const f = exportFields(p);
    return [
      p.id,
      p.title,
      p.authors.join('; '),
      String(f.year ?? ''),
      f.venue ?? '',
      f.doi ?? '',
      f.url,
      f.pdfUrl ?? '',
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

const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes text for a Markdown line (CommonMark, and GitHub's extensions), only where Markdown would read syntax,
 * so that it renders as written: `*`, `` ` ``, `[ ]`, `<`, GitHub's `~` (strikethrough) and `$` (maths) anywhere; `_`
 * where it could start or end emphasis (not inside a word: `LVLM_CSP` stays); `&` before an entity name; a
 * backslash before punctuation. Hyphens and full stops are left alone.
 */
export function mdEscape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
    .replace(/[`*[\]<~$]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/_/g, (c, i: number, s: string) =>
      WORD.test(s[i - 1] ?? '') && WORD.test(s[i + 1] ?? '') ? c : '\\_',
    );
}

/**
 * Escaped text that starts a line: also what would make the line a heading, quote, list item, thematic break or
 * setext underline (`# `, `> `, `- `, `+ `, `1. `, `---`, `===`).
 */
function mdLine(text: string): string {
  const s = mdEscape(text).trim();
  if (/^(?:[#>]|[-+](?:\s|$)|[-=]+\s*$|(?:-\s*){3,}$)/.test(s)) return `\\${s}`;
  return s.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** A link target: only http(s), with parentheses and spaces encoded. */
function mdUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

const STATUS_LABEL = { 'to-read': 'to read', reading: 'reading', read: 'read' } as const;

/** Notes as a quote, line for line: a line break ends each line of a paragraph, a blank line separates them. */
function mdNotes(notes: string): string[] {
  const lines = notes
    .trim()
    .split(/\r?\n/)
    .map((l) => (l.trim() ? mdLine(l) : ''));
  return lines.map((l, i) => (l ? `  > ${l}${lines[i + 1] ? '  ' : ''}` : '  >'));
}

export function toMarkdown(items: readonly LibraryItem[], title: string, listId?: string): string {
  const heading = mdEscape(title).replace(/(^|\s)(#+)$/, '$1\\$2');
  const out = [`# ${heading}`, '', plural(items.length, 'paper'), ''];
  for (const item of items) {
    const p = item.paper;
    const f = exportFields(p);
    const link = /^https?:\/\//i.test(f.url) ? `[${mdEscape(p.title)}](${mdUrl(f.url)})` : mdLine(p.title);
    const meta = [
      p.authors.length ? p.authors.join(', ') : '',
      f.venue ?? '',
      String(f.year ?? ''),
      STATUS_LABEL[statusOf(item)],
      `saved ${new Date(savedDate(item, listId)).toISOString().slice(0, 10)}`,
    ].filter(Boolean);
    const tags = item.user?.tags ?? [];
    out.push(`- ${link}  `, `  ${mdLine(meta.join(' · '))}${tags.length ? '  ' : ''}`);
    if (tags.length) out.push(`  Tags: ${tags.map(mdEscape).join(', ')}`);
    if (item.user?.notes?.trim()) out.push(...mdNotes(item.user.notes));
  }
  return `${out.join('\n')}\n`;
}

// --- Choosing a format --------------------------------------------------------------------------------------------

/** A file to hand to the user, or, when there is nothing to export, the message to show instead (no file). */
export type ExportOutcome =
  | { kind: 'file'; text: string; count: number }
  | { kind: 'nothing'; message: string };

/**
 * The saved papers chosen (all, or one list's: `listId`, named `title`) in a format other than the JSON backup.
 * No papers: no file, and a message that says so.
 */
export function exportPapers(
  format: Exclude<ExportFormat, 'json'>,
  items: readonly LibraryItem[],
  { lists, title, listId }: { lists: readonly ListRecord[]; title: string; listId?: string | undefined },
): ExportOutcome {
  if (!items.length)
    return {
      kind: 'nothing',
      message: listId
        ? `Nothing to export: the list "${title}" has no papers.`
        : 'Nothing to export: no paper is saved yet.',
    };
  const text =
    format === 'bibtex'
      ? toBibtex(items)
      : format === 'ris'
        ? toRis(items)
        : format === 'csv'
          ? toCsv(items, lists)
          : toMarkdown(items, title, listId);
  return { kind: 'file', text, count: items.length };
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
