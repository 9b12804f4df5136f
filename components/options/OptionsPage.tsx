import type { ComponentChildren } from 'preact';

export interface OptionsPageProps {
  error?: string;
  notice?: string;
  onDismiss: () => void;
  /** The sections. */
  children: ComponentChildren;
}

/**
 * The options page: its sections, and the message of the last action (an error, or a notice) in a toast fixed at
 * the bottom of the window, so that it shows wherever the action was (Export and Delete are far down the page).
 */
export function OptionsPage(p: OptionsPageProps) {
  const message = p.error ?? p.notice;
  return (
    <main class="mx-auto max-w-4xl space-y-4 bg-slate-50 p-6 pb-24 font-sans text-slate-900">
      <h1 class="text-2xl font-semibold">PaperSift options</h1>
      {p.children}
      {message && (
        <p
          role={p.error ? 'alert' : 'status'}
          data-testid="options-message"
          class={`fixed inset-x-4 bottom-4 mx-auto flex max-w-xl items-start gap-3 rounded px-3 py-2 shadow-lg ring-1 ${
            p.error ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-green-50 text-green-900 ring-green-200'
          }`}
        >
          <span class="min-w-0 flex-1 wrap-anywhere">{message}</span>
          <button type="button" class="shrink-0 text-xs underline" onClick={p.onDismiss}>
            Dismiss
          </button>
        </p>
      )}
    </main>
  );
}
