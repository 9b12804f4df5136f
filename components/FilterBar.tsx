import type { FilterMode, FilterState } from '../lib/page/filter';
import type { FilterBarProps } from '../lib/page/views';
import { textOn } from '../lib/topics';

/**
 * A count in a fixed width (up to 4 digits, tabular figures), so that the bar's controls stay where they are
 * while counts change under the user's hands.
 */
function Count({ n }: { n: number }) {
  return <span class="inline-block min-w-[4ch] text-right tabular-nums">{n}</span>;
}

const MODES: { mode: FilterMode; label: string; title: string }[] = [
  { mode: 'all', label: 'All', title: 'Show every entry; matches are highlighted' },
  { mode: 'only', label: 'Only', title: 'Show only entries of the chosen topics' },
  { mode: 'dim', label: 'Dim', title: 'Fade entries outside the chosen topics' },
  { mode: 'fold', label: 'Fold', title: 'Fold entries outside the chosen topics to one line per run' },
];

/** The bar's on/off filters: the field each flips, its label and (for some) a title. */
const SWITCHES: {
  field: 'relevantFirst' | 'hideSaved' | 'hideDismissed' | 'newOnly';
  label: string;
  title?: string;
}[] = [
  {
    field: 'relevantFirst',
    label: 'relevant first',
    title: 'Entries of the chosen topics first in each section',
  },
  { field: 'hideSaved', label: 'hide saved' },
  { field: 'hideDismissed', label: 'hide dismissed' },
  { field: 'newOnly', label: 'new only', title: 'Only papers not seen on an earlier visit' },
];

/** The listing's filter bar: topics with their counts on the page, show/only/dim, hide saved/dismissed, new, text. */
export function FilterBar(p: FilterBarProps) {
  const f = p.filter;
  const set = (change: Partial<FilterState>) => p.onChange({ ...f, ...change });
  const toggleTopic = (id: string) =>
    set({ topics: f.topics.includes(id) ? f.topics.filter((t) => t !== id) : [...f.topics, id] });
  if (p.collapsed) {
    return (
      <div class="flex items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1 text-[12px] text-slate-900">
        <button
          type="button"
          class="font-semibold"
          onClick={p.onToggleCollapsed}
          title="Open the PaperSift bar"
        >
          PaperSift · {p.matching} of {p.total} match
        </button>
      </div>
    );
  }
  return (
    <div
      class="flex max-w-[min(720px,calc(100vw-2rem))] flex-wrap items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-[12px] text-slate-900"
      role="toolbar"
      aria-label="PaperSift filter"
    >
      <span class="font-semibold" data-testid="summary">
        <Count n={p.matching} /> of <Count n={p.total} /> match · <Count n={p.visible} /> shown
      </span>
      <span class="flex gap-1">
        {p.topics.map(({ topic, count }) => {
          const chosen = f.topics.includes(topic.id);
          return (
            <button
              type="button"
              key={topic.id}
              data-topic={topic.id}
              aria-pressed={chosen}
              class="rounded px-1.5 py-0.5 font-semibold"
              style={
                chosen
                  ? {
                      backgroundColor: topic.color,
                      color: textOn(topic.color),
                      border: `1px solid ${topic.color}`,
                    }
                  : { color: topic.color, border: `1px solid ${topic.color}` }
              }
              title={`${topic.name}: ${count} on this page`}
              onClick={() => toggleTopic(topic.id)}
            >
              {topic.short} <Count n={count} />
            </button>
          );
        })}
      </span>
      <fieldset class="m-0 flex min-w-0 overflow-hidden rounded border border-slate-400 p-0">
        <legend class="sr-only">Show</legend>
        {MODES.map((m) => (
          <button
            type="button"
            key={m.mode}
            aria-pressed={f.mode === m.mode}
            data-mode={m.mode}
            title={m.title}
            class={`px-1.5 py-0.5 ${f.mode === m.mode ? 'bg-slate-800 text-white' : 'bg-white'}`}
            onClick={() => set({ mode: m.mode })}
          >
            {m.label}
          </button>
        ))}
      </fieldset>
      {SWITCHES.map((s) => (
        <label key={s.field} class="flex items-center gap-1" title={s.title}>
          <input type="checkbox" checked={f[s.field]} onChange={() => set({ [s.field]: !f[s.field] })} />
          {s.label}
          {/* How many entries are new, beside the switch that shows only them. */}
          {s.field === 'newOnly' && (
            <>
              {' '}
              <Count n={p.fresh} />
            </>
          )}
        </label>
      ))}
      <input
        type="search"
        ref={p.textRef}
        value={f.text}
        placeholder="Filter text ( / )"
        aria-label="Filter by text in title, authors, abstract"
        class="w-40 rounded border border-slate-400 px-1.5 py-0.5"
        onInput={(e) => set({ text: (e.target as HTMLInputElement).value })}
        onFocus={p.onTextFocus}
      />
      <button
        type="button"
        class="rounded border border-slate-400 px-1.5 py-0.5"
        onClick={p.onHelp}
        title="Keys (?)"
      >
        ?
      </button>
      <button type="button" class="px-1 text-slate-500" onClick={p.onToggleCollapsed} title="Fold the bar">
        ▾
      </button>
    </div>
  );
}
