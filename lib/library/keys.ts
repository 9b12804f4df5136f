import type { ReadingStatus } from '../db/schema';

// The popup's keyboard. Letters act only when the focus is not in a text field; arrows, Enter and Escape also work
// from the search field (so one can type, then go down the results).

export type PopupAction =
  | { kind: 'next' }
  | { kind: 'prev' }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'open' }
  | { kind: 'search' }
  | { kind: 'status'; status: ReadingStatus }
  | { kind: 'notes' }
  | { kind: 'remove' }
  | { kind: 'undo' }
  | { kind: 'escape' };

export const POPUP_KEYS: readonly { key: string; label: string }[] = [
  { key: '/', label: 'Search' },
  { key: '↓ ↑ or j k', label: 'Next / previous paper' },
  { key: 'Home End', label: 'First / last paper' },
  { key: 'Enter or o', label: 'Open the paper' },
  { key: '1 2 3', label: 'Status: to read / reading / read' },
  { key: 'n', label: 'Notes and tags of the paper' },
  { key: 'Delete', label: 'Remove from the list (undo with z)' },
  { key: 'z or Ctrl+Z', label: 'Undo the removal, move or list deletion' },
  { key: 'Escape', label: 'Clear the search, close the notes or the lists editor' },
  { key: 'Alt+↑ Alt+↓', label: 'Move the focused list up / down (Edit lists)' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focus is in a text field (search, notes, tags). */
  typing: boolean;
  /** The focus is in the search field. */
  inSearch: boolean;
}

export function popupKeyAction(e: KeyInput): PopupAction | undefined {
  if (e.altKey) return undefined;
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Escape') return { kind: 'escape' };
  if (e.typing && !e.inSearch) return undefined;
  switch (e.key) {
    case 'ArrowDown':
      return { kind: 'next' };
    case 'ArrowUp':
      return { kind: 'prev' };
    case 'Enter':
      return { kind: 'open' };
  }
  if (e.typing) return undefined;
  if (mod) return e.key === 'z' ? { kind: 'undo' } : undefined;
  switch (e.key) {
    case 'j':
      return { kind: 'next' };
    case 'k':
      return { kind: 'prev' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'o':
      return { kind: 'open' };
    case '/':
      return { kind: 'search' };
    case '1':
      return { kind: 'status', status: 'to-read' };
    case '2':
      return { kind: 'status', status: 'reading' };
    case '3':
      return { kind: 'status', status: 'read' };
    case 'n':
      return { kind: 'notes' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'remove' };
    case 'z':
      return { kind: 'undo' };
  }
  return undefined;
}
