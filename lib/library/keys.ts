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

/** Keys that act from the search field too (type, then go down the results). */
const ANYWHERE: Readonly<Record<string, PopupAction>> = {
  ArrowDown: { kind: 'next' },
  ArrowUp: { kind: 'prev' },
  Enter: { kind: 'open' },
};

/** Keys that act only when the focus is in no text field. */
const OUTSIDE_FIELDS: Readonly<Record<string, PopupAction>> = {
  j: { kind: 'next' },
  k: { kind: 'prev' },
  Home: { kind: 'first' },
  End: { kind: 'last' },
  o: { kind: 'open' },
  '/': { kind: 'search' },
  '1': { kind: 'status', status: 'to-read' },
  '2': { kind: 'status', status: 'reading' },
  '3': { kind: 'status', status: 'read' },
  n: { kind: 'notes' },
  Delete: { kind: 'remove' },
  Backspace: { kind: 'remove' },
  z: { kind: 'undo' },
};

const own = (table: Readonly<Record<string, PopupAction>>, key: string): PopupAction | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

export function popupKeyAction(e: KeyInput): PopupAction | undefined {
  if (e.altKey) return undefined;
  if (e.key === 'Escape') return { kind: 'escape' };
  if (e.typing && !e.inSearch) return undefined;
  const anywhere = own(ANYWHERE, e.key);
  if (anywhere || e.typing) return anywhere;
  if (e.ctrlKey || e.metaKey) return e.key === 'z' ? { kind: 'undo' } : undefined;
  return own(OUTSIDE_FIELDS, e.key);
}
