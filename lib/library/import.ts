import * as v from 'valibot';
import { DEFAULT_LIST_ID } from '../db/versions';
import { chooseIds } from '../ids';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupSchema,
  describeIssues,
  IMPORT_ROWS,
  type ImportData,
  importProblem,
  type MembershipRecord,
  type PaperRecord,
  type PaperUserRecord,
} from '../shapes';
import { fromBibtex, notesFromBibtex } from './bibtex';

// Reading import files: a PaperSift JSON backup or a BibTeX file. Everything in a file is untrusted: it is
// validated whole (the shapes of lib/shapes.ts: types, bounds, http(s) links only, canonical paper ids, no duplicate
// ids, references that resolve) before anything is written, and a problem is reported with where it is. Text is
// stored as it is (it is only ever shown as text), so no character is refused in it. Pure functions: the options
// page sends the result to the background, which validates it again and writes it in one transaction.

/**
 * Files larger than this are refused before they are read. A PaperSift backup must always fit: a year of reading
 * cs.LG's /new every morning (~170,000 papers seen; abstracts kept for the last month, lib/db/retention.ts) is
 * ~100 MB, which Node parses and validates in ~2 s with ~600 MB of heap.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export type ParseResult =
  | { ok: true; data: ImportData; warnings: string[]; papers: number }
  | { ok: false; error: string };

const fail = (error: string): ParseResult => ({ ok: false, error });

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** The size check, before reading: a clear refusal for a file too big to be a PaperSift import. */
export function checkSize(bytes: number): string | undefined {
  if (bytes === 0) return 'The file is empty.';
  if (bytes > MAX_IMPORT_BYTES)
    return `The file is ${formatBytes(bytes)}; PaperSift imports files of at most ${formatBytes(MAX_IMPORT_BYTES)}.`;
  return undefined;
}

/** Reads a PaperSift JSON backup. */
export function parseBackup(textIn: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(textIn);
  } catch (e) {
    return fail(`The file is not valid JSON (is it truncated?): ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT)
    return fail(`The file is JSON but not a PaperSift backup (it has no "format": "${BACKUP_FORMAT}").`);
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION)
    return fail(
      `The backup was made by a newer PaperSift (format version ${version}); update PaperSift to import it.`,
    );
  const parsed = v.safeParse(BackupSchema, json);
  if (!parsed.success) return fail(`The backup is malformed at ${describeIssues(parsed.issues)}.`);
  if (parsed.output.version !== BACKUP_VERSION)
    return fail(`Unknown backup format version ${parsed.output.version}.`);
  const t = parsed.output.tables;
  const problem = importProblem(t, [DEFAULT_LIST_ID], 'The backup');
  if (problem) return fail(problem);
  return { ok: true, data: t, warnings: [], papers: t.papers.length };
}

// --- BibTeX -------------------------------------------------------------------------------------------------------

interface BibCreator {
  name?: string;
  firstName?: string;
  lastName?: string;
  prefix?: string;
  suffix?: string;
}

function creatorName(c: BibCreator): string {
  return (c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ')).trim();
}

/** The ids of a BibTeX entry (any supported: arXiv eprint or URL, DOI, PubMed, DBLP key; lib/ids.ts), best first. */
function bibIds(fields: Record<string, unknown>): { id: string; altIds: string[] } | undefined {
  const str = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string).trim() : '');
  const prefix = str('archiveprefix') || str('eprinttype');
  const eprint = str('eprint').replace(/^arxiv:\s*/i, '');
  const dblp = /dblp\.org\/rec\/(.+?)(?:\.bib)?$/.exec(str('biburl'))?.[1];
  return chooseIds([
    // An eprint without a prefix is arXiv's if it has the form of an arXiv id.
    eprint && (!prefix || /^arxiv$/i.test(prefix)) ? `arxiv:${eprint}` : undefined,
    eprint && /^pubmed$/i.test(prefix) ? `pmid:${eprint}` : undefined,
    str('url'),
    str('doi') ? `doi:${str('doi').replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')}` : undefined,
    str('pmid') ? `pmid:${str('pmid')}` : undefined,
    dblp ? `dblp:${dblp}` : undefined,
  ]);
}

