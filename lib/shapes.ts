import * as v from 'valibot';
import { canonicalId } from './ids';
import type { PaperMeta } from './paper';
import { SITES } from './sites/registry';

// The shapes of untrusted data, in one place: what a content script sends (it runs beside a page and reads the
// page's text), what the popup and options page send, and every row of an import file. The records the database
// keeps are typed from these schemas (lib/db/schema.ts re-exports the types), so a field is declared once, with its
// bounds. Bounds keep a hostile page or file from storing megabytes per field; the import accepts everything the
// product stores (a backup always restores). Text is text: it is stored as typed and only ever shown as text, so no
// character is refused in it. Content scripts import this module (through lib/messaging): no Dexie here.

/** Field limits. What the database functions accept (lib/db) is within these, so a backup of it always imports. */
export const LIMITS = {
  /** Paper ids, list ids, topic ids, setting keys. */
  id: 200,
  url: 2048,
  title: 2000,
  author: 500,
  authors: 5000,
  abstract: 100_000,
  snippet: 10_000,
  venue: 1000,
  altIds: 20,
  category: 64,
  categories: 50,
  listName: 100,
  notes: 100_000,
  tag: 64,
  tags: 50,
  topicName: 100,
  topicShort: 12,
  phrase: 200,
  phrases: 200,
  examples: 500,
  /** Labels of one paper (topic ids), and evidence per label. */
  labels: 200,
  evidence: 500,
  evidencePerTopic: 50,
  /** A setting's value, serialised (the filter bar's choice, from a page, is smaller: `filter`). */
  setting: 100_000,
  filter: 10_000,
  /** Nesting of a setting's value. */
  depth: 32,
  adapter: 64,
  warning: 2000,
  warnings: 1000,
} as const;

export const httpUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url),
  v.url(),
  v.check((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL'),
);

/** A canonical paper id as `canonicalId` (lib/ids.ts) writes it: `arxiv:<id>`, `doi:<lower-case doi>`, … */
export const paperId = v.pipe(
  v.string(),
  v.maxLength(LIMITS.id),
  v.check((s) => canonicalId(s) === s, 'must be a canonical paper id (arxiv:2407.21783, doi:10.…, …)'),
);

/**
 * A paper id in an import file, made canonical: any form `canonicalId` reads (an older PaperSift wrote
 * `arxiv:math.GT/0309136` for `arxiv:math/0309136`).
 */
export const importPaperId = v.pipe(
  v.string(),
  v.maxLength(LIMITS.id),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const id = canonicalId(dataset.value);
    if (id) return id;
    addIssue({ message: 'must be a paper id (arxiv:2407.21783, doi:10.…, …)' });
    return NEVER;
  }),
);

/** A list's or topic's id. */
export const localId = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id));
export const color = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour like #2563eb'));
export const time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e15));
/*#__NO_SIDE_EFFECTS__*/
export function text(max: number) {
  return v.pipe(v.string(), v.maxLength(max));
}
/*#__NO_SIDE_EFFECTS__*/
function nonEmpty(max: number) {
  return v.pipe(v.string(), v.minLength(1), v.maxLength(max));
}
/*#__NO_SIDE_EFFECTS__*/
function list<T extends v.GenericSchema>(item: T, max: number) {
  return v.pipe(v.array(item), v.maxLength(max));
}

/**
 * Why a JSON value does not fit (nested deeper than `LIMITS.depth`, or longer than `maxChars` serialised), measured
 * without recursion: a value nested 100,000 deep is a clear refusal, not a RangeError.
 */
