import type { ZoteroUiState } from '../lib/zotero/ui-store';

/** A "send to Zotero" button (a row's, or a list's with a label). */
export function ZoteroButton({
  label,
  title = 'Send to Zotero',
  busy,
  onSend,
}: {
  label?: string;
  title?: string;
  busy: boolean;
  onSend: () => void;
}) {
  return (
    <button
      type="button"
      class="rounded px-1 text-slate-700 hover:bg-slate-200 disabled:opacity-50"
      aria-label={title}
      title={title}
      disabled={busy}
      data-action="zotero"
      onClick={(e) => {
        e.stopPropagation();
        onSend();
      }}
    >
      {label ?? 'Z→'}
    </button>
  );
}

/** What the last send did: sending, sent, or why not (with the BibTeX file offered instead). */
export function ZoteroStatus({
  state,
  onDownloadBibtex,
  onDismiss,
}: {
  state: ZoteroUiState;
  onDownloadBibtex: () => void;
  onDismiss: () => void;
}) {
  if (state.phase === 'idle') return null;
  const failed = state.phase === 'failed';
  return (
    <p
      role={failed ? 'alert' : 'status'}
      data-testid="zotero-status"
      data-phase={state.phase}
      class={`m-2 flex items-center gap-2 rounded p-2 text-xs ${failed ? 'bg-amber-50 text-amber-900' : 'bg-slate-50 text-slate-800'}`}
    >
      <span class="flex-1">{state.message}</span>
      {failed && state.bibtex && (
        <button type="button" class="font-medium text-blue-800 underline" onClick={onDownloadBibtex}>
          Download BibTeX
        </button>
      )}
      {state.phase !== 'sending' && (
        <button type="button" class="underline" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </p>
  );
}
