import type { NoticeProps } from '../lib/page/views';

/** "Dismissed · Undo": what an action just did, and what can be done about it (Undo: also the `u` key). */
export function Notice({ text, action }: NoticeProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      class="flex items-center gap-3 rounded-lg border border-slate-300 bg-slate-900 px-3 py-1.5 text-[12px] text-white"
    >
      <span>{text}</span>
      {action && (
        <button
          type="button"
          class="font-semibold text-amber-300 underline"
          onClick={action.run}
          title={action.title}
        >
          {action.label}
        </button>
      )}
    </div>
  );
}