export function jsonProblem(x: unknown, maxChars: number): string | undefined {
  const stack: [unknown, number][] = [[x, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item;
    if (depth > LIMITS.depth) return `is nested deeper than ${LIMITS.depth} levels`;
    if (value && typeof value === 'object') for (const c of Object.values(value)) stack.push([c, depth + 1]);
  }
  const s = x === undefined ? undefined : JSON.stringify(x);
  if (s === undefined) return 'must be a JSON value';
  return s.length > maxChars ? `is larger than ${maxChars} characters` : undefined;
}

/*#__NO_SIDE_EFFECTS__*/
export function jsonValue(maxChars: number) {
  return v.pipe(
    v.unknown(),
    v.rawCheck(({ dataset, addIssue }) => {
      const problem = dataset.typed ? jsonProblem(dataset.value, maxChars) : undefined;
      if (problem) addIssue({ message: problem });
    }),
  );
}

// --- Papers -------------------------------------------------------------------------------------------------------

/** The metadata of a paper as a page shows it (PaperMeta, lib/paper.ts), without where it was seen. */
const paperFields = {
  id: paperId,
  title: nonEmpty(LIMITS.title),
  authors: list(text(LIMITS.author), LIMITS.authors),
  abstract: v.optional(text(LIMITS.abstract)),
  snippet: v.optional(text(LIMITS.snippet)),
  url: httpUrl,
  pdfUrl: v.optional(httpUrl),
  categories: list(text(LIMITS.category), LIMITS.categories),
  altIds: v.optional(list(paperId, LIMITS.altIds)),
  year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999))),
  venue: v.optional(text(LIMITS.venue)),
};

/** A paper a content script sends (checked one by one: one odd entry does not lose the page). */
export const PaperMetaSchema = v.object({ ...paperFields, site: v.picklist(SITES) });

// PaperMeta (lib/paper.ts) is what adapters produce: the schema must describe exactly that.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const paperMetaIsSchema: Same<PaperMeta, v.InferOutput<typeof PaperMetaSchema>> = true;
void paperMetaIsSchema;

