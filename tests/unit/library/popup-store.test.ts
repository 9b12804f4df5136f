import { effect } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addToList, createList, listLists, readLibraryIndex } from '../../../lib/db/lists';
import type { SendLibrary } from '../../../lib/library/client';
import { createDrafts, type Draft } from '../../../lib/library/drafts';
import { popupKeyAction } from '../../../lib/library/keys';
import { type PopupKeyPage, runPopupAction } from '../../../lib/library/popup-keys';
import { createStore, PAGE, type Searcher } from '../../../lib/library/popup-store';
import { type Doc, SearchHost, type SearchReply, toDoc } from '../../../lib/library/search';
import { LibraryService } from '../../../lib/service/library';
import { freshDb } from '../db/fixtures';
import { buildLibrary, DEFAULT_LIST_ID, loadItems, papers } from './helpers';

/** The popup's store on a fake database: writes go to a LibraryService on the same database (as the background's),
 * search to a SearchHost in the same thread (as the worker's), loaded with the saved papers. */
/** `wrap` stands between the store and the background's service (to delay a write, say). */
async function setup(wrap: (send: SendLibrary) => SendLibrary = (send) => send) {
  const { db } = freshDb();
  const { thesisId } = await buildLibrary(db);
  const service = new LibraryService(db, () => Date.UTC(2026, 7, 1));
  let deliver: (r: SearchReply) => void = () => {};
  const host = new SearchHost((r) => deliver(r));
  const searcher: Searcher = {
    query: (seq, q) => host.handle({ kind: 'query', seq, q }),
    upsert: (docs: Doc[]) => host.handle({ kind: 'upsert', docs }),
    remove: (ids) => host.handle({ kind: 'remove', ids }),
  };
  const store = createStore(
    db,
    wrap((req) => service.handle(req)),
    searcher,
  );
  deliver = store.onSearchReply;
  let painted = false;
  await store.load(async () => {
    painted = true;
    // At the first paint, only the newest page is there; the counts too, as the first page read every membership
    // of this small library on the way (a large one gets them from a count just after).
    expect(PAGE).toBeLessThan(30);
    expect(store.items.size).toBe(PAGE);
    expect(store.state.view.value.map((i) => i.paper.id)).toEqual(
      papers
        .slice(30 - PAGE, 30)
        .map((p) => p.id)
        .reverse(),
    );
    expect(store.state.counts.value).toEqual({ all: 30, byList: { [DEFAULT_LIST_ID]: 30, [thesisId]: 10 } });
  });
  expect(painted).toBe(true);
  expect(store.state.counts.value).toEqual({ all: 30, byList: { [DEFAULT_LIST_ID]: 30, [thesisId]: 10 } });
  const { toDoc } = await import('../../../lib/library/search');
  await host.load([...(await loadItems(db)).values()].map(toDoc));
  return { db, store, thesisId };
}

const ids = (store: Awaited<ReturnType<typeof setup>>['store']) =>
  store.state.view.value.map((i) => i.paper.id);

describe('popup store', () => {
  it('loads every saved paper, newest first, and searches through the index', async () => {
    const { store } = await setup();
    expect(store.state.complete.value).toBe(true);
    expect(ids(store)).toEqual(
      papers
        .slice(0, 30)
        .map((p) => p.id)
        .reverse(),
    );
    store.actions.setQuery('christoffel');
    expect(ids(store)).toEqual([papers[1]?.id]);
    store.actions.setQuery('');
    expect(store.state.view.value).toHaveLength(30);
  });

  it('keeps the last answer on screen while a keystroke waits, and drops an answer that comes after the query is cleared', async () => {
    const { db } = await setup();
    // A searcher that answers only when told, as the worker answers a moment later.
    const asked: { seq: number; q: string }[] = [];
    const store = createStore(db, (req) => new LibraryService(db).handle(req), {
      query: (seq, q) => asked.push({ seq, q }),
      upsert: () => {},
      remove: () => {},
    });
    const host = new SearchHost((r) => store.onSearchReply(r));
    await store.load(async () => {});
    await host.load([...(await loadItems(db)).values()].map(toDoc));
    const answer = () => host.handle({ kind: 'query', ...(asked.shift() as { seq: number; q: string }) });

    store.actions.setQuery('christoffel');
    expect(ids(store)).toEqual([]);
    answer();
    expect(ids(store)).toEqual([papers[1]?.id]);
    store.actions.setQuery('christoffelz');
    expect(ids(store)).toEqual([papers[1]?.id]);
    store.actions.setQuery('');
    expect(store.state.view.value).toHaveLength(30);
    // The answer to "christoffelz" arrives after the query was cleared: the whole list stays.
    answer();
    expect(store.state.view.value).toHaveLength(30);
  });

  it('writes through the background, then shows what the database holds; removal can be undone', async () => {
    const { db, store, thesisId } = await setup();
    const id = papers[29]?.id as string;
    await store.actions.setStatus([id], 'read');
    expect(store.items.get(id)?.user?.status).toBe('read');
    store.actions.draft(id, { notes: 'Reservoir sampling in §2' });
    await store.actions.flushDrafts();
    store.actions.setQuery('reservoir');
    expect(ids(store)).toEqual([id]);
    store.actions.setQuery('');

    store.actions.setFilters({ listId: thesisId });
    const first = ids(store)[0] as string;
    await store.actions.remove([first]);
    expect(store.state.counts.value.byList[thesisId]).toBe(9);
    expect(store.state.undo.value?.label).toMatch(/from Thesis\.$/);
    await store.actions.undo();
    expect(store.state.counts.value.byList[thesisId]).toBe(10);
    expect((await readLibraryIndex(db)).memberships).toHaveLength(40);

    // A refusal is shown, not thrown.
    await store.actions.createList('thesis');
    expect(store.state.error.value).toBe('There is already a list named "Thesis".');
  });
});

