import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../lib/classify';
import { exportBackup } from '../../../lib/db/backup';
import { createList } from '../../../lib/db/lists';
import type { PaperSiftDb } from '../../../lib/db/schema';
import { SITES } from '../../../lib/sites/registry';
import { freshDb } from '../db/fixtures';
import { buildLibrary, DEFAULT_LIST_ID, importFile, optionsPage } from './helpers';

// The options page's store on a fake database, its writes handled by a LibraryService on the same database (as the
// background's, with the shipped topic model): imports, exports and the counts the page shows.

const NOW = Date.UTC(2026, 7, 1);
const fixture = (name: string) => resolve(import.meta.dirname, '../../fixtures/library', name);

const setup = (db: PaperSiftDb) => optionsPage(db, (state) => createClassifier(state), NOW);
const file = importFile;

/** Every table but the backup's date: what "the database is untouched" compares. */
async function tables(db: PaperSiftDb) {
  return (await exportBackup(db, 0)).tables;
}

describe('options store', () => {
  it('shows the built-in topics, the sites and the counts of a library', async () => {
    const { db } = freshDb();
    await buildLibrary(db);
    const { store } = setup(db);
    await store.refresh();
    expect(store.state.topics.value.map((t) => t.id)).toEqual([
      'gnn',
      'rl',
      'hypernetworks',
      'recommendation',
    ]);
    // Every site of the registry, enabled by default.
    expect(store.state.sites.value).toEqual(Object.fromEntries(SITES.map((s) => [s, true])));
    expect(store.state.sites.value).toMatchObject({ arxiv: true, huggingface: true, dblp: true, web: true });
    // 36 papers recorded, the first 30 saved (10 of them also in Thesis: counted once).
    expect(store.state.counts.value).toEqual({ papers: 36, saved: 30 });
    expect(store.state.lists.value.map((l) => l.name)).toEqual(['Reading list', 'Thesis']);
  });

  it('a JSON backup exported from one profile and imported into an empty one reproduces it', async () => {
    const { db: source } = freshDb('source');
    await buildLibrary(source);
    const from = setup(source);
    await from.store.actions.exportData(undefined, 'json');
    expect(from.downloads).toHaveLength(1);
    const backup = from.downloads[0] as { text: string; name: string; mime: string };
    expect(backup.name).toMatch(/\.json$/);
    expect(from.store.state.notice.value).toBe('Exported a backup of 36 papers.');

    const { db } = freshDb('target');
    const to = setup(db);
    await to.store.actions.importFile(file('backup.json', backup.text), DEFAULT_LIST_ID);
    expect(to.store.state.importing.value).toMatchObject({ phase: 'done' });
    expect(to.store.state.importing.value?.message).toMatch(
      /^Imported backup\.json: 36 new papers, 0 merged/,
    );
    expect(to.store.state.counts.value).toEqual({ papers: 36, saved: 30 });
    expect(await tables(db)).toEqual(await tables(source));
  });

  it('a BibTeX import adds the identified papers to the chosen list and has them classified', async () => {
    const { db } = freshDb();
    const { store } = setup(db);
    await store.refresh();
    await store.actions.importFile(
      file('refs.bib', readFileSync(fixture('arxiv-export.bib'), 'utf8')),
      DEFAULT_LIST_ID,
    );
    const state = store.state.importing.value;
    expect(state?.phase).toBe('done');
    // Two entries carry an arXiv id or DOI; the third has nothing to identify it and is named as skipped.
    expect(state?.message).toMatch(
      /2 new papers, 0 merged with papers already here, 2 added to lists\. Skipped 1/,
    );
    expect(store.state.counts.value).toEqual({ papers: 2, saved: 2 });
    // The GCN paper came without topics; the background's model gave it its label.
    expect(await db.papers.get('arxiv:1609.02907')).toMatchObject({ topics: ['gnn'] });
  });

  it('a bad file is refused with its reason and changes nothing', async () => {
    const { db } = freshDb();
    await buildLibrary(db);
    const { store } = setup(db);
    await store.refresh();
    const before = await tables(db);
    for (const bad of ['truncated.json', 'wrong-types.json', 'orphan-membership.json', 'malformed.bib']) {
      await store.actions.importFile(file(bad, readFileSync(fixture(`bad/${bad}`), 'utf8')), DEFAULT_LIST_ID);
      expect(store.state.importing.value).toMatchObject({ phase: 'failed' });
      expect(store.state.importing.value?.message).toMatch(
        new RegExp(`^${bad.replace('.', '\\.')}: .+ Nothing was imported\\.$`),
      );
    }
    expect(await tables(db)).toEqual(before);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const { db } = freshDb();
    const { store } = setup(db);
    let read = false;
    await store.actions.importFile(
      {
        name: 'huge.json',
        size: 300 * 1024 * 1024,
        text: async () => {
          read = true;
          return '{}';
        },
      },
      DEFAULT_LIST_ID,
    );
    expect(read).toBe(false);
    expect(store.state.importing.value).toMatchObject({ phase: 'failed' });
    expect(store.state.importing.value?.message).toMatch(/Nothing was imported\.$/);
  });

  it("exports one list's papers as BibTeX, and deleting everything empties the database", async () => {
    const { db } = freshDb();
    const { thesisId } = await buildLibrary(db);
    const { store, downloads } = setup(db);
    await store.refresh();
    await store.actions.exportData(thesisId, 'bibtex');
    expect(downloads[0]?.name).toBe('papersift-thesis-2026-08-01.bib');
    expect(downloads[0]?.text.match(/^@misc\{/gm)).toHaveLength(10);
    expect(store.state.notice.value).toBe('Exported 10 papers as BibTeX.');

    await store.actions.deleteAll();
    expect(store.state.notice.value).toBe('Everything was deleted.');
    expect(store.state.counts.value).toEqual({ papers: 0, saved: 0 });
  });

  it('exporting nothing (no saved paper, an empty list) says so and downloads no file', async () => {
    const { db } = freshDb();
    const { store, downloads } = setup(db);
    await store.refresh();
    await store.actions.exportData(undefined, 'markdown');
    expect(store.state.error.value).toBe('Nothing to export: no paper is saved yet.');
    await buildLibrary(db);
    const later = await createList(db, 'Later', NOW);
    await store.refresh();
    await store.actions.exportData(later.id, 'bibtex');
    expect(store.state.error.value).toBe('Nothing to export: the list "Later" has no papers.');
    expect(downloads).toEqual([]);
    await store.actions.exportData(undefined, 'markdown');
    expect(store.state.error.value).toBeUndefined();
    expect(downloads.map((d) => d.name)).toEqual(['papersift-all-2026-08-01.md']);
  });

  it('a refused write shows the background’s reason and leaves the page usable', async () => {
    const { db } = freshDb();
    const { store } = setup(db);
    await store.refresh();
    await store.actions.builtinTopic('gnn', { color: 'red; background: url(x)' });
    expect(store.state.error.value).toMatch(/color/i);
    // Read back from the database: the colour was not stored.
    expect(store.state.topics.value.find((t) => t.id === 'gnn')?.color).toMatch(/^#[0-9a-f]{6}$/i);
    store.actions.dismiss();
    expect(store.state.error.value).toBeUndefined();
  });
});
