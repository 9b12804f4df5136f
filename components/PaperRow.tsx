import { useEffect, useRef, useState } from 'preact/hooks';
import type { ListRecord, ReadingStatus } from '../lib/db/schema';
import type { Draft } from '../lib/library/drafts';
import { authorsLine, type LibraryItem, safeHref, savedDate, statusOf } from '../lib/library/items';
import { texToText } from '../lib/library/tex';
import { type TopicInfo, topicInfo } from '../lib/topics';
import { TopicBadge } from './TopicBadge';
import { ZoteroButton } from './ZoteroButton';

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  'to-read': 'To read',
  reading: 'Reading',
  read: 'Read',
};

export interface PaperRowProps {
  item: LibraryItem;
  index: number;
  selected: boolean;
  editing: boolean;
  lists: readonly ListRecord[];
  /** The list being shown (move/remove act on it), or undefined for every list. */
  listId?: string;
  /** Known topics with their colours; a label whose topic is switched off is not shown. */
  topics: readonly (TopicInfo & { enabled?: boolean })[];
  onSelect: (index: number) => void;
  onStatus: (id: string, status: ReadingStatus) => void;
  onRemove: (id: string) => void;
  onMove: (id: string, from: string, to: string) => void;
  onCopy: (id: string, to: string) => void;
  onEdit: (id: string | undefined) => void;
  /** What is typed into the notes or tags (saved as it is typed). */
  onDraft: (id: string, change: Draft) => void;
  /** Save what is typed now (the editor lost the focus). */
  onFlush: () => void;
  /** The editor's notes and tags: being saved, or saved. */
  draftState?: 'saving' | 'saved';
  /** Send this paper to Zotero (absent: no button); busy while a send is under way. */
  onZotero?: (id: string) => void;
  zoteroBusy?: boolean;
}

function NotesEditor({
  item,
  state,
  onDraft,
  onFlush,
  onClose,
}: {
  item: LibraryItem;
  state: PaperRowProps['draftState'];
  onDraft: PaperRowProps['onDraft'];
  onFlush: () => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState({
    notes: item.user?.notes ?? '',
    tags: (item.user?.tags ?? []).join(', '),
  });
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  /** What is typed shows at once and goes to the drafts (saved after a pause). */
  const edit = (change: Draft) => {
    setDraft((d) => ({ ...d, ...change }));
    onDraft(item.paper.id, change);
  };
  return (
    <form
      class="mt-2 space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="notes-editor"
    >
      <label class="block text-xs text-slate-600">
        Notes
        <textarea
          ref={area}
          class="mt-0.5 block h-20 w-full rounded border border-slate-300 p-1 text-sm"
          value={draft.notes}
          onInput={(e) => edit({ notes: e.currentTarget.value })}
          onBlur={onFlush}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onClose();
            }
          }}
          aria-label="Notes"
        />
      </label>
      <label class="block text-xs text-slate-600">
        Tags (comma-separated)
        <input
          class="mt-0.5 block w-full rounded border border-slate-300 p-1 text-sm"
          value={draft.tags}
          onInput={(e) => edit({ tags: e.currentTarget.value })}
          onBlur={onFlush}
          aria-label="Tags"
        />
      </label>
      <div class="flex flex-wrap items-center gap-x-2">
        <button type="submit" class="rounded bg-blue-700 px-2 py-0.5 text-xs font-medium text-white">
          Save
        </button>
        <span class="text-[11px] text-slate-600" role="status" data-testid="draft-state">
          {state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : ''}
        </span>
        <span class="ml-auto text-[11px] text-slate-500">Saved as you type; Escape or Ctrl+Enter closes</span>
      </div>
    </form>
  );
}