/** The page of a paper by its id, for an entry that gives no http(s) link. */
function linkOf(id: string): string | undefined {
  const [scheme, rest] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (scheme === 'arxiv') return `https://arxiv.org/abs/${rest}`;
  if (scheme === 'doi') return `https://doi.org/${rest}`;
  if (scheme === 'pmid') return `https://pubmed.ncbi.nlm.nih.gov/${rest}/`;
  if (scheme === 'dblp') return `https://dblp.org/rec/${rest}`;
  return undefined;
}

/**
 * The canonical id (arXiv first, then DOI, …: lib/ids.ts `chooseIds`), other ids and link of a BibTeX entry, or
 * undefined when it has no id.
 */
export function bibIdentity(
  fields: Record<string, unknown>,
): { id: string; altIds: string[]; url: string } | undefined {
  const ids = bibIds(fields);
  const given = typeof fields.url === 'string' ? fields.url.trim() : '';
  const url = /^https?:\/\//i.test(given) ? given : ids && linkOf(ids.id);
  return ids && url ? { ...ids, url } : undefined;
}

export interface BibtexOptions {
  /** The list the papers go into. */
  listId: string;
  now: number;
}

/** Reads a BibTeX file (the parser of Better BibTeX for Zotero, loaded on demand: it is large). */
export async function parseBibtex(textIn: string, { listId, now }: BibtexOptions): Promise<ParseResult> {
  const { parse } = await import('@retorquere/bibtex-parser');
  let lib: ReturnType<typeof parse>;
  try {
    lib = parse(textIn, {
      english: false,
      sentenceCase: false,
      caseProtection: false,
      // Unknown TeX commands are kept as written rather than failing the file.
      unsupported: (_node, tex) => tex,
      // Read as written (TeX), then by fromBibtex: maths stays maths, notes keep their line breaks.
      fieldMode: { title: 'verbatim', abstract: 'verbatim', annote: 'verbatim' },
    });
  } catch (e) {
    return fail(`The BibTeX file could not be read: ${(e as Error).message}`);
  }
  if (lib.errors.length) {
    const e = lib.errors[0] as { error?: string };
    return fail(
      `The BibTeX file is malformed: ${e.error ?? 'syntax error'}${
        lib.errors.length > 1 ? ` (and ${lib.errors.length - 1} more problems)` : ''
      }.`,
    );
  }
  if (!lib.entries.length) return fail('The file has no BibTeX entries (@article{...}, @misc{...}).');
  const warnings: string[] = [];
  const papers: PaperRecord[] = [];
  const users: PaperUserRecord[] = [];
  const byId = new Map<string, string>();
  for (const entry of lib.entries) {
    const f = entry.fields as Record<string, unknown>;
    const identity = bibIdentity(f);
    if (!identity) {
      warnings.push(`${entry.key}: skipped (no arXiv id, DOI or http(s) link to identify it)`);
      continue;
    }
    const ids = [identity.id, ...identity.altIds];
    const same = ids.find((id) => byId.has(id));
    if (same)
      return fail(
        `The BibTeX file has the same paper twice: ${same} (entries ${byId.get(same)} and ${entry.key}).`,
      );
    for (const id of ids) byId.set(id, entry.key);
    const title = typeof f.title === 'string' ? fromBibtex(f.title) : '';
    const abstract = typeof f.abstract === 'string' ? fromBibtex(f.abstract) : '';
    const category = typeof f.primaryclass === 'string' ? f.primaryclass.trim() : '';
    const pdf = typeof f.file === 'string' && /^https?:\/\/\S+\.pdf$/i.test(f.file) ? f.file : undefined;
    const record = {
      id: identity.id,
      ...(identity.altIds.length ? { altIds: identity.altIds } : {}),
      title,
      authors: ((f.author as BibCreator[] | undefined) ?? []).map(creatorName).filter(Boolean),
      ...(abstract ? { abstract } : {}),
      url: identity.url,
      ...(pdf ? { pdfUrl: pdf } : {}),
      categories: category ? [category] : [],
      sites: [],
      firstSeen: now,
      lastSeen: now,
      topics: [],
      scores: {},
      evidence: {},
    };
    const ok = v.safeParse(IMPORT_ROWS.papers, record);
    if (!ok.success) return fail(`BibTeX entry ${entry.key}: ${describeIssues(ok.issues)}.`);
    papers.push(ok.output);
    const tags = ((f.keywords as string[] | undefined) ?? []).map((k) => k.trim()).filter(Boolean);
    const notes = typeof f.annote === 'string' ? notesFromBibtex(f.annote) : '';
    if (tags.length || notes) {
      const user = {
        id: identity.id,
        tags: [...new Set(tags)].slice(0, 50),
        ...(notes ? { notes } : {}),
        updatedAt: now,
      };
      const u = v.safeParse(IMPORT_ROWS.userData, user);
      if (!u.success) return fail(`BibTeX entry ${entry.key}: ${describeIssues(u.issues)}.`);
      users.push(u.output);
    }
  }
  if (!papers.length)
    return fail(`None of the ${lib.entries.length} entries could be imported: ${warnings[0]}.`);
  const memberships: MembershipRecord[] = papers.map((p) => ({ listId, paperId: p.id, addedAt: now }));
  return { ok: true, data: { papers, memberships, userData: users }, warnings, papers: papers.length };
}

