/**
 * Each entry's tools (topic badges, save, PDF, dismiss, the ⋯ menu), drawn into a shadow root inside the entry
 * where its site module says (`SiteAdapter.slot`), only for entries near the viewport and in slices, so that a
 * 2,000-entry listing costs what its first screens cost; and what the tools do.
 */

import { downloadText } from '../download';
import type { PageTopic, PaperVerdict } from '../messaging/page';
import type { NoticeAction } from './bar';
import { isError, type PageContext } from './context';
import { type Entry, type EntrySet, shownLabels } from './entries';
import { SLICE_MS, whenIdle } from './schedule';
import type { EntryToolsProps } from './views';

export const ENTRY_TAG = 'papersift-entry';

/** A save or dismiss just done, so that it can be announced and undone. */
export interface DoneAction {
  entry: Entry;
  kind: 'save' | 'dismiss';
  /** The flag after the action. */
  on: boolean;
}

/** What text the model had for an entry: its abstract, a fragment of it, or the title alone. */
export function textKindOf(m: { abstract?: string; snippet?: string }): 'abstract' | 'snippet' | 'title' {
  if (m.abstract?.trim()) return 'abstract';
  return m.snippet?.trim() ? 'snippet' : 'title';
}

export class EntryTools {
  private queue: Entry[] = [];
  private near: IntersectionObserver | undefined;
  private scheduled = false;
  private menuOf: Entry | undefined;

  constructor(
    private readonly ctx: PageContext,
    private readonly entries: EntrySet,
    /** After an action changed an entry's flags: the filter and counts are recomputed. */
    private readonly changed: () => void,
    /** When the queue is drawn empty. */
    private readonly drained: () => void,
    /** After a save or dismiss went through. */
    private readonly done: (action: DoneAction) => void,
    /** Any other news for the user (Zotero's answer), with what can be done about it. */
    private readonly tell: (text: string, action?: NoticeAction) => void,
  ) {}

  get idle(): boolean {
    return !this.queue.length && !this.scheduled;
  }

  /** Draws these entries' tools when they come near the viewport (all of them where IntersectionObserver lacks). */
  queueDraw(entries: readonly Entry[]): void {
    const Observer = this.ctx.win?.IntersectionObserver;
    if (!Observer) {
      this.queue.push(...entries);
      this.schedule();
      return;
    }
    this.near ??= new Observer(
      (records) =>
        this.ctx.guard(() => {
          for (const r of records) {
            if (!r.isIntersecting) continue;
            this.near?.unobserve(r.target);
            const e = this.entries.get(r.target);
            if (e) this.queue.push(e);
          }
          this.schedule();
        }),
      { rootMargin: '1500px 0px' },
    );
    for (const e of entries) this.near.observe(e.paper.element);
  }

  forget(entry: Entry): void {
    this.near?.unobserve(entry.paper.element);
    if (this.menuOf === entry) this.menuOf = undefined;
  }

  /** Opens or closes an entry's ⋯ menu (one open at a time). */
  toggleMenu(entry: Entry): void {
    const other = this.menuOf;
    if (other && other !== entry) {
      other.menuOpen = false;
      this.draw(other);
    }
    entry.menuOpen = !entry.menuOpen;
    this.menuOf = entry.menuOpen ? entry : undefined;
    this.draw(entry);
  }

  /** Closes the open menu; false when none was open. */
  closeMenus(): boolean {
    const open = this.menuOf;
    if (!open) return false;
    this.toggleMenu(open);
    return true;
  }

  clear(): void {
    this.queue = [];
  }

  disconnect(): void {
    this.near?.disconnect();
    this.queue = [];
  }

  private schedule(): void {
    if (this.scheduled || this.ctx.stopped) return;
    this.scheduled = true;
    whenIdle(this.ctx.win, () => {
      this.scheduled = false;
      this.ctx.guard(() => this.drawSlice());
    });
  }

  private drawSlice(): void {
    const t0 = performance.now();
    while (this.queue.length && performance.now() - t0 < SLICE_MS) {
      const e = this.queue.shift() as Entry;
      if (this.entries.isCurrent(e)) this.draw(e);
    }
    this.ctx.step(t0);
    if (this.queue.length) this.schedule();
    else this.drained();
  }

