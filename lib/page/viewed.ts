/**
 * "Seen" means read, not loaded: an entry becomes seen once at least half of it (or half the viewport, for an
 * entry taller than that) has been in the upper 85 % of the viewport for a second without a break. Scrolling
 * past fast, or an entry left below the fold, does not count. The background is told in batches.
 */
import type { PageContext } from './context';
import type { Entry, EntrySet } from './entries';

/** How long an entry must stay in view to count as read (ms). */
export const READ_MS = 1000;
/** Ids read within this time (ms) go in one message: soon enough that leaving the page right after loses none. */
const SEND_MS = 250;

export class ViewedTracker {
  private observer: IntersectionObserver | undefined;
  private timers = new Map<Entry, ReturnType<typeof setTimeout>>();
  private done = new WeakSet<Entry>();
  private pending = new Set<string>();
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onHide = () => this.ctx.guard(() => this.send());

  constructor(
    private readonly ctx: PageContext,
    private readonly entries: EntrySet,
  ) {
    ctx.win?.addEventListener('pagehide', this.onHide);
  }

  /** Starts watching entries (those already seen before this visit need no watching). */
  watch(entries: readonly Entry[]): void {
    const Observer = this.ctx.win?.IntersectionObserver;
    if (!Observer) return;
    this.observer ??= new Observer((records) => this.ctx.guard(() => this.onChange(records)), {
      rootMargin: '0px 0px -15% 0px',
      threshold: [0, 0.25, 0.5, 0.75, 1],
    });
    for (const e of entries) {
      if (e.verdict?.seenBefore || this.done.has(e)) continue;
      this.observer.observe(e.paper.element);
    }
  }

  forget(entry: Entry): void {
    this.observer?.unobserve(entry.paper.element);
    clearTimeout(this.timers.get(entry));
    this.timers.delete(entry);
  }

  stop(): void {
    this.send();
    this.observer?.disconnect();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    clearTimeout(this.sendTimer);
    this.ctx.win?.removeEventListener('pagehide', this.onHide);
  }

  private onChange(records: readonly IntersectionObserverEntry[]): void {
    for (const r of records) {
      const entry = this.entries.get(r.target);
      if (!entry || this.done.has(entry)) continue;
      const rootHeight = r.rootBounds?.height ?? this.ctx.win?.innerHeight ?? 0;
      const inView =
        r.isIntersecting && (r.intersectionRatio >= 0.5 || r.intersectionRect.height >= rootHeight / 2);
      const timer = this.timers.get(entry);
      if (inView && timer === undefined) {
        this.timers.set(
          entry,
          setTimeout(() => this.ctx.guard(() => this.read(entry)), READ_MS),
        );
      } else if (!inView && timer !== undefined) {
        clearTimeout(timer);
        this.timers.delete(entry);
      }
    }
  }

  private read(entry: Entry): void {
    this.timers.delete(entry);
    this.done.add(entry);
    this.observer?.unobserve(entry.paper.element);
    if (!this.entries.isCurrent(entry)) return;
    this.pending.add(entry.verdict?.recordId ?? entry.meta.id);
    this.sendTimer ??= setTimeout(() => this.ctx.guard(() => this.send()), SEND_MS);
  }

  private send(): void {
    clearTimeout(this.sendTimer);
    this.sendTimer = undefined;
    if (!this.pending.size) return;
    const ids = [...this.pending];
    this.pending.clear();
    void this.ctx.api.pageViewed({ ids }).catch(() => undefined);
  }
}