const classification = {
  /** Labels of the latest classification (topic ids), with scores and evidence. */
  topics: list(text(LIMITS.labels), LIMITS.labels),
  scores: v.record(text(LIMITS.id), v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  evidence: v.record(text(LIMITS.id), list(text(LIMITS.evidence), LIMITS.evidencePerTopic)),
  /** What the model read: the title only, a fragment of the abstract, or the abstract. */
  textKind: v.optional(v.picklist(['title', 'snippet', 'abstract'])),
  /** Decisions the model is not sure of (scores near the threshold): uncertain labels, or possible ones. */
  uncertain: v.optional(list(text(LIMITS.id), LIMITS.labels)),
};

/**
 * A paper the user has come across, merged over every sighting (any of its ids, on any site = one record): its
 * metadata (`url` is the page where it was first seen), its other ids, where and when it was seen, its latest
 * classification, and the key that matches it by title (lib/ids.ts `titleKey`, kept for the index).
 */
/*#__NO_SIDE_EFFECTS__*/
function paperRecordFields(id: typeof paperId | typeof importPaperId) {
  return {
    ...paperFields,
    id,
    altIds: v.optional(list(id, LIMITS.altIds)),
    /** Sites where it was seen, in order of first sighting (empty for a paper only imported). */
    sites: list(v.picklist(SITES), SITES.length),
    firstSeen: time,
    lastSeen: time,
    /** When it was first on screen long enough to be read (lib/page/viewed.ts); absent: never read. */
    viewedAt: v.optional(time),
    ...classification,
    titleKey: v.optional(text(LIMITS.title + LIMITS.author + 1)),
  };
}
export const PaperRecordSchema = v.strictObject(paperRecordFields(paperId));
export type PaperRecord = v.InferOutput<typeof PaperRecordSchema>;

// --- The user's data ----------------------------------------------------------------------------------------------

export const STATUSES = ['to-read', 'reading', 'read'] as const;
export type ReadingStatus = (typeof STATUSES)[number];

/** A reading list. `order` sorts the lists (the default list first unless the user moves it). */
export const ListRecordSchema = v.strictObject({
  id: localId,
  name: nonEmpty(LIMITS.listName),
  order: v.pipe(v.number(), v.finite()),
  createdAt: time,
});
export type ListRecord = v.InferOutput<typeof ListRecordSchema>;

/** A paper in a reading list, since `addedAt` (the "saved date" within that list). */
/*#__NO_SIDE_EFFECTS__*/
function membership(id: typeof paperId | typeof importPaperId) {
  return v.strictObject({ listId: localId, paperId: id, addedAt: time });
}
export const MembershipRecordSchema = membership(paperId);
export type MembershipRecord = v.InferOutput<typeof MembershipRecordSchema>;

/** What the user said about a paper: reading status, notes, tags, "not interested". Absent = nothing said. */
/*#__NO_SIDE_EFFECTS__*/
function paperUser(id: typeof paperId | typeof importPaperId) {
  return v.strictObject({
    id,
    /** Absent means "to read" for a saved paper. */
    status: v.optional(v.picklist(STATUSES)),
    notes: v.optional(text(LIMITS.notes)),
    tags: list(nonEmpty(LIMITS.tag), LIMITS.tags),
    /** When the user dismissed the paper ("not interested"); the in-page filter may hide it. */
    dismissedAt: v.optional(time),
    updatedAt: time,
  });
}
export type PaperUserRecord = v.InferOutput<ReturnType<typeof paperUser>>;

/** A topic the user defined: key phrases and example papers train it (lib/classify). */
/*#__NO_SIDE_EFFECTS__*/
function userTopic(id: typeof paperId | typeof importPaperId) {
  return v.strictObject({
    id: localId,
    name: nonEmpty(LIMITS.topicName),
    /** Badge label, a few characters. */
    short: text(LIMITS.topicShort),
    color,
    phrases: list(text(LIMITS.phrase), LIMITS.phrases),
    /** Canonical ids of example papers. */
    examples: list(id, LIMITS.examples),
    enabled: v.boolean(),
    createdAt: time,
    updatedAt: time,
  });
}
export type UserTopicRecord = v.InferOutput<ReturnType<typeof userTopic>>;

/** Topic feedback: the user marked a paper as relevant (or not) to a topic (built-in or the user's). */
/*#__NO_SIDE_EFFECTS__*/
function mark(id: typeof paperId | typeof importPaperId) {
  return v.strictObject({ topicId: localId, paperId: id, relevant: v.boolean(), at: time });
}
export type MarkRecord = v.InferOutput<ReturnType<typeof mark>>;

/** A setting: typed keys and values in lib/db/settings.ts. */
export const SettingRecordSchema = v.strictObject({ key: localId, value: jsonValue(LIMITS.setting) });
export type SettingRecord = v.InferOutput<typeof SettingRecordSchema>;

/** What a page reports of a visit, for the options page's site health. */
export const visitFields = {
  url: httpUrl,
  adapter: text(LIMITS.adapter),
  /** Entries the adapter found on the page. */
  entries: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Entries the background refused (malformed). */
  rejected: v.pipe(v.number(), v.integer(), v.minValue(0)),
  warnings: list(text(LIMITS.warning), LIMITS.warnings),
};
/** One page visit. */
export const VisitRecordSchema = v.strictObject({
  id: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  at: time,
  site: v.picklist(SITES),
  ...visitFields,
});
export type VisitRecord = v.InferOutput<typeof VisitRecordSchema>;

// --- Import files -------------------------------------------------------------------------------------------------

export const BACKUP_FORMAT = 'papersift-backup';
/** Version of the backup file format (not of the database schema, which `schemaVersion` records). */
export const BACKUP_VERSION = 1;
/** Rows per table in an import. */
export const MAX_ROWS = 1_000_000;

/** The tables of the current schema, in the order backups list them. */
export const TABLES = [
  'papers',
  'lists',
  'memberships',
  'userData',
  'topics',
  'marks',
  'settings',
  'visits',
] as const;

// One row of each table as an import file may give it (paper ids made canonical).
const importPaper = v.strictObject(paperRecordFields(importPaperId));
const importMembership = membership(importPaperId);
const importUser = paperUser(importPaperId);
const importTopic = userTopic(importPaperId);
const importMark = mark(importPaperId);

/** One row of each table as an import file may give it (paper ids made canonical). */
export const IMPORT_ROWS = {
  papers: importPaper,
  lists: ListRecordSchema,
  memberships: importMembership,
  userData: importUser,
  topics: importTopic,
  marks: importMark,
  settings: SettingRecordSchema,
  visits: VisitRecordSchema,
} satisfies Record<(typeof TABLES)[number], v.GenericSchema>;

export type ImportTable = keyof typeof IMPORT_ROWS;
/** Every table's rows. */
export type BackupTables = { [T in ImportTable]: v.InferOutput<(typeof IMPORT_ROWS)[T]>[] };
/** What an import adds to the database: any subset of the tables (a BibTeX file gives papers and memberships). */
export type ImportData = Partial<BackupTables>;

/*#__NO_SIDE_EFFECTS__*/
function rows<T extends v.GenericSchema>(item: T) {
  return v.optional(list(item, MAX_ROWS), []);
}

export const BackupSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.number(),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: text(40),
  tables: v.strictObject({
    // The tables in backup order (TABLES); content scripts import this module: no property read of IMPORT_ROWS
    // here, so that bundlers drop what they do not use.
    papers: rows(importPaper),
    lists: rows(ListRecordSchema),
    memberships: rows(importMembership),
    userData: rows(importUser),
    topics: rows(importTopic),
    marks: rows(importMark),
    settings: rows(SettingRecordSchema),
    visits: rows(VisitRecordSchema),
  }),
});
export type Backup = v.InferOutput<typeof BackupSchema>;