  draw(entry: Entry): void {
    const v = entry.verdict;
    const adapter = this.ctx.adapter;
    if (!v || !adapter) return;
    if (!entry.host?.isConnected) {
      const el = entry.paper.element;
      // A host left by an earlier run of the script (re-injection) is reused, never duplicated.
      let host = el.querySelector(`:scope ${ENTRY_TAG}`) as HTMLElement | null;
      if (!host) {
        const slot = adapter.slot(el);
        host = this.ctx.doc.createElement(ENTRY_TAG);
        host.setAttribute('data-placement', slot.placement);
        slot.parent.append(host);
      }
      if (!host.shadowRoot) this.ctx.installStyle(host.attachShadow({ mode: 'open' }));
      entry.host = host;
    }
    this.ctx.options.views.tools(entry.host.shadowRoot as ShadowRoot, this.props(entry, v));
  }

  private props(entry: Entry, v: PaperVerdict): EntryToolsProps {
    const { ctx } = this;
    return {
      topics: shownLabels(ctx.enabled, v).map((id) => ({
        topic: ctx.topic(id) as PageTopic,
        score: v.scores[id] ?? 0,
        evidence: v.evidence[id] ?? [],
        uncertain: v.uncertain?.includes(id) ?? false,
      })),
      saved: v.saved,
      dismissed: v.dismissed,
      seen: v.seenBefore,
      busy: entry.busy,
      ...(entry.meta.pdfUrl ? { pdfUrl: entry.meta.pdfUrl } : {}),
      lists: ctx.lists,
      markable: ctx.topics.map((t) => ({ topic: t, mark: v.marks[t.id] })),
      menuOpen: entry.menuOpen,
      textKind: v.textKind ?? textKindOf(entry.meta),
      onToggleSave: (listId?: string) => ctx.guard(() => this.toggleSave(entry, listId)),
      onToggleDismiss: () => ctx.guard(() => this.toggleDismiss(entry)),
      onMark: (topic: string, relevant: boolean | null) => ctx.guard(() => this.mark(entry, topic, relevant)),
      onToggleMenu: () => this.toggleMenu(entry),
      onZotero: () => ctx.guard(() => this.sendToZotero(entry)),
    };
  }

  // ---- acting on a paper -------------------------------------------------------------------------------------

  private async act(entry: Entry, fn: (v: PaperVerdict) => Promise<void>): Promise<void> {
    const v = entry.verdict;
    if (!v || entry.busy) return;
    entry.busy = true;
    this.draw(entry);
    try {
      await fn(v);
    } catch (e) {
      this.ctx.warn(`request failed: ${String(e)}`);
    }
    entry.busy = false;
    if (entry.verdict) this.entries.applyVerdict(entry, entry.verdict, this.ctx.enabled);
    this.draw(entry);
    this.changed();
  }

  toggleSave(entry: Entry, listId?: string): Promise<void> {
    return this.act(entry, async (v) => {
      // Choosing a list saves into it (also when already saved elsewhere); the toggle itself flips.
      const saved = listId ? true : !v.saved;
      const r = await this.ctx.api.setSaved({ paper: entry.meta, saved, ...(listId ? { listId } : {}) });
      if (isError(r)) this.ctx.warn(`save failed: ${r?.error ?? 'no reply'}`);
      else {
        v.saved = r.saved;
        this.done({ entry, kind: 'save', on: r.saved });
      }
      if (listId) this.closeMenus();
    });
  }

  toggleDismiss(entry: Entry): Promise<void> {
    return this.act(entry, async (v) => {
      const r = await this.ctx.api.setDismissed({ paper: entry.meta, dismissed: !v.dismissed });
      if (isError(r)) this.ctx.warn(`dismiss failed: ${r?.error ?? 'no reply'}`);
      else {
        v.dismissed = r.dismissed;
        this.done({ entry, kind: 'dismiss', on: r.dismissed });
      }
    });
  }

  /** To the Zotero desktop app; when it does not answer, the same paper as a BibTeX file. */
  sendToZotero(entry: Entry): Promise<void> {
    return this.act(entry, async () => {
      this.closeMenus();
      const r = await this.ctx.api.zoteroSave({ papers: [entry.meta], uri: this.ctx.url });
      if (!('error' in r)) {
        this.tell(r.attachments ? 'Sent to Zotero, with its PDF link' : 'Sent to Zotero');
        return;
      }
      const { bibtex, fileName } = r;
      this.tell(
        r.error,
        bibtex && fileName
          ? { label: 'Download BibTeX', run: () => downloadText(bibtex, fileName, 'application/x-bibtex') }
          : undefined,
      );
    });
  }

  mark(entry: Entry, topic: string, relevant: boolean | null): Promise<void> {
    return this.act(entry, async () => {
      const r = await this.ctx.api.setMark({ paper: entry.meta, topic, relevant });
      if (isError(r)) this.ctx.warn(`mark failed: ${r?.error ?? 'no reply'}`);
      else if (entry.verdict) entry.verdict = { ...entry.verdict, ...r };
    });
  }
}