describe('popup store: notes and tags saved as they are typed', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a change waits for a pause in the typing; flush hands over at once what waits', () => {
    vi.useFakeTimers();
    const saved: [string, Draft][] = [];
    const drafts = createDrafts(async (id, d) => saved.push([id, d]), 400);
    drafts.put('a', { notes: 'N' });
    vi.advanceTimersByTime(300);
    drafts.put('a', { notes: 'No' });
    vi.advanceTimersByTime(300);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(saved).toEqual([['a', { notes: 'No' }]]);
    // Notes and tags of one paper travel together; flush(id) leaves the other papers' drafts waiting.
    drafts.put('b', { notes: 'x' });
    drafts.put('b', { tags: 'thesis, to-' });
    drafts.put('c', { notes: 'y' });
    drafts.flush('b');
    expect(saved.slice(1)).toEqual([['b', { notes: 'x', tags: 'thesis, to-' }]]);
    expect([drafts.waiting('b'), drafts.waiting('c')]).toEqual([false, true]);
    drafts.flush();
    vi.advanceTimersByTime(1000);
    expect(saved.slice(2)).toEqual([['c', { notes: 'y' }]]);
  });

  it('the store saves what is typed when flushed (the popup closes) and when the editor closes', async () => {
    const { db, store } = await setup();
    const id = papers[29]?.id as string;
    store.actions.edit(id);
    store.actions.draft(id, { notes: 'Typed, then the popup closed' });
    store.actions.draft(id, { tags: 'thesis,  to-cite ,' });
    expect(store.state.draftState.value).toBe('saving');
    await store.actions.flushDrafts();
    expect(store.items.get(id)?.user).toMatchObject({
      notes: 'Typed, then the popup closed',
      tags: ['thesis', 'to-cite'],
    });
    expect(store.state.draftState.value).toBe('saved');
    // Closing the editor (Escape) saves what waits.
    store.actions.draft(id, { notes: 'Then Escape' });
    store.actions.edit(undefined);
    await vi.waitFor(async () => expect((await db.userData.get(id))?.notes).toBe('Then Escape'));
  });
});

