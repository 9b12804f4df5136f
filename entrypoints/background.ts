import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createClassifier, warmUpPapers } from '../lib/classify';
import { applyRetentionDaily } from '../lib/db/retention';
import { PaperSiftDb } from '../lib/db/schema';
import { describeIssues, onMessage, SetBadgeSchema } from '../lib/messaging';
import { LibraryService } from '../lib/service/library';
import { ModelCache, PageService } from '../lib/service/page';

export default defineBackground(() => {
  const db = new PaperSiftDb();
  const models = new ModelCache(db, (state) => createClassifier(state));
  const page = new PageService(db, models, Date.now, warmUpPapers());
  // Load the model now rather than on the first page: the first listing is annotated sooner.
  void models.get().catch((e: unknown) => console.error('PaperSift: topic model failed to load', e));
  // Once a day the history of papers only seen expires (lib/db/retention.ts), in batches 50 ms apart: checked a
  // few seconds after each start (the page that woke the worker goes first) and hourly while it runs (Firefox's
  // background page lives as long as the browser).
  const expireHistory = () =>
    applyRetentionDaily(db, Date.now(), { pauseMs: 50 }).catch((e: unknown) =>
      console.error('PaperSift: expiring old history failed', e),
    );
  setTimeout(expireHistory, 5_000);
  setInterval(expireHistory, 3_600_000);
  onMessage('pageSeen', ({ data }) => page.pageSeen(data));
  onMessage('pageState', ({ data }) => page.pageState(data));
  onMessage('setSaved', ({ data }) => page.setSaved(data));
  onMessage('setDismissed', ({ data }) => page.setDismissed(data));
  onMessage('setMark', ({ data }) => page.setMark(data));
  onMessage('setFilter', ({ data }) => page.setFilter(data));
  onMessage('pageDone', ({ data }) => page.pageDone(data));
  // Every write of the popup and the options page, imports included; it rebuilds the model when topics change.
  // Lists, statuses, dismissals, marks, imports: what pages are told of each paper is read again.
  const library = new LibraryService(db, Date.now, () => page.invalidateFlags(), models);
  onMessage('library', ({ data }) => library.handle(data));
  onMessage('setBadge', async ({ data, sender }) => {
    const req = v.safeParse(SetBadgeSchema, data);
    if (!req.success) return { error: `setBadge: ${describeIssues(req.issues)}` };
    const tabId = sender.tab?.id;
    // Chrome MV3 has `action`, Firefox MV2 `browserAction`.
    const action = browser.action ?? browser.browserAction;
    if (tabId !== undefined && action) {
      await action.setBadgeText({ tabId, text: req.output.count ? String(req.output.count) : '' });
      await action.setBadgeBackgroundColor({ tabId, color: '#2563eb' });
    }
    return { ok: true as const };
  });
});
