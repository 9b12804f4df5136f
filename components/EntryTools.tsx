import type { EntryToolsProps } from '../lib/page/views';
import { TopicBadge } from './TopicBadge';

const TEXT_KIND = {
  abstract: 'From the title and abstract.',
  snippet: 'From the title and a fragment of the abstract: less sure.',
  title: 'From the title only: less sure.',
} as const;

const btn = 'rounded border px-1.5 py-px text-[11px] leading-none';

/** What PaperSift adds to one paper entry: topic badges, save (to a list), PDF, dismiss and topic marks. */
export function EntryTools(p: EntryToolsProps) {
  return (
    <span class="relative inline-flex items-center gap-1 whitespace-nowrap">
      {p.topics.map((t) => (
        <TopicBadge
          key={t.topic.id}
          topic={t.topic}
          score={t.score}
          evidence={t.evidence}
          uncertain={t.uncertain}
        />
      ))}
      {p.seen && (
        <span class="text-[10px] text-slate-500" title="Seen on an earlier visit">
          seen
        </span>
      )}
      <button
        type="button"
        class={`${btn} ${p.saved ? 'border-amber-500 bg-amber-400 text-black' : 'border-slate-400 bg-white text-slate-800'}`}
        aria-pressed={p.saved}
        disabled={p.busy}
        data-action="save"
        title={p.saved ? 'Saved: click to remove from your lists (s)' : 'Save to your reading list (s)'}
        onClick={() => p.onToggleSave()}
      >
        {p.saved ? '★ Saved' : '☆ Save'}
      </button>
      {p.pdfUrl && (
        <a
          class={`${btn} border-slate-400 bg-white text-slate-800 no-underline`}
          href={p.pdfUrl}
          target="_blank"
          rel="noopener noreferrer"
          title="Open the PDF (o)"
          data-action="pdf"
        >
          PDF
        </a>
      )}
      <button
        type="button"
        class={`${btn} ${p.dismissed ? 'border-slate-600 bg-slate-600 text-white' : 'border-slate-400 bg-white text-slate-800'}`}
        aria-pressed={p.dismissed}
        disabled={p.busy}
        data-action="dismiss"
        title={p.dismissed ? 'Dismissed: click to undo (x)' : 'Not interested (x)'}
        onClick={p.onToggleDismiss}
      >
        ✕
      </button>
      <button
        type="button"
        class={`${btn} border-slate-400 bg-white text-slate-800`}
        aria-expanded={p.menuOpen}
        aria-haspopup="menu"
        data-action="menu"
        title="Save to a list, mark relevant for a topic"
        onClick={p.onToggleMenu}
      >
        ⋯
      </button>
      {p.menuOpen && (
        <span
          role="menu"
          class="absolute left-0 top-full z-10 mt-1 flex min-w-56 flex-col gap-1 rounded border border-slate-300 bg-white p-2 text-[12px] text-slate-900"
        >
          {p.lists.length > 1 && (
            <span class="flex flex-col gap-0.5">
              <span class="font-semibold">Save to list</span>
              {p.lists.map((l) => (
                <button
                  type="button"
                  role="menuitem"
                  key={l.id}
                  class="text-left hover:underline"
                  data-list={l.id}
                  onClick={() => p.onToggleSave(l.id)}
                >
                  {l.name}
                </button>
              ))}
            </span>
          )}
          <span class="flex flex-col gap-0.5" data-section="why">
            <span class="font-semibold">Why</span>
            {p.topics.map((t) => (
              <span key={t.topic.id} data-why-topic={t.topic.id}>
                {t.topic.name}: {Math.round(t.score * 100)}%{t.uncertain ? ' (not sure)' : ''}
                {t.evidence.length ? ` · ${t.evidence.map((e) => `“${e}”`).join(', ')}` : ''}
              </span>
            ))}
            {!p.topics.length && <span>No topic matched.</span>}
            <span class="text-slate-600" data-text-kind={p.textKind}>
              {TEXT_KIND[p.textKind]}
            </span>
          </span>
          <button
            type="button"
            role="menuitem"
            class="text-left hover:underline"
            data-action="zotero"
            onClick={p.onZotero}
          >
            Send to Zotero
          </button>
          <span class="font-semibold">Relevant for…</span>
          {p.markable.map(({ topic, mark }) => (
            <span key={topic.id} class="flex items-center justify-between gap-2" data-mark-topic={topic.id}>
              <span>{topic.name}</span>
              <span class="flex gap-1">
                <button
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={mark === true}
                  class={`${btn} ${mark === true ? 'border-emerald-700 bg-emerald-600 text-white' : 'border-slate-400'}`}
                  title="Relevant: train the topic with this paper"
                  onClick={() => p.onMark(topic.id, mark === true ? null : true)}
                >
                  yes
                </button>
                <button
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={mark === false}
                  class={`${btn} ${mark === false ? 'border-rose-700 bg-rose-600 text-white' : 'border-slate-400'}`}
                  title="Not relevant: train the topic against this paper"
                  onClick={() => p.onMark(topic.id, mark === false ? null : false)}
                >
                  no
                </button>
              </span>
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
