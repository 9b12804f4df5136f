// How big a heavy user's synced state is (settings, topics with their phrases, marks), and what fits in the
// browser's sync storage: `npx tsx tests/bench/sync-size.bench.ts`. Figures, no pass/fail (README "Zotero and sync").
import { readSyncable } from '../../lib/db/sync-state';
import { CHROME_SYNC_QUOTA, encode, SYNC_BUDGET } from '../../lib/sync/codec';
import { emptyState, observe } from '../../lib/sync/state';
import { freshDb } from '../unit/db/fixtures';
import { heavyUser } from '../unit/sync/heavy';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const unlimited = {
  totalBytes: Number.POSITIVE_INFINITY,
  itemBytes: CHROME_SYNC_QUOTA.itemBytes - 192,
  items: 1e9,
};

for (const [topics, phrases, marks] of [
  [5, 10, 200],
  [30, 50, 0],
  [30, 50, 1000],
  [30, 50, 5000],
] as const) {
  const { db } = freshDb(`bench-${topics}-${marks}`);
  await heavyUser(db, { topics, phrases, marks });
  const state = observe(await readSyncable(db), emptyState(), Date.now());
  const all = encode(state, unlimited);
  const fit = encode(state, SYNC_BUDGET);
  console.log(
    `${topics} topics × ${phrases} phrases, ${marks} marks: whole state ${kb(all.bytes)} in ${Object.keys(all.items).length} items` +
      ` (quota ${kb(CHROME_SYNC_QUOTA.totalBytes)}, ${CHROME_SYNC_QUOTA.items} items); synced ${kb(fit.bytes)} in` +
      ` ${Object.keys(fit.items).length} items, ${marks - fit.dropped.marks} marks synced, ${fit.dropped.marks} kept on this device only`,
  );
  db.close();
}
