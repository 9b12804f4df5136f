import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { clearAll, exportBackup, mergeImport } from '../../../lib/db/backup';
import { createList } from '../../../lib/db/lists';
import { DEFAULT_LIST_ID, describeStorageError, type PaperSiftDb } from '../../../lib/db/schema';
import { putFilterBar, setBuiltinTopic } from '../../../lib/db/settings';
import { putUserTopic, setMark } from '../../../lib/db/topics';
import { setDismissed } from '../../../lib/db/user';
import { recordVisit } from '../../../lib/db/visits';
import { toBibtex } from '../../../lib/library/export';
import { exportFields } from '../../../lib/library/export-fields';
import { checkSize, parseBackup, parseBibtex, parseImport } from '../../../lib/library/import';
import { viewItems } from '../../../lib/library/items';
import { texToText } from '../../../lib/library/tex';
import type { Backup } from '../../../lib/shapes';
import { freshDb } from '../db/fixtures';
import { buildLibrary, loadItems, papers } from './helpers';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../../fixtures/library', name), 'utf8');

/** A full library: lists, statuses, notes, tags, a user topic, marks, a dismissal, settings, visits. */
async function fullDb(): Promise<PaperSiftDb> {
  const { db } = freshDb();
  await buildLibrary(db);
  const topic = await putUserTopic(
    db,
    {
      name: 'Looped models',
      color: '#0ea5e9',
      phrases: ['looped transformer'],
      examples: [papers[0]?.id as string],
    },
    5,
  );
  await setMark(db, topic.id, papers[1]?.id as string, false, 6);
  await setMark(db, 'gnn', papers[2]?.id as string, true, 7);
  await setDismissed(db, papers[33]?.id as string, true, 8);
  await setBuiltinTopic(db, 'rl', { enabled: false, color: '#ff0000' });
  await putFilterBar(db, 'arxiv', { hide: ['dismissed'], topics: ['gnn'] });
  await recordVisit(db, {
    at: 9,
    url: 'https://arxiv.org/list/cs.LG/new',
    adapter: 'arxiv-list',
    entries: 112,
    rejected: 0,
    warnings: [],
  });
  await recordVisit(db, {
    at: 10,
    url: 'https://huggingface.co/papers',
    adapter: 'hf-daily',
    entries: 0,
    rejected: 0,
    warnings: ['no cards'],
  });
  return db;
}

const tablesOf = async (db: PaperSiftDb) => (await exportBackup(db, 0)).tables;
const roundTrip = (b: Backup) => JSON.parse(JSON.stringify(b)) as Backup;

