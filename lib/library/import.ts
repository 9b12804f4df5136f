import * as v from 'valibot';
import { BACKUP_FORMAT, BACKUP_VERSION, type ImportData } from '../db/backup';
import {
  DEFAULT_LIST_ID,
  type MembershipRecord,
  type PaperRecord,
  type PaperUserRecord,
  STATUSES,
} from '../db/schema';
import { describeIssues, httpUrl } from '../messaging/protocol';
import { SITES } from '../sites/registry';
import { fromBibtex, notesFromBibtex } from './bibtex';

// Reading import files: a PaperSift JSON backup or a BibTeX file. Everything in a file is untrusted: it is
// validated whole (types, bounds, http(s) links only, no markup in text, no duplicate ids, references that resolve)
// before anything is written, and a problem is reported with where it is. Pure functions: the options page writes
// the result with lib/db/backup `mergeImport` in one transaction.

/**
 * Files larger than this are refused before they are read. A PaperSift backup must always fit: a year of reading
 * cs.LG's /new every morning (~170,000 papers seen; abstracts kept for the last month, lib/db/retention.ts) is
 * ~100 MB, which Node parses and validates in ~2 s with ~600 MB of heap.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const MAX_ROWS = 1_000_000;

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

/**
 * Markup or script where plain text belongs: refused (PaperSift never renders it, but a file with it is hostile).
 * Tags and inline handlers only: "javascript:" is dangerous in a link, and links must be http(s) anyway, while a
 * real title says "Dynamic Security Analysis of JavaScript: Are We There Yet?" (a PaperSift backup holding that
 * paper was refused whole).
 */
const MARKUP =
  /<\s*\/?\s*(script|iframe|object|embed|svg|img|style|link|meta|form|base)\b|\bon[a-z]+\s*=\s*["']/i;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max),
    v.check((s) => !MARKUP.test(s), 'contains markup or script, which has no place in a paper field'),
  );
const time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e15));
const paperId = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-z][a-z0-9]*:\S+$/, 'must be a canonical <scheme>:<id>'),
);
const rows = <T extends v.GenericSchema>(item: T) =>
  v.optional(v.pipe(v.array(item), v.maxLength(MAX_ROWS)), []);

const PaperSchema = v.strictObject({
  id: paperId,
  title: v.pipe(text(2000), v.minLength(1)),
  authors: v.pipe(v.array(text(500)), v.maxLength(5000)),
  abstract: v.optional(text(100_000)),
  url: httpUrl,
  pdfUrl: v.optional(httpUrl),
  categories: v.pipe(v.array(text(64)), v.maxLength(50)),
  sites: v.pipe(v.array(v.picklist(SITES)), v.maxLength(SITES.length)),
  firstSeen: time,
  lastSeen: time,
  topics: v.pipe(v.array(text(200)), v.maxLength(200)),
  scores: v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  evidence: v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.array(text(500)), v.maxLength(50))),
});

const ListSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  name: v.pipe(text(100), v.minLength(1)),
  order: v.pipe(v.number(), v.finite()),
  createdAt: time,
});
const MembershipSchema = v.strictObject({
  listId: v.pipe(v.string(), v.maxLength(200)),
  paperId,
  addedAt: time,
});
const UserSchema = v.strictObject({
  id: paperId,
  status: v.optional(v.picklist(STATUSES)),
  notes: v.optional(text(100_000)),
  tags: v.pipe(v.array(v.pipe(text(64), v.minLength(1))), v.maxLength(50)),
  dismissedAt: v.optional(time),
  updatedAt: time,
});
const TopicSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  name: v.pipe(text(100), v.minLength(1)),
  short: text(12),
  color: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour')),
  phrases: v.pipe(v.array(text(200)), v.maxLength(200)),
  examples: v.pipe(v.array(paperId), v.maxLength(500)),
  enabled: v.boolean(),
  createdAt: time,
  updatedAt: time,
});
const MarkSchema = v.strictObject({
  topicId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  paperId,
  relevant: v.boolean(),
  at: time,
});
const SettingSchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  value: v.pipe(
    v.unknown(),
    v.check(
      (x) => x !== undefined && JSON.stringify(x).length <= 100_000,
      'must be a JSON value under 100 KB',
    ),
  ),
});
const VisitSchema = v.strictObject({
  id: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  at: time,
  site: v.picklist(SITES),
  adapter: text(64),
  url: httpUrl,
  entries: v.pipe(v.number(), v.integer(), v.minValue(0)),
  rejected: v.pipe(v.number(), v.integer(), v.minValue(0)),
  warnings: v.pipe(v.array(text(2000)), v.maxLength(1000)),
});

export const BackupSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.number(),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.pipe(v.string(), v.maxLength(40)),
  tables: v.strictObject({
    papers: rows(PaperSchema),
    lists: rows(ListSchema),
    memberships: rows(MembershipSchema),
    userData: rows(UserSchema),
    topics: rows(TopicSchema),
    marks: rows(MarkSchema),
    settings: rows(SettingSchema),
    visits: rows(VisitSchema),
  }),
});

