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

  private visible(): Entry[] {
    return this.entries.list.filter((e) => e.verdict && e.view !== 'hide');
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
      // Only our own field and our own help; the page's fields keep their Escape.
      if (origin === this.bar.textInput) this.bar.textInput?.blur();
      else if (this.bar.helpOpen) this.bar.toggleHelp(false);
      else return;
      e.preventDefault();
      return;
    }
    e.preventDefault();
    switch (action) {
      case 'next':
      case 'prev':
        this.moveFocus(action === 'next' ? 1 : -1);
        return;
      case 'save':
        if (this.focused) void this.tools.toggleSave(this.focused);
        return;
      case 'dismiss':
        if (this.focused) void this.tools.toggleDismiss(this.focused);
        return;
      case 'open': {
        const m = this.focused?.meta;
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

  private moveFocus(step: 1 | -1): void {
    const visible = this.visible();
    if (!visible.length) return;
    const at = this.focused ? visible.indexOf(this.focused) : -1;
    let next: number;
    if (at < 0) {
      // From nothing (or a now hidden entry): the first visible entry in the viewport, or the first one.
      const vh = this.ctx.win?.innerHeight ?? 800;
      const inView = visible.findIndex((e) => e.paper.element.getBoundingClientRect().bottom > 0);
      next = step === 1 ? Math.max(0, inView) : Math.max(0, inView - 1);
      if (inView >= 0 && visible[inView] && visible[inView].paper.element.getBoundingClientRect().top > vh)
        next = 0;
    } else {
      next = Math.min(visible.length - 1, Math.max(0, at + step));
    }
    const target = visible[next];
    if (!target) return;
    this.focused?.paper.element.removeAttribute(ATTR.focus);
    this.focused = target;
    target.paper.element.setAttribute(ATTR.focus, 'true');
    target.paper.element.scrollIntoView({ block: 'nearest' });
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