/** One saved paper: link, authors, topics, status, notes indicator, tags, lists; actions on the right. */
export function PaperRow(props: PaperRowProps) {
  const { item, index, selected, editing, lists, listId, topics } = props;
  const p = item.paper;
  const href = safeHref(p.url);
  const status = statusOf(item);
  const others = lists.filter((l) => item.addedAt[l.id] === undefined);
  const inLists = lists.filter((l) => item.addedAt[l.id] !== undefined);
  const notes = item.user?.notes;
  const tags = item.user?.tags ?? [];
  const saved = savedDate(item, listId);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the popup's keyboard (arrows, j/k) selects rows document-wide
    <li
      id={`paper-${index}`}
      class={`border-b border-slate-200 px-2 py-1.5 ${selected ? 'bg-blue-50 outline outline-1 outline-blue-300' : ''}`}
      data-paper-id={p.id}
      data-status={status}
      aria-current={selected ? 'true' : undefined}
      onClick={() => props.onSelect(index)}
    >
      <div class="flex items-start gap-2">
        <div class="min-w-0 flex-1 wrap-anywhere">
          {href ? (
            <a
              class="font-medium text-blue-800 hover:underline"
              href={href}
              target="_blank"
              rel="noreferrer noopener"
            >
              {texToText(p.title)}
            </a>
          ) : (
            <span class="font-medium">{texToText(p.title)}</span>
          )}
          {p.authors.length > 0 && (
            <div class="truncate text-xs text-slate-600">{authorsLine(p.authors)}</div>
          )}
        </div>
        <select
          class="rounded border border-slate-300 bg-white px-1 text-xs"
          value={status}
          aria-label="Reading status"
          onChange={(e) => props.onStatus(p.id, e.currentTarget.value as ReadingStatus)}
        >
          {(Object.keys(STATUS_LABELS) as ReadingStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="mt-1 flex flex-wrap items-center gap-1 text-xs">
        {p.topics
          .filter((id) => topics.find((t) => t.id === id)?.enabled !== false)
          .map((id) => (
            <TopicBadge
              key={id}
              topic={topicInfo(id, topics)}
              score={p.scores[id]}
              evidence={p.evidence[id]}
            />
          ))}
        {tags.map((t) => (
          <span key={t} class="rounded bg-slate-100 px-1 text-slate-700" data-tag={t}>
            #{t}
          </span>
        ))}
        {notes && (
          <span
            class="text-slate-600"
            title={notes.length > 300 ? `${notes.slice(0, 300)}…` : notes}
            data-testid="has-notes"
          >
            ✎ notes
          </span>
        )}
        {!listId && inLists.length > 1 && (
          <span class="text-slate-500" title={inLists.map((l) => l.name).join(', ')}>
            {inLists.length} lists
          </span>
        )}
        <time class="ml-auto text-slate-500" dateTime={new Date(saved).toISOString()}>
          {new Date(saved).toLocaleDateString()}
        </time>
        {props.onZotero && <ZoteroButton busy={!!props.zoteroBusy} onSend={() => props.onZotero?.(p.id)} />}
        <button
          type="button"
          class="rounded px-1 text-slate-700 hover:bg-slate-200"
          aria-label="Notes and tags"
          title="Notes and tags (n)"
          onClick={(e) => {
            e.stopPropagation();
            props.onEdit(editing ? undefined : p.id);
          }}
        >
          ✎
        </button>
        {others.length > 0 && (
          <select
            class="max-w-28 rounded border border-slate-300 bg-white text-xs"
            aria-label={listId ? 'Move or copy to list' : 'Copy to list'}
            value=""
            onChange={(e) => {
              const v = e.currentTarget.value;
              e.currentTarget.value = '';
              if (v.startsWith('move:') && listId) props.onMove(p.id, listId, v.slice(5));
              else if (v.startsWith('copy:')) props.onCopy(p.id, v.slice(5));
            }}
          >
            <option value="">{listId ? 'Move/copy…' : 'Copy to…'}</option>
            {listId &&
              others.map((l) => (
                <option key={`m${l.id}`} value={`move:${l.id}`}>
                  Move to {l.name}
                </option>
              ))}
            {others.map((l) => (
              <option key={`c${l.id}`} value={`copy:${l.id}`}>
                Copy to {l.name}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          class="rounded px-1 text-red-700 hover:bg-red-50"
          aria-label={listId ? 'Remove from this list' : 'Remove from every list'}
          title="Remove (Delete)"
          onClick={(e) => {
            e.stopPropagation();
            props.onRemove(p.id);
          }}
        >
          ✕
        </button>
      </div>
      {editing && (
        <NotesEditor
          item={item}
          state={props.draftState}
          onDraft={props.onDraft}
          onFlush={props.onFlush}
          onClose={() => props.onEdit(undefined)}
        />
      )}
    </li>
  );
}
