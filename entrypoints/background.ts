import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createClassifier, warmUpPapers } from '../lib/classify';
import { applyRetentionDaily } from '../lib/db/retention';
import { PaperSiftDb } from '../lib/db/schema';
import { describeIssues, onMessage, SetBadgeSchema } from '../lib/messaging';
import { LibraryService } from '../lib/service/library';
import { ModelCache, PageService } from '../lib/service/page';
import { SyncService } from '../lib/sync/service';
import { ZoteroClient } from '../lib/zotero/client';
import { ZoteroService } from '../lib/zotero/service';

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
  // Settings, topics and marks sync through the browser's sync storage (lib/sync): a run after each change here or
  // there, one soon after each start, and hourly (marks waiting for papers seen since).
  const sync = new SyncService(
    db,
    {
      get: () => browser.storage.sync.get(null),
      set: (items) => browser.storage.sync.set(items),
      remove: (keys) => browser.storage.sync.remove(keys),
    },
    {
      get: async (key) => (await browser.storage.local.get(key))[key],
      set: (key, value) => browser.storage.local.set({ [key]: value }),
    },
    {
      onApplied: () => {
        models.invalidate();
        page.invalidateFlags();
      },
    },
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync') sync.incoming(changes);
  });
  sync.schedule(3_000);
  setTimeout(expireHistory, 5_000);
  setInterval(() => {
    void expireHistory();
    sync.schedule();
  }, 3_600_000);
  onMessage('syncSetEnabled', ({ data }) => sync.handleSetEnabled(data));
  onMessage('pageSeen', ({ data }) => page.pageSeen(data));
  onMessage('pageState', ({ data }) => page.pageState(data));
  onMessage('setSaved', ({ data }) => page.setSaved(data));
  onMessage('setDismissed', async ({ data }) => {
    const reply = await page.setDismissed(data);
    sync.schedule();
    return reply;
  });
  onMessage('setMark', async ({ data }) => {
    const reply = await page.setMark(data);
    sync.schedule();
    return reply;
  });
  onMessage('setFilter', ({ data }) => page.setFilter(data));
  onMessage('pageDone', ({ data }) => page.pageDone(data));
  onMessage('pageViewed', ({ data }) => page.pageViewed(data));
  // Every write of the popup and the options page, imports included; it rebuilds the model when topics change.
  // Lists, statuses, dismissals, marks, imports: what pages are told of each paper is read again; settings and
  // topics go to the other browsers (lib/sync).
  const library = new LibraryService(
    db,
    Date.now,
    (change) => {
      if (change === 'topics' || change === 'settings' || change === 'all') sync.schedule();
      page.invalidateFlags();
    },
    models,
  );
  onMessage('library', ({ data }) => library.handle(data));
  const zotero = new ZoteroService(db, new ZoteroClient({ fetch: (url, init) => fetch(url, init) }));
  onMessage('zoteroSave', ({ data }) => zotero.save(data));
  onMessage('zoteroStatus', () => zotero.status());
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
