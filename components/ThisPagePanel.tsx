import type { ThisPageState } from '../lib/library/this-page';
import type { TopicInfo } from '../lib/topics';
import { TopicBadge } from './TopicBadge';

export interface ThisPagePanelProps {
  state: ThisPageState;
  /** The paper's labels as topics, strongest first. */
  topics: readonly { topic: TopicInfo; score: number }[];
  onToggleSave: () => void;
}

/** "This page": the paper of a page no site module knows, read on the user's click, with its topics and Save. */
export function ThisPagePanel({ state, topics, onToggleSave }: ThisPagePanelProps) {
  if (state.phase === 'none') return null;
  return (
    <section class="border-b border-slate-200 bg-amber-50 px-3 py-2 text-sm" aria-label="This page">
      {state.phase === 'reading' && <p class="text-slate-600">Reading this page…</p>}
      {state.phase === 'empty' && (
        <p class="text-slate-600" data-testid="this-page-empty">
          No paper found on this page: {state.reason}.
        </p>
      )}
      {state.phase === 'error' && <p class="text-rose-700">{state.message}</p>}
      {state.phase === 'found' && (
        <div class="flex flex-col gap-1">
          <span class="text-xs font-semibold uppercase tracking-wide text-slate-500">This page</span>
          <span class="font-semibold [overflow-wrap:anywhere]" data-testid="this-page-title">
            {state.paper.title}
          </span>
          {state.paper.authors.length > 0 && (
            <span class="text-slate-600 [overflow-wrap:anywhere]">
              {state.paper.authors.slice(0, 6).join(', ')}
            </span>
          )}
          <span class="flex flex-wrap items-center gap-1">
            {topics.map((t) => (
              <TopicBadge key={t.topic.id} topic={t.topic} score={t.score} />
            ))}
            <button
              type="button"
              class={`rounded border px-2 py-0.5 ${state.saved ? 'border-amber-500 bg-amber-400 text-black' : 'border-slate-400 bg-white'}`}
              aria-pressed={state.saved}
              disabled={state.saving}
              data-action="save-this-page"
              onClick={onToggleSave}
            >
              {state.saved ? '★ Saved' : '☆ Save'}
            </button>
          </span>
        </div>
      )}
    </section>
  );
}