/** The first key that occurs twice, with both row numbers. */
function duplicate<T>(rows: readonly T[], key: (r: T) => string): string | undefined {
  const seen = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    const k = key(r);
    const j = seen.get(k);
    if (j !== undefined) return `${k} (rows ${j} and ${i})`;
    seen.set(k, i);
  }
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
  const dups: [string, string | undefined][] = [
    ['papers', duplicate(t.papers, (p) => p.id)],
    ['lists', duplicate(t.lists, (l) => l.id)],
    ['memberships', duplicate(t.memberships, (m) => `${m.listId} / ${m.paperId}`)],
    ['userData', duplicate(t.userData, (u) => u.id)],
    ['topics', duplicate(t.topics, (x) => x.id)],
    ['marks', duplicate(t.marks, (m) => `${m.topicId} / ${m.paperId}`)],
    ['settings', duplicate(t.settings, (s) => s.key)],
    [
      'visits',
      duplicate(
        t.visits.filter((x) => x.id !== undefined),
        (x) => String(x.id),
      ),
    ],
  ];
  for (const [table, dup] of dups) if (dup) return fail(`The backup has a duplicate id in ${table}: ${dup}.`);
  const lists = new Set([DEFAULT_LIST_ID, ...t.lists.map((l) => l.id)]);
  const badList = t.memberships.find((m) => !lists.has(m.listId));
  if (badList)
    return fail(`The backup puts ${badList.paperId} in list ${badList.listId}, which it does not define.`);
  const papers = new Set(t.papers.map((p) => p.id));
  const orphan =
    t.memberships.find((m) => !papers.has(m.paperId))?.paperId ??
    t.userData.find((u) => !papers.has(u.id))?.id ??
    t.marks.find((m) => !papers.has(m.paperId))?.paperId;
  if (orphan) return fail(`The backup refers to paper ${orphan}, which it does not contain.`);
  return {
    ok: true,
    data: t as unknown as ImportData,
    warnings: [],
    papers: t.papers.length,
  };
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

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** The canonical id and link of a BibTeX entry: arXiv (eprint or arXiv URL), else DOI, else undefined. */
export function bibIdentity(fields: Record<string, unknown>): { id: string; url: string } | undefined {
  const str = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string).trim() : '');
  const url = str('url');
  const prefix = str('archiveprefix') || str('eprinttype');
  const eprint = str('eprint').replace(/^arxiv:/i, '');
  const doi = str('doi').replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  let arxiv = /^arxiv$/i.test(prefix) || /^\d{4}\.\d{4,5}(v\d+)?$/.test(eprint) ? eprint : '';
  if (!ARXIV_ID.test(arxiv))
    arxiv = /arxiv\.org\/(?:abs|pdf)\/([^\s?#]+?)(?:\.pdf)?(?:[?#]|$)/i.exec(url)?.[1] ?? '';
  // arXiv's own DOIs (10.48550/arXiv.<id>) name the same paper.
  if (!ARXIV_ID.test(arxiv)) arxiv = /^10\.48550\/arxiv\.(.+)$/i.exec(doi)?.[1] ?? '';
  const m = ARXIV_ID.exec(arxiv);
  if (m?.[1]) {
    const id = m[1];
    return { id: `arxiv:${id}`, url: /^https?:\/\//i.test(url) ? url : `https://arxiv.org/abs/${id}` };
  }
  if (/^10\.\d{4,9}\/\S+$/.test(doi))
    return {
      id: `doi:${doi.toLowerCase()}`,
      url: /^https?:\/\//i.test(url) ? url : `https://doi.org/${doi}`,
    };
  return undefined;
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
    if (MARKUP.test(entry.input))
      return fail(
        `BibTeX entry ${entry.key}: contains markup or script, which has no place in a paper field.`,
      );
    const f = entry.fields as Record<string, unknown>;
    const identity = bibIdentity(f);
    if (!identity) {
      warnings.push(`${entry.key}: skipped (no arXiv id, DOI or http(s) link to identify it)`);
      continue;
    }
    const prev = byId.get(identity.id);
    if (prev)
      return fail(
        `The BibTeX file has the same paper twice: ${identity.id} (entries ${prev} and ${entry.key}).`,
      );
    byId.set(identity.id, entry.key);
    const title = typeof f.title === 'string' ? fromBibtex(f.title) : '';
    const abstract = typeof f.abstract === 'string' ? fromBibtex(f.abstract) : '';
    const category = typeof f.primaryclass === 'string' ? f.primaryclass.trim() : '';
    const pdf = typeof f.file === 'string' && /^https?:\/\/\S+\.pdf$/i.test(f.file) ? f.file : undefined;
    const record = {
      id: identity.id,
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
    const ok = v.safeParse(PaperSchema, record);
    if (!ok.success) return fail(`BibTeX entry ${entry.key}: ${describeIssues(ok.issues)}.`);
    papers.push(ok.output as PaperRecord);
    const tags = ((f.keywords as string[] | undefined) ?? []).map((k) => k.trim()).filter(Boolean);
    const notes = typeof f.annote === 'string' ? notesFromBibtex(f.annote) : '';
    if (tags.length || notes) {
      const user = {
        id: identity.id,
        tags: [...new Set(tags)].slice(0, 50),
        ...(notes ? { notes } : {}),
        updatedAt: now,
      };
      const u = v.safeParse(UserSchema, user);
      if (!u.success) return fail(`BibTeX entry ${entry.key}: ${describeIssues(u.issues)}.`);
      users.push(u.output as PaperUserRecord);
    }
  }
  if (!papers.length)
    return fail(`None of the ${lib.entries.length} entries could be imported: ${warnings[0]}.`);
  const memberships: MembershipRecord[] = papers.map((p) => ({ listId, paperId: p.id, addedAt: now }));
  return { ok: true, data: { papers, memberships, userData: users }, warnings, papers: papers.length };
}

/** Reads an import file of either kind (by content: a backup is a JSON object). */
export async function parseImport(textIn: string, opts: BibtexOptions): Promise<ParseResult> {
  const start = textIn.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return parseBackup(textIn);
  if (start.includes('@')) return parseBibtex(textIn, opts);
  return fail('The file is neither a PaperSift JSON backup nor a BibTeX file.');
}