describe('popup store: reading lists', () => {
  const order = async (db: Awaited<ReturnType<typeof setup>>['db']) =>
    (await listLists(db)).map((l) => l.name);

  it('two quick moves never show the list jumping back while the first is written', async () => {
    // The second write reaches the background after the first one's reply and read of the library (as messages
    // to a busy service worker may).
    let reorders = 0;
    const { db, store } = await setup((send) => async (req) => {
      if (req.op === 'reorderLists' && reorders++ > 0) await new Promise((r) => setTimeout(r, 100));
      return send(req);
    });
    const later = (await store.actions.createList('Later'))?.id as string;
    const shown: string[] = [];
    const stop = effect(() => {
      shown.push(store.state.lists.value.map((l) => l.name).join(' / '));
    });
    const first = store.actions.moveList(later, -1);
    const second = store.actions.moveList(later, -1);
    await Promise.all([first, second]);
    stop();
    const final = 'Later / Reading list / Thesis';
    expect(await order(db)).toEqual(final.split(' / '));
    // From the second move on, only the final order is shown (each write's read of the library included).
    const from = shown.indexOf(final);
    expect(from).toBeGreaterThan(0);
    expect(shown.slice(from).every((o) => o === final)).toBe(true);
  });

  it('renames, reorders by keyboard and by drop, and deletes a list with undo that puts it back whole', async () => {
    const { db, store, thesisId } = await setup();
    const s = store.state;
    await store.actions.renameList(thesisId, 'Thesis, chapter 2');
    const later = (await store.actions.createList('Later'))?.id as string;
    expect(await order(db)).toEqual(['Reading list', 'Thesis, chapter 2', 'Later']);
    // Alt+↑ on "Later", then "Reading list" dropped last: shown at once, then written.
    const moved = store.actions.moveList(later, -1);
    expect(s.lists.value.map((l) => l.name)).toEqual(['Reading list', 'Later', 'Thesis, chapter 2']);
    await moved;
    await store.actions.placeList(DEFAULT_LIST_ID, undefined);
    expect(await order(db)).toEqual(['Later', 'Thesis, chapter 2', 'Reading list']);
    expect(s.lists.value.map((l) => l.name)).toEqual(await order(db));
    await store.actions.moveList(later, -1); // already first: nothing changes
    expect(await order(db)).toEqual(['Later', 'Thesis, chapter 2', 'Reading list']);

    // Deleting the list being shown shows every list; undo gives back the list (same id, name, place) and its
    // papers with their dates.
    const before = await readLibraryIndex(db);
    store.actions.setFilters({ listId: thesisId });
    await store.actions.deleteList(thesisId);
    expect(s.filters.value.listId).toBeUndefined();
    expect(await order(db)).toEqual(['Later', 'Reading list']);
    expect(s.counts.value.byList[thesisId]).toBeUndefined();
    expect(s.undo.value?.label).toBe('Deleted the list “Thesis, chapter 2” (10 papers).');
    await store.actions.undo();
    expect(await readLibraryIndex(db)).toEqual(before);
    expect(s.counts.value.byList[thesisId]).toBe(10);
    expect(s.lists.value.map((l) => l.name)).toEqual(['Later', 'Thesis, chapter 2', 'Reading list']);

    // The default list is not deleted; a refused rename is shown.
    await store.actions.deleteList(DEFAULT_LIST_ID);
    expect(await order(db)).toEqual(['Later', 'Thesis, chapter 2', 'Reading list']);
    await store.actions.renameList(later, 'reading LIST');
    expect(s.error.value).toBe('There is already a list named "Reading list".');
  });

  it('moving papers to another list can be undone: back in their list with their dates, out of the other', async () => {
    const { db, store, thesisId } = await setup();
    const later = (await store.actions.createList('Later'))?.id as string;
    const inThesis = papers.slice(0, 3).map((p) => p.id);
    // One of them is in "Later" already (since another date): undo leaves it there.
    await store.actions.copyTo([inThesis[0] as string], later);
    const before = await readLibraryIndex(db);
    await store.actions.moveTo(inThesis, thesisId, later);
    expect(store.state.counts.value.byList).toMatchObject({ [thesisId]: 7, [later]: 3 });
    expect(store.state.undo.value?.label).toBe('Moved 3 papers to Later.');
    await store.actions.undo();
    expect(await readLibraryIndex(db)).toEqual(before);
  });
});

describe('popup store, larger library', () => {
  it('paints the first page before the lists are counted, then shows the counts', async () => {
    const { db } = freshDb();
    const { thesisId } = await buildLibrary(db);
    // 100 memberships: more than the first page scans, so the counts come from a count after it.
    const service = new LibraryService(db, () => Date.UTC(2026, 7, 1));
    const extra: string[] = [];
    for (const name of ['A', 'B']) {
      const list = await createList(db, name, 1);
      // Copied after everything else: the newest memberships are of papers saved long before.
      await addToList(
        db,
        list.id,
        papers.slice(0, 30).map((p) => p.id),
        Date.UTC(2026, 9, 1),
      );
      extra.push(list.id);
    }
    const none: Searcher = { query: () => {}, upsert: () => {}, remove: () => {} };
    const store = createStore(db, (req) => service.handle(req), none);
    // What the first render shows: the newest page, the counts not yet there ("…").
    let first: { rows: number; counts: unknown } | undefined;
    const stop = effect(() => {
      if (store.state.loaded.value && !first)
        first = { rows: store.state.view.value.length, counts: store.state.counts.value };
    });
    await store.load();
    stop();
    expect(first).toEqual({ rows: PAGE, counts: { byList: {} } });
    expect(store.state.counts.value).toEqual({
      all: 30,
      byList: { [DEFAULT_LIST_ID]: 30, [thesisId]: 10, ...Object.fromEntries(extra.map((id) => [id, 30])) },
    });
  });
});

