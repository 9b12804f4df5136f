import { type ComponentType, render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import './popup.css';
import { LibraryView } from '../../components/LibraryView';
import type { ListEditorProps } from '../../components/ListEditor';
import { ThisPagePanel } from '../../components/ThisPagePanel';
import { PaperSiftDb } from '../../lib/db/schema';
import { downloadText } from '../../lib/download';
import { readFailure } from '../../lib/library/client';
import { popupKeyAction } from '../../lib/library/keys';
import { runPopupAction } from '../../lib/library/popup-keys';
import { createStore, type Store } from '../../lib/library/popup-store';
import { createThisPage, type ThisPage } from '../../lib/library/this-page';
import { WorkerSearcher } from '../../lib/library/worker-searcher';
import type { PaperMeta } from '../../lib/paper';
import { createZoteroStore, type ZoteroStore } from '../../lib/zotero/ui-store';

/** Runs `fn` once the browser has painted the current DOM (a rAF, then a task after it). */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(null);
  });
}

function nextPaint(): Promise<void> {
  return new Promise((resolve) => afterPaint(resolve));
}

// Timing marks read by tests/bench/popup.bench.ts: first paint of the list (`papersift:list-painted`; its rows in the
// DOM: `papersift:rendered`), and for each keystroke, input event → list updated in the DOM (`papersift:search`) and
// → painted (`papersift:search-paint`).
const searchStarts = new Map<string, number>();
let firstPaint: () => void = () => {};
const firstPainted = new Promise<void>((resolve) => {
  firstPaint = resolve;
});

/**
 * The tab the popup was opened on: the active tab of its window (the toolbar popup is not a tab). A popup page
 * opened in a tab of its own offers the tab the user was on before it.
 */
async function targetTab(): Promise<{ id: number; url: string } | undefined> {
  const here = await browser.tabs.getCurrent();
  const tabs = here
    ? (await browser.tabs.query({ windowId: here.windowId })).filter((t) => t.id !== here.id)
    : await browser.tabs.query({ active: true, currentWindow: true });
  const [t] = tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return t?.id !== undefined && t.url ? { id: t.id, url: t.url } : undefined;
}

