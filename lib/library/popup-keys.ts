import { safeHref } from './items';
import type { PopupAction } from './keys';
import type { Store } from './popup-store';

// What each key of the popup (keys.ts) does to its store. The page supplies what only it has: the search field
// and the browser's tabs.

export interface PopupKeyPage {
  /** The focus is in the search field. */
  inSearch: boolean;
  /** Tag name of the focused element ('' when none). */
  tag: string;
  focusSearch(): void;
  blurSearch(): void;
  openTab(url: string): void;
}

/** Carries out a key's action; false when it does nothing here, so the browser keeps the key. */
export function runPopupAction(act: PopupAction, store: Store, page: PopupKeyPage): boolean {
  const s = store.state;
  const a = store.actions;
  // The lists' editor replaces the papers: keys that act on a paper wait until it is closed.
  if (s.managing.value && act.kind !== 'escape' && act.kind !== 'undo') return false;
  const cur = s.current.value;
  const id = cur?.paper.id;
  switch (act.kind) {
    case 'next':
      a.select(s.selected.value + 1);
      return true;
    case 'prev':
      a.select(s.selected.value - 1);
      return true;
    case 'first':
      a.select(0);
      return true;
    case 'last':
      a.select(s.view.value.length - 1);
      return true;
    case 'open': {
      // Enter on a button, menu or link is theirs.
      const href = safeHref(cur?.paper.url);
      if (!href || page.tag === 'BUTTON' || page.tag === 'SELECT' || page.tag === 'A') return false;
      page.openTab(href);
      return true;
    }
    case 'search':
      page.focusSearch();
      return true;
    case 'status':
      if (id) a.setStatus([id], act.status);
      return true;
    case 'notes':
      if (id) a.edit(id);
      return true;
    case 'remove':
      if (id) a.remove([id]);
      return true;
    case 'undo':
      a.undo();
      return true;
    case 'escape':
      // Closes the innermost thing open: the notes, the lists' editor, the search, then leaves the field.
      if (s.editing.value) a.edit(undefined);
      else if (s.managing.value) a.manageLists(false);
      else if (s.query.value) a.setQuery('');
      else if (page.inSearch) page.blurSearch();
      else return false;
      return true;
  }
}