/** The first key that occurs twice (in one row or two), with both row numbers. */
function duplicate<T>(rows: readonly T[] | undefined, key: (r: T) => string | string[]): string | undefined {
  const seen = new Map<string, number>();
  for (const [i, r] of (rows ?? []).entries()) {
    for (const k of [key(r)].flat()) {
      const j = seen.get(k);
      if (j !== undefined) return `${k} (rows ${j} and ${i})`;
      seen.set(k, i);
    }
  }
  return undefined;
}

/**
 * What the rows of an import cannot mean together, as a sentence about `what` ("The backup"), or undefined: an id
 * twice in a table, a membership in a list the file does not define (`knownLists` exist anyway), a reference to a
 * paper the file does not contain.
 */
export function importProblem(
  t: ImportData,
  knownLists: readonly string[],
  what: string,
): string | undefined {
  const dups: [string, string | undefined][] = [
    // A paper's other ids too: an id names one paper.
    ['papers', duplicate(t.papers, (p) => [p.id, ...(p.altIds ?? [])])],
    ['lists', duplicate(t.lists, (l) => l.id)],
    ['memberships', duplicate(t.memberships, (m) => `${m.listId} / ${m.paperId}`)],
    ['userData', duplicate(t.userData, (u) => u.id)],
    ['topics', duplicate(t.topics, (x) => x.id)],
    ['marks', duplicate(t.marks, (m) => `${m.topicId} / ${m.paperId}`)],
    ['settings', duplicate(t.settings, (s) => s.key)],
    [
      'visits',
      duplicate(
        t.visits?.filter((x) => x.id !== undefined),
        (x) => String(x.id),
      ),
    ],
  ];
  for (const [table, dup] of dups) if (dup) return `${what} has a duplicate id in ${table}: ${dup}.`;
  const lists = new Set([...knownLists, ...(t.lists ?? []).map((l) => l.id)]);
  const badList = t.memberships?.find((m) => !lists.has(m.listId));
  if (badList) return `${what} puts ${badList.paperId} in list ${badList.listId}, which it does not define.`;
  const papers = new Set((t.papers ?? []).map((p) => p.id));
  const orphan =
    t.memberships?.find((m) => !papers.has(m.paperId))?.paperId ??
    t.userData?.find((u) => !papers.has(u.id))?.id ??
    t.marks?.find((m) => !papers.has(m.paperId))?.paperId;
  return orphan ? `${what} refers to paper ${orphan}, which it does not contain.` : undefined;
}

/** Readable summary of a validation failure: first issue with its path. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid message';
  const path = v.getDotPath(first);
  return path ? `${path}: ${first.message}` : first.message;
}