describe('JSON backup', () => {
  it('restored into an empty profile reproduces the database exactly', async () => {
    const a = await fullDb();
    const backup = await exportBackup(a, Date.UTC(2026, 7, 1));
    expect(backup).toMatchObject({
      format: 'papersift-backup',
      version: 1,
      schemaVersion: 3,
      exportedAt: '2026-08-01T00:00:00.000Z',
    });
    expect(backup.tables.papers).toHaveLength(36);
    const parsed = parseBackup(JSON.stringify(backup, null, 2));
    if (!parsed.ok) throw new Error(parsed.error);
    const { db: b } = freshDb('other');
    const progress: number[] = [];
    await mergeImport(b, parsed.data, (done, total) => progress.push(done / total));
    expect(progress.at(-1)).toBe(1);
    expect(await tablesOf(b)).toEqual(roundTrip(backup).tables);
    expect(await tablesOf(b)).toEqual(backup.tables);
  });

  it('merges into an existing library without duplicates, and again changes nothing', async () => {
    const a = await fullDb();
    const backup = await exportBackup(a, 0);
    const { db: b } = freshDb('other');
    // b: 5 of the file's Thesis papers, in its own "thesis" list (different id, same name).
    await buildLibrary(b);
    await clearAll(b, 1);
    const thesis = await createList(b, 'thesis', 2);
    const first5 = new Set(papers.slice(0, 5).map((p) => p.id));
    const parsedB = parseBackup(
      JSON.stringify({
        ...backup,
        tables: {
          papers: backup.tables.papers.filter((p) => first5.has(p.id)),
          memberships: [...first5].map((id) => ({ listId: thesis.id, paperId: id, addedAt: 3 })),
          lists: [{ ...thesis }],
        },
      }),
    );
    if (!parsedB.ok) throw new Error(parsedB.error);
    await mergeImport(b, parsedB.data);
    const summary = await mergeImport(
      b,
      (parseBackup(JSON.stringify(backup)) as { data: Backup['tables'] }).data,
    );
    expect(summary).toMatchObject({ papersAdded: 31, papersMerged: 5, listsAdded: 0 });
    expect(await b.lists.count()).toBe(2);
    expect(await b.papers.count()).toBe(36);
    // The thesis list (matched by name) holds the file's 10, the 5 it had keeping their earlier date.
    const inThesis = await b.memberships.where('listId').equals(thesis.id).toArray();
    expect(inThesis).toHaveLength(10);
    expect(inThesis.filter((m) => m.addedAt === 3)).toHaveLength(5);
    const before = await tablesOf(b);
    await mergeImport(b, (parseBackup(JSON.stringify(backup)) as { data: Backup['tables'] }).data);
    expect(await tablesOf(b)).toEqual(before);
  });

  it('a failed import (unknown paper, storage quota) leaves the database unchanged and says why', async () => {
    const a = await fullDb();
    const before = await tablesOf(a);
    await expect(
      mergeImport(a, {
        papers: [],
        memberships: [{ listId: DEFAULT_LIST_ID, paperId: 'arxiv:9999.99999', addedAt: 1 }],
      }),
    ).rejects.toThrow('The file refers to paper arxiv:9999.99999, which is neither in it nor saved.');
    expect(await tablesOf(a)).toEqual(before);
    const backup = await exportBackup(a, 0);
    const { db: b } = freshDb('other');
    const data = (parseBackup(JSON.stringify(backup)) as { data: Backup['tables'] }).data;
    const empty = await tablesOf(b);
    // The quota runs out at the memberships, after every paper was written in the same transaction. The import
    // writes through tables bound to its transaction (lib/db/bound.ts): the failure goes on this database's Table.
    const bulkPut = b.Table.prototype.bulkPut;
    b.Table.prototype.bulkPut = function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'memberships') return Promise.reject(new Dexie.QuotaExceededError('quota exceeded'));
      return (bulkPut as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof bulkPut;
    const err = await mergeImport(b, data).catch((e: unknown) => e);
    expect(describeStorageError(err)).toMatch(/storage quota exceeded/);
    expect(await tablesOf(b)).toEqual(empty);
  });
});

