/** The listing's keyboard: one key per action, never while the user types in a field of the page. */

export type KeyAction =
  | 'next'
  | 'prev'
  | 'save'
  | 'dismiss'
  | 'undo'
  | 'menu'
  | 'open'
  | 'search'
  | 'help'
  | 'close';

export const KEYMAP: readonly { key: string; action: KeyAction; label: string }[] = [
  { key: 'j', action: 'next', label: 'Next visible paper' },
  { key: 'k', action: 'prev', label: 'Previous visible paper' },
  { key: 's', action: 'save', label: 'Save / unsave the paper, then go to the next' },
  { key: 'x', action: 'dismiss', label: 'Not interested (dismiss), then go to the next' },
  { key: 'u', action: 'undo', label: 'Undo the last save or dismiss' },
  { key: 'm', action: 'menu', label: 'Why, lists and marks of the paper' },
  { key: 'o', action: 'open', label: 'Open the PDF' },
  { key: '/', action: 'search', label: 'Filter by text' },
  { key: '?', action: 'help', label: 'Show these keys' },
  { key: 'Escape', action: 'close', label: 'Close the menu or help, leave the filter field' },
];

/** Whether the event's target is somewhere the user types (input, textarea, select, contenteditable). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(
      type,
    );
  }
  return el.isContentEditable === true;
}

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
  /** For events from inside a shadow root, the real origin (composedPath()[0]). */
  origin?: EventTarget | null;
}

/** The action of a key press, or undefined when it is not ours (modifiers held, or the user is typing). */
export function keyAction(e: KeyEventLike): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  if (isTypingTarget(e.origin ?? e.target)) return e.key === 'Escape' ? 'close' : undefined;
  return KEYMAP.find((k) => k.key === e.key)?.action;
}
