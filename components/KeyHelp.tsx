import type { KeyHelpProps } from '../lib/page/views';
import { KeyTable } from './KeyTable';

/** The keyboard help (`?`). */
export function KeyHelp({ keys, onClose }: KeyHelpProps) {
  return (
    <div
      role="dialog"
      aria-label="PaperSift keys"
      class="rounded-lg border border-slate-300 bg-white p-3 text-[12px] text-slate-900"
    >
      <div class="mb-2 flex items-center justify-between gap-4">
        <strong>PaperSift keys</strong>
        <button type="button" onClick={onClose} aria-label="Close" class="px-1">
          ✕
        </button>
      </div>
      <KeyTable keys={keys} look="page" />
    </div>
  );
}