describe('popup keys', () => {
  it('maps keys to actions, letters only outside text fields', () => {
    const k = (key: string, typing = false, inSearch = false, ctrlKey = false) =>
      popupKeyAction({ key, typing, inSearch, ctrlKey })?.kind;
    expect([k('j'), k('k'), k('ArrowDown', true, true), k('Enter', true, true), k('Delete'), k('n')]).toEqual(
      ['next', 'prev', 'next', 'open', 'remove', 'notes'],
    );
    expect(popupKeyAction({ key: '2', typing: false, inSearch: false })).toEqual({
      kind: 'status',
      status: 'reading',
    });
    expect([
      k('j', true, true),
      k('3', true, false),
      k('ArrowDown', true, false),
      k('z', false, false, true),
    ]).toEqual([undefined, undefined, undefined, 'undo']);
    expect(k('Escape', true, false)).toBe('escape');
    expect([k('Home'), k('Backspace'), k('q')]).toEqual(['first', 'remove', undefined]);
    // Only the tables' own keys: not what every object inherits.
    for (const key of ['toString', 'constructor', '__proto__'])
      expect(popupKeyAction({ key, typing: false, inSearch: false })).toBeUndefined();
  });

  it('carry out their action on the store, innermost first for Escape, and leave the keys they do not use', async () => {
    const { store } = await setup();
    const opened: string[] = [];
    const field: string[] = [];
    const page = (over: Partial<PopupKeyPage> = {}): PopupKeyPage => ({
      inSearch: false,
      tag: 'BODY',
      focusSearch: () => field.push('focus'),
      blurSearch: () => field.push('blur'),
      openTab: (url) => opened.push(url),
      ...over,
    });
    const run = (key: string, over: Partial<PopupKeyPage> = {}) => {
      const act = popupKeyAction({ key, typing: !!over.inSearch, inSearch: !!over.inSearch });
      if (!act) throw new Error(`no action for ${key}`);
      return runPopupAction(act, store, page(over));
    };
    const s = store.state;
    expect([run('j'), run('j'), run('k')]).toEqual([true, true, true]);
    expect(s.selected.value).toBe(1);
    run('End');
    expect(s.selected.value).toBe(s.view.value.length - 1);
    run('Home');
    const first = s.current.value?.paper as { id: string; url?: string };
    expect(s.selected.value).toBe(0);

    // Enter opens the paper, unless the focus is on a control that owns Enter.
    expect(run('Enter', { tag: 'BUTTON' })).toBe(false);
    expect(opened).toEqual([]);
    expect(run('o')).toBe(true);
    expect(opened).toEqual([first.url]);

    run('2');
    await vi.waitFor(() => expect(store.items.get(first.id)?.user?.status).toBe('reading'));

    // Escape closes the notes, then clears the search, then leaves the field, then is the browser's.
    run('n');
    expect(s.editing.value).toBe(first.id);
    store.actions.setQuery('graph');
    expect(run('Escape', { inSearch: true })).toBe(true);
    expect(s.editing.value).toBeUndefined();
    expect(s.query.value).toBe('graph');
    expect(run('Escape', { inSearch: true })).toBe(true);
    expect(s.query.value).toBe('');
    expect(run('Escape', { inSearch: true })).toBe(true);
    expect(field).toEqual(['blur']);
    expect(run('Escape')).toBe(false);
    expect(run('/')).toBe(true);
    expect(field).toEqual(['blur', 'focus']);

    // While the lists' editor is open, keys that act on a paper do nothing; Escape closes it.
    store.actions.manageLists(true);
    expect([run('j'), run('Delete'), run('1')]).toEqual([false, false, false]);
    expect(s.selected.value).toBe(0);
    expect(store.items.get(first.id)?.user?.status).toBe('reading');
    expect(run('Escape')).toBe(true);
    expect(s.managing.value).toBe(false);

    // Delete removes the current paper from the list, z puts it back.
    const before = s.view.value.length;
    run('Delete');
    await vi.waitFor(() => expect(s.view.value.length).toBe(before - 1));
    run('z');
    await vi.waitFor(() => expect(s.view.value.length).toBe(before));
  });
});
