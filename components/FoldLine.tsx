import type { FoldProps } from '../lib/page/views';

/** A run of folded entries: one line that opens into the run's title lines; a title opens its entry. */
export function FoldLine(p: FoldProps) {
  return (
    <div class="my-1 text-[12px] text-slate-600">
      <button
        type="button"
        class="rounded px-1 hover:bg-slate-100"
        aria-expanded={p.open}
        data-action="fold"
        title={p.open ? 'Close' : 'Show their titles'}
        onClick={p.onToggle}
      >
        {p.open ? '▾' : '▸'} {p.count} folded
      </button>
      {p.open && (
        <ul class="m-0 list-none py-0.5 pl-5">
          {p.titles.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                class="max-w-full truncate text-left hover:underline"
                data-open={t.id}
                title="Show this paper"
                onClick={() => p.onOpenEntry(t.id)}
              >
                {t.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
