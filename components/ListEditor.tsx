import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ListRecord } from '../lib/db/schema';
import { DEFAULT_LIST_ID } from '../lib/library/items';

export interface ListEditorProps {
  /** In their order. */
  lists: readonly ListRecord[];
  counts: Record<string, number>;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
  /** Keyboard: one place up (-1) or down (+1). */
  onMove: (id: string, delta: number) => void;
  /** Drag and drop: before another list, or last (undefined). */
  onPlace: (id: string, before: string | undefined) => void;
  onClose: () => void;
}

const small = 'shrink-0 rounded px-1 text-xs hover:bg-slate-200 disabled:opacity-30';

/** One list: its name (edit to rename), count, move buttons, delete. */
function ListRow({
  list,
  index,
  n,
  count,
  drop,
  p,
  onDragStart,
  onDragEnd,
  onDragOver,
  onKeyMove,
}: {
  list: ListRecord;
  index: number;
  n: number;
  count: number | undefined;
  drop: 'before' | 'after' | undefined;
  p: ListEditorProps;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (e: DragEvent) => void;
  onKeyMove: (delta: number, fromInput: boolean) => void;
}) {
  const [name, setName] = useState(list.name);
  useLayoutEffect(() => setName(list.name), [list.name]);
  const rename = () => {
    if (name.trim() && name !== list.name) p.onRename(list.id, name);
    else setName(list.name);
  };
  const line = drop === 'before' ? 'border-t-blue-600' : drop === 'after' ? 'border-b-blue-600' : '';
  return (
    <li
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a focused list moves with Alt+↑/↓
      tabIndex={0}
      data-list-id={list.id}
      aria-label={`${list.name}, ${count ?? '…'} papers, ${index + 1} of ${n}`}
      class={`flex items-center gap-1 border-y-2 border-transparent px-2 py-1 focus:bg-blue-50 focus:outline-none ${line}`}
      onDragOver={onDragOver}
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        e.preventDefault();
        onKeyMove(e.key === 'ArrowUp' ? -1 : 1, e.target !== e.currentTarget);
      }}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the mouse's way; the keyboard's is Alt+↑/↓ and the arrows */}
      <span
        draggable
        class="shrink-0 cursor-grab px-1 text-slate-500 select-none"
        title="Drag to reorder (or Alt+↑/↓)"
        data-testid="drag-handle"
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
      >
        ⠿
      </span>
      <input
        class="min-w-0 flex-1 rounded border border-transparent px-1 py-0.5 hover:border-slate-300 focus:border-slate-400"
        aria-label={`Name of the list ${list.name}`}
        maxLength={100}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        onBlur={rename}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          else if (e.key === 'Escape') {
            // Escape gives the name back (and leaves the popup's Escape alone).
            e.stopPropagation();
            setName(list.name);
          }
        }}
      />
      <span class="shrink-0 text-xs text-slate-600" data-testid="list-count">
        {count ?? '…'}
      </span>
      <button
        type="button"
        class={small}
        aria-label={`Move ${list.name} up`}
        disabled={index === 0}
        onClick={() => p.onMove(list.id, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        class={small}
        aria-label={`Move ${list.name} down`}
        disabled={index === n - 1}
        onClick={() => p.onMove(list.id, 1)}
      >
        ↓
      </button>
      {list.id === DEFAULT_LIST_ID ? (
        <span class="w-12 shrink-0 text-center text-[11px] text-slate-500" title="The default list stays">
          default
        </span>
      ) : (
        <button
          type="button"
          class={`${small} w-12 text-red-700 hover:bg-red-50`}
          aria-label={`Delete the list ${list.name}`}
          onClick={() => p.onDelete(list.id)}
        >
          Delete
        </button>
      )}
    </li>
  );
}

/** The reading lists, to rename, delete (undo in the footer) and reorder (drag, Alt+↑/↓, or the arrows). */
export function ListEditor(p: ListEditorProps) {
  const [dragging, setDragging] = useState<string | undefined>(undefined);
  const [drop, setDrop] = useState<{ id: string; where: 'before' | 'after' } | undefined>(undefined);
  const [said, setSaid] = useState('');
  const list = useRef<HTMLUListElement>(null);
  /** After a move by keyboard, the moved list gets the focus back (moving its element may drop it). */
  const refocus = useRef<{ id: string; input: boolean } | undefined>(undefined);
  useLayoutEffect(() => {
    const r = refocus.current;
    if (!r) return;
    refocus.current = undefined;
    const row = list.current?.querySelector<HTMLElement>(`li[data-list-id="${CSS.escape(r.id)}"]`);
    const target = r.input ? row?.querySelector('input') : row;
    if (target && document.activeElement !== target) target.focus();
  });

  const n = p.lists.length;
  const finish = () => {
    if (dragging && drop) {
      const i = p.lists.findIndex((l) => l.id === drop.id);
      const before = drop.where === 'before' ? drop.id : p.lists[i + 1]?.id;
      if (before !== dragging) p.onPlace(dragging, before);
    }
    setDragging(undefined);
    setDrop(undefined);
  };
  return (
    <section
      class="min-h-0 flex-1 overflow-y-auto"
      aria-label="Edit the reading lists"
      data-testid="list-editor"
    >
      <div class="flex items-center gap-2 px-2 pt-2">
        <h2 class="font-medium">Reading lists</h2>
        <span class="min-w-0 flex-1 text-xs text-slate-600">Drag ⠿ or Alt+↑/↓ to reorder</span>
        <button
          type="button"
          class="shrink-0 rounded bg-blue-700 px-2 py-0.5 text-xs text-white"
          onClick={p.onClose}
        >
          Done
        </button>
      </div>
      <ul
        ref={list}
        class="py-1"
        aria-label="Reading lists"
        onDrop={(e) => {
          e.preventDefault();
          finish();
        }}
      >
        {p.lists.map((l, i) => (
          <ListRow
            key={l.id}
            list={l}
            index={i}
            n={n}
            count={p.counts[l.id]}
            drop={dragging && drop?.id === l.id ? drop.where : undefined}
            p={p}
            onDragStart={(e) => {
              const row = (e.currentTarget as HTMLElement).closest('li');
              if (row) e.dataTransfer?.setDragImage(row, 0, 0);
              e.dataTransfer?.setData('text/plain', l.name);
              if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
              setDragging(l.id);
            }}
            onDragEnd={() => {
              setDragging(undefined);
              setDrop(undefined);
            }}
            onDragOver={(e) => {
              if (!dragging) return;
              e.preventDefault();
              const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
              const where = e.clientY < box.top + box.height / 2 ? 'before' : 'after';
              if (drop?.id !== l.id || drop.where !== where) setDrop({ id: l.id, where });
            }}
            onKeyMove={(delta, input) => {
              const to = Math.max(0, Math.min(n - 1, i + delta));
              if (to === i) return;
              refocus.current = { id: l.id, input };
              setSaid(`${l.name}: ${to + 1} of ${n}`);
              p.onMove(l.id, delta);
            }}
          />
        ))}
      </ul>
      <p class="sr-only" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