/** Signatures of binary files people pick by mistake, as they read once decoded as UTF-8 (U+FFFD: a byte that is not). */
const BINARY: [string, string][] = [
  ['\uFFFDPNG\r\n', 'a PNG image'],
  ['\uFFFD\uFFFD\uFFFD', 'a JPEG image'],
  ['GIF87a', 'a GIF image'],
  ['GIF89a', 'a GIF image'],
  ['%PDF-', 'a PDF document'],
  ['PK\u0003\u0004', 'a ZIP archive (or a Word or Excel file)'],
  ['\u001f\uFFFD', 'gzip-compressed data'],
  ['SQLite format 3\u0000', 'an SQLite database'],
];

/** A character text hardly has: a control character other than tab, line breaks and form feed, or U+FFFD. */
export function isBinaryChar(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd;
}

/** What a file that is not text looks like ("a PNG image", "binary data"), or undefined for text. */
export function binaryKind(textIn: string): string | undefined {
  const known = BINARY.find(([start]) => textIn.startsWith(start))?.[1];
  if (known) return known;
  let odd = 0;
  for (let i = 0; i < Math.min(textIn.length, 8000); i++) {
    const c = textIn.charCodeAt(i);
    if (c === 0) return 'binary data';
    if (isBinaryChar(c)) odd++;
  }
  return odd > 8 ? 'binary data' : undefined;
}

/**
 * Reads an import file of either kind: by its name's extension (`.json`, `.bib`), else by content (a backup is a
 * JSON object). A file that is not text is refused as such.
 */
export async function parseImport(
  textIn: string,
  opts: BibtexOptions & { fileName?: string },
): Promise<ParseResult> {
  const binary = binaryKind(textIn);
  if (binary)
    return fail(
      `The file is not a text file (it looks like ${binary}). PaperSift imports a JSON backup or a BibTeX file.`,
    );
  const ext = /\.([a-z]+)$/i.exec(opts.fileName ?? '')?.[1]?.toLowerCase();
  const bib = ext === 'bib' || ext === 'bibtex';
  const start = textIn.trimStart();
  if (ext === 'json' || (!bib && (start.startsWith('{') || start.startsWith('['))))
    return parseBackup(textIn);
  if (bib || start.includes('@')) return parseBibtex(textIn, opts);
  return fail('The file is neither a PaperSift JSON backup nor a BibTeX file.');
}
