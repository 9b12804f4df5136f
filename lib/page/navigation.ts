/** The keyboard (j/k/s/x/o, `/`, `?`, Escape) and the page's anchor (`#item12`), over the visible entries. */
import type { FilterBar } from './bar';
import type { PageContext } from './context';
import { ATTR, type Entry, type EntrySet } from './entries';
import { keyAction } from './keys';
import type { EntryTools } from './tools';

export class Navigation {
  focused: Entry | undefined;

  constructor(
    private readonly ctx: PageContext,
    private readonly entries: EntrySet,
    private readonly bar: FilterBar,
    private readonly tools: EntryTools,
  ) {}

  forget(entry: Entry): void {
    if (this.focused === entry) this.focused = undefined;
    if (this.bar.revealed === entry) this.bar.revealed = undefined;
  }

  private shown(e: Entry | undefined): e is Entry {
    return !!e?.verdict && (e.view === 'show' || e.view === 'dim');
  }

  handleKey(e: KeyboardEvent): void {
    if (!this.ctx.adapter || !this.entries.list.length || e.defaultPrevented) return;
    const origin = e.composedPath()[0] ?? e.target;
    const action = keyAction({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      target: e.target,
      origin,
    });
    if (!action) return;
    if (action === 'close') {
      // Only our own field, help and menu; the page's fields keep their Escape.
      if (origin === this.bar.textInput) this.bar.textInput?.blur();
      else if (this.bar.helpOpen) this.bar.toggleHelp(false);
      else if (!this.tools.closeMenus()) return;
      e.preventDefault();
      return;
    }
    e.preventDefault();
    const focused = this.focused;
    switch (action) {
      case 'next':
      case 'prev':
        this.moveFocus(action === 'next' ? 1 : -1);
        return;
      case 'save':
      case 'dismiss':
        if (!focused) return;
        // The flow moves on, as in a mail reader: the next entry is focused before this one may hide.
        this.focus(this.after(focused, 1) ?? focused);
        void (action === 'save' ? this.tools.toggleSave(focused) : this.tools.toggleDismiss(focused));
        return;
      case 'undo':
        void this.bar.undo();
        return;
      case 'menu':
        if (focused) this.tools.toggleMenu(focused);
        return;
      case 'open': {
        const m = focused?.meta;
        if (m) this.ctx.win?.open(m.pdfUrl ?? m.url, '_blank', 'noopener');
        return;
      }
      case 'search':
        this.bar.focusText();
        return;
      case 'help':
        this.bar.toggleHelp(!this.bar.helpOpen);
        return;
    }
  }

  /** The nearest shown entry after (`step` 1) or before (-1) `from` in page order, whether `from` is shown or not. */
  private after(from: Entry, step: 1 | -1): Entry | undefined {
    const list = this.entries.list;
    for (let i = list.indexOf(from) + step; i >= 0 && i < list.length; i += step) {
      if (this.shown(list[i])) return list[i];
    }
    return undefined;
  }

  private moveFocus(step: 1 | -1): void {
    const current = this.focused;
    let target: Entry | undefined;
    if (current && this.entries.list.includes(current)) {
      // From the focused entry, also when it has just been hidden (dismissed): its neighbour in page order.
      target =
        this.after(current, step) ?? (this.shown(current) ? current : this.after(current, -step as 1 | -1));
    } else {
      // From nothing: the first shown entry in the viewport (or the one before it, for k), else the first.
      const shown = this.entries.list.filter((e) => this.shown(e));
      const vh = this.ctx.win?.innerHeight ?? 800;
      const inView = shown.findIndex((e) => e.paper.element.getBoundingClientRect().bottom > 0);
      let at = step === 1 ? Math.max(0, inView) : Math.max(0, inView - 1);
      if (inView >= 0 && (shown[inView]?.paper.element.getBoundingClientRect().top ?? 0) > vh) at = 0;
      target = shown[at];
    }
    if (target) this.focus(target);
  }

  /**
   * Focuses an entry and brings it fully into view: its top near the top of the viewport (the page stylesheet's
   * scroll margin keeps it clear of a site's sticky header), so its title and abstract are readable above the bar.
   */
  focus(target: Entry): void {
    if (this.focused !== target) {
      this.focused?.paper.element.removeAttribute(ATTR.focus);
      this.focused = target;
      target.paper.element.setAttribute(ATTR.focus, 'true');
    }
    target.paper.element.scrollIntoView({ block: 'start' });
  }

  /** An anchor (`#item123`) that points into a hidden entry shows that entry, whatever the filter. */
  revealHashTarget(): void {
    const hash = this.ctx.win?.location.hash.slice(1);
    if (!hash) return;
    let id = hash;
    try {
      id = decodeURIComponent(hash);
    } catch {
      // Use the raw hash.
    }
    const target = this.ctx.doc.getElementById(id) ?? this.ctx.doc.getElementsByName(id)[0];
    if (!target) return;
    const entry = this.entries.list.find(
      (e) => e.paper.element === target || e.paper.element.contains(target),
    );
    if (!entry || entry === this.bar.revealed) return;
    this.bar.revealed = entry;
    this.bar.apply();
    target.scrollIntoView();
  }
}
