import * as v from 'valibot';
import type { PaperSiftDb } from '../db/schema';
import { applySynced, readSyncable } from '../db/sync-state';
import { describeIssues, type ErrorReply } from '../messaging/protocol';
import { SyncSetEnabledSchema } from '../messaging/sync';
import { type Budget, decode, encode, ownsKey, SYNC_BUDGET } from './codec';
import { changesFor, emptyState, merge, observe, type SyncState, settle, stable } from './state';

// The background's sync: one run reads this browser's state (database), what it remembers of the last run and the
// sync storage; merges them entry by entry; writes into the database what came from elsewhere; writes into the sync
// storage what changed (one set and at most one remove: two write operations). Runs are serialised; after a local
// change or an incoming one they are debounced and at least `minGapMs` apart (Chrome allows 120 writes a minute and
// 1,800 an hour: 2 s debounce, 5 s apart is at most 24 writes a minute and 1,440 an hour). Extension APIs are
// injected (the sync area, a local key/value store, timers).

/** The browser's sync storage (chrome.storage.sync), as the background passes it in. */
export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** This device's own storage (chrome.storage.local): the last synced state, on/off, the status. */
export interface LocalStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface SyncStatus {
  /** on: everything syncs; partial: some marks or topics stay on this device (over quota); error: the last run failed. */
  state: 'on' | 'partial' | 'off' | 'error';
  /** Live marks and topics kept on this device only. */
  localOnly: { marks: number; topics: number };
  /** What this browser keeps in the sync storage. */
  bytes: number;
  items: number;
  /** Entries taken from the other browsers in the last run. */
  applied: number;
  at: number;
  error?: string;
}

export const STATUS_KEY = 'sync:status';
export const ENABLED_KEY = 'sync:enabled';
const BASE_KEY = 'sync:base';

export interface SyncOptions {
  now?: () => number;
  /** Called after a run wrote other browsers' changes into the database (the model and page flags are stale). */
  onApplied?: (count: number) => void;
  budget?: Budget;
  debounceMs?: number;
  minGapMs?: number;
}

export class SyncService {
  private running: Promise<SyncStatus> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private again = false;
  private lastRun = 0;
  /** What this browser last wrote to each item (as stable JSON; null: removed), to tell its echo from news. */
  private readonly written = new Map<string, string>();
  private readonly now: () => number;

  constructor(
    private readonly db: PaperSiftDb,
    private readonly area: SyncArea,
    private readonly local: LocalStore,
    private readonly o: SyncOptions = {},
  ) {
    this.now = o.now ?? Date.now;
  }

  async enabled(): Promise<boolean> {
    return (await this.local.get(ENABLED_KEY)) !== false;
  }

  async setEnabled(on: boolean): Promise<SyncStatus> {
    await this.local.set(ENABLED_KEY, on);
    return this.run();
  }

  /** The options page's switch (`syncSetEnabled`), validated. */
  async handleSetEnabled(raw: unknown): Promise<SyncStatus | ErrorReply> {
    const req = v.safeParse(SyncSetEnabledSchema, raw);
    if (!req.success) return { error: `syncSetEnabled: ${describeIssues(req.issues)}` };
    return this.setEnabled(req.output.enabled);
  }

  /** The sync storage changed: a run soon if another browser changed any of our items (not our own writes). */
  incoming(changes: Record<string, { newValue?: unknown }>): void {
    const theirs = Object.entries(changes).some(
      ([k, c]) => ownsKey(k) && this.written.get(k) !== stable(c.newValue),
    );
    if (theirs) this.schedule(1_000);
  }

  /** A run soon: after a local change (`delayMs` default) or an incoming one. */
  schedule(delayMs = this.o.debounceMs ?? 2_000): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(delayMs, this.lastRun + (this.o.minGapMs ?? 5_000) - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run().catch(() => {});
    }, wait);
  }

  /** One run now (or the one under way); its status is also kept for the options page. */
  run(): Promise<SyncStatus> {
    if (this.running) return this.running;
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      this.lastRun = this.now();
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
    return this.running;
  }

  private async runOnce(): Promise<SyncStatus> {
    const at = this.now();
    const status = (s: Omit<SyncStatus, 'at'>) => this.report({ ...s, at });
    if (!(await this.enabled()))
      return status({ state: 'off', localOnly: { marks: 0, topics: 0 }, bytes: 0, items: 0, applied: 0 });
    let applied = 0;
    try {
      const rows = await readSyncable(this.db);
      const base = ((await this.local.get(BASE_KEY)) as SyncState | undefined) ?? emptyState();
      const raw = await this.area.get();
      const merged = merge(observe(rows, base, at), decode(raw));
      const changes = changesFor(merged, rows);
      applied = Object.values(changes).reduce((n, list) => n + list.length, 0);
      let now = rows;
      if (applied) {
        await applySynced(this.db, changes);
        now = await readSyncable(this.db);
        this.o.onApplied?.(applied);
      }
      await this.local.set(BASE_KEY, settle(merged, now));
      const enc = encode(merged, this.o.budget ?? SYNC_BUDGET);
      const set = Object.fromEntries(
        Object.entries(enc.items).filter(([k, v]) => !(k in raw) || stable(raw[k]) !== stable(v)),
      );
      const remove = Object.keys(raw).filter((k) => ownsKey(k) && !(k in enc.items));
      for (const [k, v] of Object.entries(set)) this.written.set(k, stable(v));
      for (const k of remove) this.written.set(k, 'null');
      if (Object.keys(set).length) await this.area.set(set);
      if (remove.length) await this.area.remove(remove);
      const partial = enc.dropped.marks + enc.dropped.topics > 0;
      return status({
        state: partial ? 'partial' : 'on',
        localOnly: enc.dropped,
        bytes: enc.bytes,
        items: Object.keys(enc.items).length,
        applied,
      });
    } catch (err) {
      // The quota or the write rate refused a write, or storage failed: the next change (or a minute) tries again.
      this.schedule(60_000);
      return status({
        state: 'error',
        localOnly: { marks: 0, topics: 0 },
        bytes: 0,
        items: 0,
        applied,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private async report(s: SyncStatus): Promise<SyncStatus> {
    await this.local.set(STATUS_KEY, s);
    return s;
  }
}
