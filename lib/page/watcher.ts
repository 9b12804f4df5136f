/**
 * Entries added later (a listing that loads more, a single-page app that re-renders, "Show more" rows) and
 * single-page navigation: a mutation observer on the document that asks for a new scan when something relevant
 * changed, a moment later (several mutations, one scan).
 */

import { BAR_TAG } from './bar';
import type { PageContext } from './context';
import { FOLD_TAG } from './fold';
import { ENTRY_TAG } from './tools';

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`${ENTRY_TAG}, ${BAR_TAG}, ${FOLD_TAG}`);
}

/** Whether the mutations may have added, removed or replaced entries. */
function relevant(ctx: PageContext, records: readonly MutationRecord[]): boolean {
  const dynamic = ctx.adapter?.dynamic ?? false;
  const selector = ctx.adapter?.entry ?? 'dt, article, li';
  for (const r of records) {
    if (isOurs(r.target)) continue;
    const nodes = [...r.addedNodes, ...r.removedNodes].filter((n) => n.nodeType === 1 && !isOurs(n));
    if (!nodes.length) continue;
    // Single-page apps re-render anything; elsewhere only new entries matter (MathJax rewrites titles).
    if (
      dynamic ||
      nodes.some((n) => (n as Element).matches(selector) || !!(n as Element).querySelector(selector))
    )
      return true;
  }
  return false;
}

export class MutationWatcher {
  private observer: MutationObserver | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: PageContext,
    private readonly rescan: () => Promise<void>,
  ) {}

  start(): void {
    this.ctx.discardMutations = () => void this.observer?.takeRecords();
    // The document's own window's constructor: the same in a content script, and right under jsdom in tests.
    const Observer = this.ctx.win?.MutationObserver ?? MutationObserver;
    this.observer = new Observer((records) => this.ctx.guard(() => this.onMutations(records)));
    this.observer.observe(this.ctx.doc.documentElement, { childList: true, subtree: true });
  }

  stop(): void {
    this.observer?.disconnect();
    clearTimeout(this.timer);
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.ctx.stopped) return;
    const urlChanged = this.ctx.currentUrl() !== this.ctx.url;
    if (!urlChanged && !relevant(this.ctx, records)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.ctx.guard(() => this.rescan()), urlChanged ? 50 : 150);
  }
}