function App({ store, zotero, thisPage }: { store: Store; zotero: ZoteroStore; thisPage: ThisPage }) {
  const s = store.state;
  const a = store.actions;
  const search = useRef<HTMLInputElement>(null);
  const view = s.view.value;
  const rows = view.slice(0, s.visible.value);
  const painted = useRef(false);
  const [listEditor, setListEditor] = useState<ComponentType<ListEditorProps> | undefined>(undefined);

  const answered = s.hits.value?.q;
  useLayoutEffect(() => {
    if (!painted.current && s.loaded.value) {
      painted.current = true;
      performance.mark('papersift:rendered');
      afterPaint(() => {
        performance.mark('papersift:list-painted');
        firstPaint();
      });
    }
    const start = answered === undefined ? undefined : searchStarts.get(answered);
    if (answered !== undefined && start !== undefined) {
      searchStarts.clear();
      performance.measure('papersift:search', { start, end: performance.now() });
      afterPaint(() => performance.measure('papersift:search-paint', { start, end: performance.now() }));
    }
  });

  useEffect(() => {
    search.current?.focus();
    firstPainted
      .then(() => import('../../components/ListEditor'))
      .then((m) => setListEditor(() => m.ListEditor));
  }, []);

  useEffect(() => {
    document.getElementById(`paper-${s.selected.value}`)?.scrollIntoView({ block: 'nearest' });
  }, [s.selected.value]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const tag = t?.tagName ?? '';
      const inSearch = t === search.current;
      const typing =
        inSearch || tag === 'TEXTAREA' || (tag === 'INPUT' && (t as HTMLInputElement).type !== 'checkbox');
      const act = popupKeyAction({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        typing,
        inSearch,
      });
      if (!act) return;
      const handled = runPopupAction(act, store, {
        inSearch,
        tag,
        focusSearch: () => {
          search.current?.focus();
          search.current?.select();
        },
        blurSearch: () => search.current?.blur(),
        openTab: (url) => void browser.tabs.create({ url }),
      });
      if (handled) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const page = thisPage.state.value;
  const labels = page.phase === 'found' ? (page.verdict?.labels ?? []) : [];
  return (
    <LibraryView
      thisPage={
        <ThisPagePanel
          state={page}
          topics={labels.flatMap((id) => {
            const topic = s.topics.value.find((t) => t.id === id);
            return topic && page.phase === 'found' ? [{ topic, score: page.verdict?.scores[id] ?? 0 }] : [];
          })}
          onToggleSave={thisPage.toggleSave}
        />
      }
      loaded={s.loaded.value}
      complete={s.complete.value}
      indexing={s.pending.value}
      lists={s.lists.value}
      counts={s.counts.value}
      topics={s.topics.value}
      rows={rows}
      total={view.length}
      // peek: the input shows what is typed without this component re-rendering on each keystroke (the list
      // changes when the search answers); any render still gives the input the current query.
      query={s.query.peek()}
      filters={s.filters.value}
      sort={s.sort.value}
      selected={s.selected.value}
      {...(s.editing.value ? { editing: s.editing.value } : {})}
      {...(s.draftState.value ? { draftState: s.draftState.value } : {})}
      managing={s.managing.value}
      {...(listEditor ? { ListEditor: listEditor } : {})}
      {...(s.undo.value ? { undoLabel: s.undo.value.label } : {})}
      {...(s.error.value ? { error: s.error.value } : {})}
      searchRef={search}
      now={Date.now()}
      onQuery={(q, at) => {
        if (q.trim()) searchStarts.set(q, at);
        a.setQuery(q);
        if (q.trim() && s.sort.value === 'saved') a.setSort('relevance');
        if (!q.trim() && s.sort.value === 'relevance') a.setSort('saved');
      }}
      onFilters={a.setFilters}
      onSort={a.setSort}
      onSelect={a.select}
      onShowMore={a.showMore}
      onStatus={(id, st) => a.setStatus([id], st)}
      onRemove={(id) => a.remove([id])}
      onUndo={a.undo}
      onMove={(id, from, to) => a.moveTo([id], from, to)}
      onCopy={(id, to) => a.copyTo([id], to)}
      onEdit={a.edit}
      onDraft={a.draft}
      onFlush={a.flushDrafts}
      onCreateList={a.createList}
      onManageLists={a.manageLists}
      onRenameList={a.renameList}
      onDeleteList={a.deleteList}
      onMoveList={a.moveList}
      onPlaceList={a.placeList}
      onDismissError={a.dismissError}
      onOpenOptions={() => browser.runtime.openOptionsPage()}
      zotero={{
        state: zotero.state.value,
        onSend: (id) => zotero.actions.send([id]),
        onSendShown: () => zotero.actions.send(view.map((i) => i.paper.id)),
        onDownloadBibtex: zotero.actions.downloadBibtex,
        onDismiss: zotero.actions.dismiss,
      }}
    />
  );
}

performance.mark('papersift:script');
const app = document.getElementById('app');
if (app) {
  const db = new PaperSiftDb();
  // The browser takes a while to open the database: started before the first render, so that the two overlap
  // (a failure is reported by `load`, which awaits the same opening).
  db.open().catch(() => {});
  const searcher = new WorkerSearcher(
    () => new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' }),
  );
  // The messaging code (and its validation schemas) is loaded after the first paint, not before it; once loaded, a
  // write is sent at once (no task in between), which a closing popup needs to save the notes being typed.
  let messaging: typeof import('../../lib/messaging') | undefined;
  const loadMessaging = async () => {
    messaging ??= await import('../../lib/messaging');
    return messaging;
  };
  const store = createStore(
    db,
    (req) =>
      messaging
        ? messaging.sendMessage('library', req)
        : loadMessaging().then((m) => m.sendMessage('library', req)),
    searcher,
  );
  searcher.onReply = store.onSearchReply;
  const zotero = createZoteroStore(
    async (req) => (await import('../../lib/messaging')).sendMessage('zoteroSave', req),
    (text, name) => downloadText(text, name, 'application/x-bibtex'),
  );
  const thisPage = createThisPage({
    activeTab: targetTab,
    read: async (tabId) => {
      const [r] = await browser.scripting.executeScript({ target: { tabId }, files: ['/reader.js'] });
      return (
        (r?.result as { papers: PaperMeta[]; warnings: string[] } | undefined) ?? { papers: [], warnings: [] }
      );
    },
    classify: async (paper, url) => {
      const r = await (await loadMessaging()).sendMessage('pageSeen', {
        url,
        adapter: 'web',
        visitStartedAt: Date.now(),
        papers: [paper],
      });
      return 'verdicts' in r ? r.verdicts[0] : undefined;
    },
    save: async (paper, saved) => {
      const r = await (await loadMessaging()).sendMessage('setSaved', { paper, saved });
      if ('error' in r) throw new Error(r.error);
      await store.actions.refresh([paper.id]);
      return r.saved;
    },
  });
  render(<App store={store} zotero={zotero} thisPage={thisPage} />, app);
  void thisPage.load();
  // A toolbar popup closes as soon as it loses the focus: what is typed is saved when it is hidden or goes away.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.actions.flushDrafts();
  });
  addEventListener('pagehide', () => store.actions.flushDrafts());
  // Everything that is not the first page (all papers, the search worker) waits until the list is painted.
  const painted = firstPainted.then(nextPaint);
  painted.then(() => {
    searcher.start();
    loadMessaging().catch(() => {});
  });
  store
    .load(() => painted)
    .catch((err: unknown) => {
      store.state.loaded.value = true;
      store.state.error.value = readFailure(err);
    });
}
