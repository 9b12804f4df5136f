import type { ComponentChildren, ComponentType, Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { ListRecord, ReadingStatus } from '../lib/db/schema';
import type { Draft } from '../lib/library/drafts';
import type { Filters, LibraryItem, SortKey } from '../lib/library/items';
import { SITES, siteLabel } from '../lib/sites/registry';
import type { TopicInfo } from '../lib/topics';
import type { ZoteroUiState } from '../lib/zotero/ui-store';
import type { ListEditorProps } from './ListEditor';
import { PaperRow, STATUS_LABELS } from './PaperRow';
import { ZoteroButton, ZoteroStatus } from './ZoteroButton';

export interface LibraryViewProps {
  /** Above the list: the paper of the page the popup was opened on, if PaperSift can offer it. */
  thisPage?: ComponentChildren;
  loaded: boolean;
  /** Every saved paper is loaded (before that, only the newest page is, and filters see only it). */
  complete: boolean;
  /** A query is waiting for the search index. */
  indexing: boolean;
  lists: readonly ListRecord[];
  /** `all` or a list's count undefined: not counted yet (shown as …). */
  counts: { all?: number; byList: Record<string, number> };
  topics: readonly (TopicInfo & { enabled?: boolean })[];
  /** The rows to render (the first `visible` of the view). */
  rows: readonly LibraryItem[];
  /** Papers in the view (all pages). */
  total: number;
  query: string;
  filters: Filters;
  sort: SortKey;
  selected: number;
  editing?: string;
  /** The notes and tags being edited: being saved, or saved. */
  draftState?: 'saving' | 'saved';
  /** The lists' editor is shown in place of the papers. */
  managing: boolean;
  /** The lists' editor (loaded after the first paint, to keep it off the first render's path). */
  ListEditor?: ComponentType<ListEditorProps>;
  undoLabel?: string;
  error?: string;
  searchRef?: Ref<HTMLInputElement>;
  now: number;
  /** `at`: the input event's time stamp (for the timing marks). */
  onQuery: (q: string, at: number) => void;
  onFilters: (f: Filters) => void;
  onSort: (s: SortKey) => void;
  onSelect: (index: number) => void;
  onShowMore: () => void;
  onStatus: (id: string, status: ReadingStatus) => void;
  onRemove: (id: string) => void;
  onUndo: () => void;
  onMove: (id: string, from: string, to: string) => void;
  onCopy: (id: string, to: string) => void;
  onEdit: (id: string | undefined) => void;
  onDraft: (id: string, change: Draft) => void;
  onFlush: () => void;
  onCreateList: (name: string) => void;
  onManageLists: (open: boolean) => void;
  onRenameList: (id: string, name: string) => void;
  onDeleteList: (id: string) => void;
  onMoveList: (id: string, delta: number) => void;
  onPlaceList: (id: string, before: string | undefined) => void;
  onDismissError: () => void;
  onOpenOptions: () => void;
  /** Send to Zotero: the last send, a row's paper or every paper shown. Absent: no Zotero buttons. */
  zotero?: {
    state: ZoteroUiState;
    onSend: (id: string) => void;
    onSendShown: () => void;
    onDownloadBibtex: () => void;
    onDismiss: () => void;
  };
}

const DAY = 86_400_000;
const DATE_PRESETS: { id: string; label: string; days?: number }[] = [
  { id: '', label: 'Any date' },
  { id: '7', label: 'Last 7 days', days: 7 },
  { id: '30', label: 'Last 30 days', days: 30 },
  { id: '365', label: 'Last year', days: 365 },
];

/** A filter that is one value or any (the empty option, undefined in the filters): its select's label and choices. */
interface ChoiceFilter {
  field: 'topic' | 'status' | 'site';
  label: string;
  any: string;
  /** [value, label]; the values are the field's own (topic ids, statuses, sites), so a choice goes in as is. */
  choices: readonly (readonly [string, string])[];
}
const STATUS_CHOICES = (Object.keys(STATUS_LABELS) as ReadingStatus[]).map(
  (s) => [s, STATUS_LABELS[s]] as const,
);
const SITE_CHOICES = SITES.map((s) => [s, siteLabel(s)] as const);

/** The popup: lists with counts, search, filters, sort and the saved papers. */
export function LibraryView(p: LibraryViewProps) {
  const [newList, setNewList] = useState<string | undefined>(undefined);
  const f = p.filters;
  const days = f.from === undefined ? '' : String(Math.round((p.now - f.from) / DAY));
  const Editor = p.ListEditor;
  const select = 'w-full min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs';
  // "All" (no list filter), then each list; a count not known yet shows as ….
  const tabs = [
    { listId: undefined, label: 'All', count: p.counts.all },
    ...p.lists.map((l) => ({ listId: l.id, label: l.name, count: p.counts.byList[l.id] })),
  ];
  const choiceFilters: ChoiceFilter[] = [
    { field: 'topic', label: 'Topic', any: 'All topics', choices: p.topics.map((t) => [t.id, t.name]) },
    { field: 'status', label: 'Status', any: 'Any status', choices: STATUS_CHOICES },
    { field: 'site', label: 'Site', any: 'Any site', choices: SITE_CHOICES },
  ];
  return (
    // 600 px wide where the browser allows (a toolbar popup sizes itself to it), narrower when its window is.
    <main class="flex h-[580px] w-[600px] max-w-full flex-col bg-white font-sans text-sm text-slate-900">
      {p.thisPage}
      <header class="space-y-1.5 border-b border-slate-200 p-2">
        <div class="flex items-center gap-2">
          {/* In a narrow popup the search field needs the room. */}
          <h1 class="text-base font-semibold max-[440px]:sr-only">PaperSift</h1>
          <input
            ref={p.searchRef}
            type="search"
            class="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1"
            placeholder="Search title, authors, abstract, notes, tags  ( / )"
            aria-label="Search saved papers"
            value={p.query}
            onInput={(e) => p.onQuery(e.currentTarget.value, e.timeStamp)}
          />
          <span class="shrink-0 text-slate-600" data-testid="saved-count">
            {p.counts.all ?? '…'} saved
          </span>
          <button type="button" class="text-xs text-slate-600 hover:underline" onClick={p.onOpenOptions}>
            Options
          </button>
        </div>
        <div
          class="flex max-h-[3.75rem] flex-wrap items-center gap-1 overflow-y-auto"
          role="tablist"
          aria-label="Reading lists"
        >
          {tabs.map((t) => {
            const active = t.listId ? f.listId === t.listId : !f.listId;
            return (
              <button
                key={t.listId ?? ''}
                type="button"
                role="tab"
                aria-selected={active}
                class={`shrink-0 rounded-full px-2 py-0.5 text-xs ${active ? 'bg-blue-700 text-white' : 'bg-slate-100 text-slate-800 hover:bg-slate-200'}`}
                onClick={() => p.onFilters({ ...f, listId: t.listId })}
              >
                <span class="inline-block max-w-40 truncate align-bottom">{t.label}</span>{' '}
                <span data-testid="list-count">{t.count ?? '…'}</span>
              </button>
            );
          })}
          {newList === undefined ? (
            <button
              type="button"
              class="shrink-0 px-1 text-xs text-blue-800 hover:underline"
              onClick={() => setNewList('')}
            >
              + New list
            </button>
          ) : (
            <form
              class="flex shrink-0 gap-1"
              onSubmit={(e) => {
                e.preventDefault();
                if (newList.trim()) p.onCreateList(newList);
                setNewList(undefined);
              }}
            >
              <input
                class="w-28 rounded border border-slate-300 px-1 text-xs"
                aria-label="New list name"
                value={newList}
                ref={(el) => el?.focus()}
                onInput={(e) => setNewList(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Escape' && setNewList(undefined)}
              />
              <button type="submit" class="text-xs text-blue-800">
                Add
              </button>
            </form>
          )}
          <button
            type="button"
            class="shrink-0 px-1 text-xs text-blue-800 hover:underline"
            aria-pressed={p.managing}
            onClick={() => p.onManageLists(!p.managing)}
          >
            Edit lists
          </button>
        </div>
        <div class="grid grid-cols-3 gap-1 min-[540px]:grid-cols-5">
          {choiceFilters.map((c) => (
            <select
              key={c.field}
              class={select}
              aria-label={c.label}
              value={f[c.field] ?? ''}
              onChange={(e) => p.onFilters({ ...f, [c.field]: e.currentTarget.value || undefined })}
            >
              <option value="">{c.any}</option>
              {c.choices.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          ))}
          <select
            class={select}
            aria-label="Saved"
            value={DATE_PRESETS.some((d) => d.id === days) ? days : ''}
            onChange={(e) => {
              const d = DATE_PRESETS.find((x) => x.id === e.currentTarget.value);
              const { from: _from, to: _to, ...rest } = f;
              p.onFilters(d?.days ? { ...rest, from: p.now - d.days * DAY } : rest);
            }}
          >
            {DATE_PRESETS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          <select
            class={select}
            aria-label="Sort"
            value={p.sort}
            onChange={(e) => p.onSort(e.currentTarget.value as SortKey)}
          >
            {p.query.trim() && <option value="relevance">Best match</option>}
            <option value="saved">Newest saved</option>
            <option value="title">Title</option>
            <option value="score">Topic score</option>
          </select>
        </div>
      </header>
      {p.error && (
        <p role="alert" class="m-2 flex gap-2 rounded bg-red-50 p-2 text-red-800">
          <span class="flex-1">{p.error}</span>
          <button type="button" class="text-xs underline" onClick={p.onDismissError}>
            Dismiss
          </button>
        </p>
      )}
      {p.zotero && <ZoteroStatus {...p.zotero} />}
      {p.managing && Editor && (
        <Editor
          lists={p.lists}
          counts={p.counts.byList}
          onRename={p.onRenameList}
          onDelete={p.onDeleteList}
          onMove={p.onMoveList}
          onPlace={p.onPlaceList}
          onClose={() => p.onManageLists(false)}
        />
      )}
      {/* Hidden, not removed, while the lists are edited: the papers keep their scroll position. */}
      <section hidden={p.managing} class="min-h-0 flex-1 overflow-y-auto" aria-label="Saved papers">
        {!p.loaded ? (
          <p class="p-3 text-slate-600">Loading…</p>
        ) : p.counts.all === 0 ? (
          <p class="p-3 text-slate-600">Nothing saved yet. Use ☆ Save on an arXiv or Hugging Face listing.</p>
        ) : p.indexing ? (
          <p class="p-3 text-slate-600">Indexing your library…</p>
        ) : p.total === 0 ? (
          <p class="p-3 text-slate-600" data-testid="no-match">
            No saved paper matches.
          </p>
        ) : (
          <ul aria-label="Papers" data-testid="paper-list">
            {p.rows.map((item, i) => (
              <PaperRow
                key={item.paper.id}
                item={item}
                index={i}
                selected={i === p.selected}
                editing={p.editing === item.paper.id}
                lists={p.lists}
                {...(f.listId ? { listId: f.listId } : {})}
                topics={p.topics}
                onSelect={p.onSelect}
                onStatus={p.onStatus}
                onRemove={p.onRemove}
                onMove={p.onMove}
                onCopy={p.onCopy}
                onEdit={p.onEdit}
                onDraft={p.onDraft}
                onFlush={p.onFlush}
                {...(p.editing === item.paper.id && p.draftState ? { draftState: p.draftState } : {})}
                {...(p.zotero
                  ? { onZotero: p.zotero.onSend, zoteroBusy: p.zotero.state.phase === 'sending' }
                  : {})}
              />
            ))}
          </ul>
        )}
        {p.rows.length < p.total && (
          <button
            type="button"
            class="w-full p-2 text-xs text-blue-800 hover:underline"
            onClick={p.onShowMore}
          >
            Show more ({p.total - p.rows.length} left)
          </button>
        )}
      </section>
      <footer class="flex flex-wrap items-center gap-x-2 border-t border-slate-200 px-2 py-1 text-xs text-slate-600">
        <span data-testid="view-count">
          {p.total} shown{!p.complete ? ' (loading the rest…)' : ''}
        </span>
        {p.zotero && p.total > 0 && (
          <ZoteroButton
            label={`Send ${p.total} to Zotero`}
            title="Send every paper shown to Zotero"
            busy={p.zotero.state.phase === 'sending'}
            onSend={p.zotero.onSendShown}
          />
        )}
        {p.undoLabel && (
          <span
            role="status"
            class="ml-auto flex min-w-0 items-center gap-2 text-slate-800"
            data-testid="undo"
          >
            {p.undoLabel}
            <button type="button" class="font-medium text-blue-800 underline" onClick={p.onUndo}>
              Undo
            </button>
          </span>
        )}
      </footer>
    </main>
  );
}
