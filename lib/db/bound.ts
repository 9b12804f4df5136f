import type { Transaction } from 'dexie';
import type { TABLES } from '../shapes';
import type { PaperSiftDb } from './schema';

export type TableKey = (typeof TABLES)[number];

/**
 * The tables named, bound to a transaction. Dexie follows a transaction across native `await`s by a zone that it can
 * lose when two transactions interleave (a page's read beside a write): the operations after the loss then ran each
 * in a transaction of its own, and the write's transaction ended early (PrematureCommitError). Operations through
 * these tables stay in `tx`, or fail.
 */
export function bound<K extends TableKey>(tx: Transaction, names: readonly K[]): Pick<PaperSiftDb, K> {
  return Object.fromEntries(names.map((n) => [n, tx.table(n)])) as unknown as Pick<PaperSiftDb, K>;
}
