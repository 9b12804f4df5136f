import { expect, test } from '@playwright/test';
import { extensionWorker } from './browser';
import { optionsUrl, type Profile, profilePerTest } from './library-data';

// Sync through chrome.storage.sync in Chromium with the built extension: what the options page changes is written
// there, and what another browser writes there (here: written through the extension's service worker) shows in the
// options page. No second browser nor Google account here: Chromium's sync storage without an account is local.

const profiles = profilePerTest();

const readSync = async (p: Profile) =>
  (await extensionWorker(p.context)).evaluate(() => chrome.storage.sync.get(null)) as Promise<
    Record<string, unknown>
  >;

test('a change in the options page goes to storage.sync, and a topic written there shows in the options page', async () => {
  const p = await profiles.open();
  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  await expect(options.getByTestId('sync-status')).toHaveText('Sync: on', { timeout: 20_000 });

  // Here → storage.sync: a built-in topic switched off.
  await options.getByLabel('Reinforcement learning on').uncheck();
  await expect
    .poll(async () => ((await readSync(p)).v1s as Record<string, unknown[]> | undefined)?.['topic:rl']?.[1], {
      timeout: 20_000,
    })
    .toEqual({ enabled: false });

  // storage.sync → here: a topic another browser defined, with its phrases.
  const at = Date.now().toString(36);
  await (await extensionWorker(p.context)).evaluate((item) => chrome.storage.sync.set(item), {
    'v1t:topic-from-b': [at, 'Robotics from B', 'Robo', '#0e7490', 1, at, ['robot arm', 'grasping']],
  });
  const row = options.locator('[data-topic-row="topic-from-b"]');
  await expect(row).toContainText('Robotics from B', { timeout: 20_000 });
  await expect(options.getByTestId('sync-status')).toHaveText('Sync: on');
  // It is now this browser's topic: stored with its phrases (read in the extension's database).
  const stored = await options.evaluate(
    () =>
      new Promise((resolve) => {
        const r = indexedDB.open('papersift');
        r.onsuccess = () => {
          const g = r.result.transaction('topics').objectStore('topics').get('topic-from-b');
          g.onsuccess = () => resolve(g.result);
        };
      }),
  );
  expect(stored).toMatchObject({
    name: 'Robotics from B',
    phrases: ['robot arm', 'grasping'],
    enabled: true,
  });
});
