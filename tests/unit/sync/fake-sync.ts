import { CHROME_SYNC_QUOTA, itemBytes } from '../../../lib/sync/codec';
import type { LocalStore, SyncArea } from '../../../lib/sync/service';

// Two browsers of one user: each has its own sync area, with Chrome's quotas (chrome.storage.sync: 102,400 bytes,
// 8,192 per item with its key, 512 items, 120 writes a minute, 1,800 an hour; the errors carry Chrome's names), and
// the "cloud" carries each write to the other browser when flushed (later writes of one item replace earlier ones,
// as sync does), firing its onChanged listeners. WXT's fake browser has one sync area, no quotas, and throws on
// getBytesInUse, so it cannot stand for two browsers.

type Change = { set: Record<string, unknown> } | { remove: string[] };

export class FakeSyncArea implements SyncArea {
  readonly data = new Map<string, string>();
  /** Times of write operations (set, remove), for the rate limits. */
  readonly writes: number[] = [];
  /** storage.onChanged for this area: fired by this browser's own writes too, as in Chrome. */
  readonly listeners: ((changes: Record<string, { newValue?: unknown }>) => void)[] = [];
  peers: FakeSyncArea[] = [];
  readonly outbox: Change[] = [];

  constructor(private readonly clock: () => number) {}

  async get(): Promise<Record<string, unknown>> {
    return Object.fromEntries([...this.data].map(([k, v]) => [k, JSON.parse(v)]));
  }

  private rate(): void {
    const now = this.clock();
    if (this.writes.filter((t) => t > now - 60_000).length >= 120)
      throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    if (this.writes.filter((t) => t > now - 3_600_000).length >= 1_800)
      throw new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded');
    this.writes.push(now);
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.rate();
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(items)) {
      if (itemBytes(k, v) > CHROME_SYNC_QUOTA.itemBytes)
        throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(k, JSON.stringify(v));
    }
    if (next.size > CHROME_SYNC_QUOTA.items) throw new Error('MAX_ITEMS quota exceeded');
    const total = [...next].reduce((n, [k, v]) => n + itemBytes(k, JSON.parse(v)), 0);
    if (total > CHROME_SYNC_QUOTA.totalBytes) throw new Error('QUOTA_BYTES quota exceeded');
    for (const [k, v] of next) this.data.set(k, v);
    this.outbox.push({ set: JSON.parse(JSON.stringify(items)) });
    this.fire({ set: items });
  }

  async remove(keys: string[]): Promise<void> {
    this.rate();
    for (const k of keys) this.data.delete(k);
    this.outbox.push({ remove: [...keys] });
    this.fire({ remove: keys });
  }

  bytes(): number {
    return [...this.data].reduce((n, [k, v]) => n + itemBytes(k, JSON.parse(v)), 0);
  }

  receive(c: Change): void {
    if ('set' in c) for (const [k, v] of Object.entries(c.set)) this.data.set(k, JSON.stringify(v));
    else for (const k of c.remove) this.data.delete(k);
    this.fire(c);
  }

  private fire(c: Change): void {
    const changes =
      'set' in c
        ? Object.fromEntries(
            Object.entries(c.set).map(([k, v]) => [k, { newValue: JSON.parse(JSON.stringify(v)) }]),
          )
        : Object.fromEntries(c.remove.map((k) => [k, {}]));
    for (const l of this.listeners) l(changes);
  }
}

/** Two linked sync areas and `flush()`, which delivers every write made so far to the other browser. */
export function twoBrowsers(clock: () => number): { a: FakeSyncArea; b: FakeSyncArea; flush: () => void } {
  const a = new FakeSyncArea(clock);
  const b = new FakeSyncArea(clock);
  a.peers = [b];
  b.peers = [a];
  return {
    a,
    b,
    flush() {
      while (a.outbox.length || b.outbox.length)
        for (const from of [a, b])
          for (const c of from.outbox.splice(0)) for (const p of from.peers) p.receive(c);
    },
  };
}

export class MemoryStore implements LocalStore {
  readonly data = new Map<string, string>();
  async get(key: string): Promise<unknown> {
    const v = this.data.get(key);
    return v === undefined ? undefined : JSON.parse(v);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.stringify(value));
  }
}
