import type { EntryToolsProps } from '../lib/page/views';
import { TopicBadge } from './TopicBadge';

const TEXT_KIND = {
  abstract: 'From the title and abstract.',
  snippet: 'From the title and a fragment of the abstract: less sure.',
  title: 'From the title only: less sure.',
} as const;

const btn = 'rounded border px-1.5 py-px text-[11px] leading-none';
const idle = 'border-slate-400 bg-white text-slate-800';

/** Save and dismiss differ only in these: their pressed colours, titles and labels (off, on). */
const TOGGLES = {
  save: {
    pressed: 'border-amber-500 bg-amber-400 text-black',
    title: ['Save to your reading list (s)', 'Saved: click to remove from your lists (s)'],
    label: ['☆ Save', '★ Saved'],
  },
  dismiss: {
    pressed: 'border-slate-600 bg-slate-600 text-white',
    title: ['Not interested (x)', 'Dismissed: click to undo (x)'],
    label: ['✕', '✕'],
  },
} as const;

/** An entry's save or dismiss button: pressed or not, disabled while the entry's last change is stored. */
function ToggleButton({
  action,
  on,
  busy,
  onClick,
}: {
  action: keyof typeof TOGGLES;
  on: boolean;
  busy: boolean | undefined;
  onClick: () => void;
}) {
  const t = TOGGLES[action];
  const i = on ? 1 : 0;
  return (
    <button
      type="button"
      class={`${btn} ${on ? t.pressed : idle}`}
      aria-pressed={on}
      disabled={busy}
      data-action={action}
      title={t.title[i]}
      onClick={onClick}
    >
      {t.label[i]}
    </button>
  );
}

/** The menu's relevance marks: yes trains the topic with the paper, no against it. */
const MARKS = [
  {
    value: true,
    label: 'yes',
    pressed: 'border-emerald-700 bg-emerald-600 text-white',
    title: 'Relevant: train the topic with this paper',
  },
  {
    value: false,
    label: 'no',
    pressed: 'border-rose-700 bg-rose-600 text-white',
    title: 'Not relevant: train the topic against this paper',
  },
] as const;

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
      <ToggleButton action="save" on={p.saved} busy={p.busy} onClick={() => p.onToggleSave()} />
      {p.pdfUrl && (
        <a
          class={`${btn} ${idle} no-underline`}
          href={p.pdfUrl}
          target="_blank"
          rel="noopener noreferrer"
          title="Open the PDF (o)"
          data-action="pdf"
        >
          PDF
        </a>
      )}
      <ToggleButton action="dismiss" on={p.dismissed} busy={p.busy} onClick={p.onToggleDismiss} />
      <button
        type="button"
        class={`${btn} ${idle}`}
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
                {MARKS.map((m) => (
                  <button
                    type="button"
                    key={m.label}
                    role="menuitemcheckbox"
                    aria-checked={mark === m.value}
                    class={`${btn} ${mark === m.value ? m.pressed : 'border-slate-400'}`}
                    title={m.title}
                    onClick={() => p.onMark(topic.id, mark === m.value ? null : m.value)}
                  >
                    {m.label}
                  </button>
                ))}
              </span>
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