describe('hostile and broken files', () => {
  const cases: [string, RegExp][] = [
    ['truncated.json', /^The file is not valid JSON \(is it truncated\?\): /],
    [
      'wrong-types.json',
      /^The backup is malformed at tables\.papers\.0\.authors: Invalid type: Expected Array but received "Andrei Cristian Popescu"\.$/,
    ],
    ['javascript-url.json', /^The backup is malformed at tables\.papers\.0\.url: /],
    ['duplicate-ids.json', /^The backup has a duplicate id in papers: arxiv:2607\.20519 \(rows 0 and 2\)\.$/],
    ['orphan-membership.json', /^The backup refers to paper arxiv:2607\.20519, which it does not contain\.$/],
    ['newer-version.json', /^The backup was made by a newer PaperSift \(format version 7\)/],
    ['not-a-backup.json', /^The file is JSON but not a PaperSift backup/],
    [
      'malformed.bib',
      /^The BibTeX file is malformed: Unterminated brace-value "Adaptive Depth in Lo" at line 12, column 1 in "misc".$/,
    ],
    [
      'duplicate-entries.bib',
      /^The BibTeX file has the same paper twice: arxiv:2607\.20519 \(entries popescu2026adaptive and popescu2026adaptive-v2\)\.$/,
    ],
  ];
  it.each(cases)('%s is refused with a message naming the problem', async (file, message) => {
    const result = await parseImport(fixture(`bad/${file}`), { listId: DEFAULT_LIST_ID, now: 1 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(message);
  });

  it('refuses oversized and empty files before reading them', () => {
    expect(checkSize(300 * 1024 * 1024)).toBe(
      'The file is 300.0 MB; PaperSift imports files of at most 200.0 MB.',
    );
    expect(checkSize(0)).toBe('The file is empty.');
    expect(checkSize(100 * 1024 * 1024)).toBeUndefined();
  });
});

describe('BibTeX import', () => {
  it('reads arXiv and publisher entries, maps arXiv DOIs to arXiv ids, skips what it cannot identify', async () => {
    const r = await parseBibtex(fixture('arxiv-export.bib'), { listId: DEFAULT_LIST_ID, now: 50 });
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toEqual([
      'vaswani2017attention: skipped (no arXiv id, DOI or http(s) link to identify it)',
    ]);
    expect(r.data.papers?.map((p) => [p.id, p.title, p.authors, p.url, p.categories])).toEqual([
      [
        'arxiv:2607.20519',
        'Adaptive Depth in Looped Transformers: Diagnosing Learned Halting Gates and Trajectory Readouts',
        ['Andrei Cristian Popescu', 'Haitz Sáez de Ocáriz Borde', 'Pietro Liò'],
        'https://arxiv.org/abs/2607.20519',
        ['cs.LG'],
      ],
      [
        'arxiv:1609.02907',
        'Semi-Supervised Classification with Graph Convolutional Networks',
        ['Thomas N. Kipf', 'Max Welling'],
        'https://arxiv.org/abs/1609.02907',
        [],
      ],
    ]);
    expect(r.data.userData).toEqual([
      { id: 'arxiv:1609.02907', tags: ['gnn', 'semi-supervised'], notes: 'The GCN paper.', updatedAt: 50 },
    ]);
    expect(r.data.memberships).toEqual([
      { listId: DEFAULT_LIST_ID, paperId: 'arxiv:2607.20519', addedAt: 50 },
      { listId: DEFAULT_LIST_ID, paperId: 'arxiv:1609.02907', addedAt: 50 },
    ]);
  });

  it('merging a BibTeX entry of a known paper keeps its classification and its first link', async () => {
    const { db } = freshDb();
    await buildLibrary(db);
    const before = await db.papers.get('arxiv:2607.20519');
    expect(before?.scores).toEqual({ gnn: 0.1, rl: 0.05 });
    const r = await parseBibtex(fixture('arxiv-export.bib'), {
      listId: DEFAULT_LIST_ID,
      now: Date.UTC(2027, 0, 1),
    });
    if (!r.ok) throw new Error(r.error);
    expect(await mergeImport(db, r.data)).toMatchObject({ papersAdded: 1, papersMerged: 1 });
    const after = await db.papers.get('arxiv:2607.20519');
    expect([after?.topics, after?.scores, after?.url, after?.abstract]).toEqual([
      before?.topics,
      before?.scores,
      before?.url,
      before?.abstract,
    ]);
  });

  it('a paper whose title names a language ("JavaScript: ...") is no script: its backup and BibTeX import', async () => {
    // The title of a real paper (shared/data/papers.jsonl, openreview:BqqAe7JRTM); such a backup was refused whole.
    const title = 'Dynamic Security Analysis of JavaScript: Are We There Yet?';
    const { db: a } = freshDb();
    await buildLibrary(a);
    await a.papers.update(papers[0]?.id as string, { title });
    const backup = JSON.stringify(await exportBackup(a, 60));
    const r = parseBackup(backup);
    if (!r.ok) throw new Error(r.error);
    const { db: b } = freshDb('other');
    await mergeImport(b, r.data);
    expect((await b.papers.get(papers[0]?.id as string))?.title).toBe(title);
    const bib = await parseBibtex(toBibtex(viewItems(await loadItems(a), undefined, {}, 'saved')), {
      listId: DEFAULT_LIST_ID,
      now: 50,
    });
    expect(bib.ok ? bib.data.papers?.map((p) => p.title) : bib.error).toContain(title);
  });

  it('our BibTeX export imports back into a new profile with the same papers, tags and notes', async () => {
    const { db: a } = freshDb();
    await buildLibrary(a);
    const items = viewItems(await loadItems(a), undefined, {}, 'saved');
    const r = await parseBibtex(toBibtex(items), { listId: DEFAULT_LIST_ID, now: 50 });
    if (!r.ok) throw new Error(r.error);
    const { db: b } = freshDb('other');
    await mergeImport(b, r.data);
    const back = viewItems(await loadItems(b), undefined, {}, 'title');
    const key = (list: typeof items) =>
      list
        .map((i) => [
          i.paper.id,
          // Titles and abstracts read as they show (BibTeX writes their TeX: `{3}` comes back as `3`).
          texToText(i.paper.title),
          i.paper.authors,
          texToText(i.paper.abstract ?? ''),
          // Papers saved from Hugging Face are exported with their arXiv page.
          exportFields(i.paper).url,
          i.paper.categories[0],
          i.user?.tags ?? [],
          // Notes keep their line breaks.
          i.user?.notes,
        ])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(key(back)).toEqual(key(items));
    // Importing the same file again adds nothing.
    await mergeImport(b, r.data);
    expect(await b.memberships.count()).toBe(30);
  });
});
