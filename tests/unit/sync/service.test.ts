import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listUserTopics, putUserTopic } from '../../../lib/db/topics';
import { type SyncArea, SyncService } from '../../../lib/sync/service';
import { freshDb } from '../db/fixtures';
import { FakeSyncArea, MemoryStore } from './fake-sync';

const T0 = Date.UTC(2026, 7, 1);

afterEach(() => {
  vi.useRealTimers();
  fakeBrowser.reset();
});

describe('SyncService', () => {
  it("runs over WXT's fake browser storage (one sync area, no quotas, getBytesInUse not implemented)", async () => {
    // What the background passes in, over the fake browser's chrome.storage.
    const area: SyncArea = {
      get: () => fakeBrowser.storage.sync.get(null),
      set: (items) => fakeBrowser.storage.sync.set(items),
      remove: (keys) => fakeBrowser.storage.sync.remove(keys),
    };
    const changed: string[] = [];
    fakeBrowser.storage.onChanged.addListener((c, a) => {
      if (a === 'sync') changed.push(...Object.keys(c));
    });
    const { db } = freshDb();
    const topic = await putUserTopic(db, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, T0);
    const sync = new SyncService(db, area, new MemoryStore(), { now: () => T0 });
    expect(await sync.run()).toMatchObject({ state: 'on', items: 2 });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null)).sort()).toEqual(['v1s', `v1t:${topic.id}`]);
    expect(changed.sort()).toEqual(['v1s', `v1t:${topic.id}`]);
    expect(() => fakeBrowser.storage.sync.getBytesInUse(null)).toThrow(/not implemented/);
  });

  it('a write the browser refuses (quota) is an error status; local data stays, the next run tries again', async () => {
    const { db } = freshDb();
    await putUserTopic(db, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, T0);
    const area = new FakeSyncArea(() => T0);
    // An encoder allowed past Chrome's quota: the area refuses the write as Chrome would.
    const sync = new SyncService(db, area, new MemoryStore(), {
      now: () => T0,
      budget: { totalBytes: 1e9, itemBytes: 1e9, items: 1e9 },
    });
    // 60 topics of 10 long phrases: ~120 KB, over the 102,400 bytes of the quota.
    for (let i = 0; i < 60; i++) {
      const phrases = Array.from({ length: 10 }, (_, j) => `${'p'.repeat(190)} ${i} ${j}`);
      await putUserTopic(db, { name: `T${i}`, color: '#0e7490', phrases }, T0);
    }
    vi.spyOn(sync, 'schedule').mockImplementation(() => {});
    const status = await sync.run();
    expect(status).toMatchObject({ state: 'error', error: 'QUOTA_BYTES quota exceeded' });
    expect(sync.schedule).toHaveBeenCalledWith(60_000);
    expect(await listUserTopics(db)).toHaveLength(61);
    expect(area.data.size).toBe(0);
  });

  it('runs are debounced and at least 5 s apart: many changes in a minute make at most 12 runs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = T0;
    const { db } = freshDb();
    const sync = new SyncService(db, new FakeSyncArea(() => now), new MemoryStore(), { now: () => now });
    const run = vi
      .spyOn(sync as unknown as { runOnce: () => Promise<unknown> }, 'runOnce')
      .mockImplementation(async () => ({}));
    for (let ms = 0; ms < 60_000; ms += 100) {
      sync.schedule();
      now += 100;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(run.mock.calls.length).toBeGreaterThan(5);
    expect(run.mock.calls.length).toBeLessThanOrEqual(12);
  });

  it('off: no run touches the sync storage; on again: it syncs', async () => {
    const { db } = freshDb();
    await putUserTopic(db, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, T0);
    const area = new FakeSyncArea(() => T0);
    const sync = new SyncService(db, area, new MemoryStore(), { now: () => T0 });
    expect(await sync.handleSetEnabled({ enabled: false })).toMatchObject({ state: 'off' });
    expect(area.writes).toEqual([]);
    expect(await sync.handleSetEnabled({ enabled: 'yes' })).toMatchObject({
      error: expect.stringMatching(/enabled/),
    });
    expect(await sync.handleSetEnabled({ enabled: true })).toMatchObject({ state: 'on' });
    expect(area.data.size).toBe(2);
  });
});
