import type { SyncableRows, SyncChanges } from '../db/sync-state';
import { BUILTIN_TOPICS } from '../topics';

// The synced state as entries with their own timestamps: a setting, a user topic, a mark each. Merging two states
// keeps, per entry, the one written last (last writer wins); a deletion is an entry without a value (a tombstone),
// so that it wins over older values elsewhere. Absence means nothing: an entry left out of the browser's sync
// storage for lack of room deletes nothing. Pure.

export interface Entry<T> {
  /** When it was written (ms since epoch, the writer's clock). */
  at: number;
  /** Absent: deleted. */
  v?: T;
}

export interface TopicValue {
  name: string;
  short: string;
  color: string;
  phrases: string[];
  enabled: boolean;
  createdAt: number;
}

export interface MarkValue {
  relevant: boolean;
  /** The paper's title and link, for a browser that does not know the paper (not compared: not the mark). */
  title: string;
  url: string;
}

export interface SyncState {
  /** `topic:<builtin id>`, `site:<site>` → the setting's value. */
  settings: Record<string, Entry<unknown>>;
  /** User topic id → the topic. */
  topics: Record<string, Entry<TopicValue>>;
  /** `<topic id> <paper id>` → the mark. */
  marks: Record<string, Entry<MarkValue>>;
}

export const emptyState = (): SyncState => ({ settings: {}, topics: {}, marks: {} });

export const markKey = (topicId: string, paperId: string) => `${topicId} ${paperId}`;

export function splitMarkKey(key: string): { topicId: string; paperId: string } {
  const i = key.indexOf(' ');
  return { topicId: key.slice(0, i), paperId: key.slice(i + 1) };
}

/** JSON with object keys sorted: equal values give equal strings. */
export function stable(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .sort()
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

type Section = keyof SyncState;

/** What counts as a change of an entry (a mark's title is carried, not compared). */
const SAME: { [S in Section]: (a: NonNullable<SyncState[S][string]['v']>, b: typeof a) => boolean } = {
  settings: (a, b) => stable(a) === stable(b),
  topics: (a, b) =>
    stable([a.name, a.short, a.color, a.phrases, a.enabled]) ===
    stable([b.name, b.short, b.color, b.phrases, b.enabled]),
  marks: (a, b) => a.relevant === b.relevant,
};

function same<S extends Section>(s: S, a: SyncState[S][string]['v'], b: SyncState[S][string]['v']): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (SAME[s] as (x: unknown, y: unknown) => boolean)(a, b);
}

/** The database's rows as values with their own dates where the rows have one (topics, marks). */
export function localValues(rows: SyncableRows): {
  settings: Record<string, { v: unknown; at?: number }>;
  topics: Record<string, { v: TopicValue; at?: number }>;
  marks: Record<string, { v: MarkValue; at?: number }>;
} {
  return {
    settings: Object.fromEntries(Object.entries(rows.settings).map(([k, v]) => [k, { v }])),
    topics: Object.fromEntries(
      rows.topics.map((t) => [
        t.id,
        {
          v: {
            name: t.name,
            short: t.short,
            color: t.color,
            phrases: t.phrases,
            enabled: t.enabled,
            createdAt: t.createdAt,
          },
          at: t.updatedAt,
        },
      ]),
    ),
    marks: Object.fromEntries(
      rows.marks.map((m) => [
        markKey(m.topicId, m.paperId),
        { v: { relevant: m.relevant, title: m.title, url: m.url }, at: m.at },
      ]),
    ),
  };
}

/**
 * This browser's state as entries: what is unchanged since the last sync keeps its entry; what changed gets the
 * row's own date (or now), always later than the entry it replaces; what disappeared becomes a tombstone now.
 */
export function observe(rows: SyncableRows, base: SyncState, now: number): SyncState {
  const local = localValues(rows);
  const out = emptyState();
  for (const s of ['settings', 'topics', 'marks'] as const) {
    const o = out[s] as Record<string, Entry<unknown>>;
    const b = base[s] as Record<string, Entry<unknown>>;
    for (const [k, { v, at }] of Object.entries(local[s] as Record<string, { v: unknown; at?: number }>)) {
      const prev = b[k];
      if (prev && prev.v !== undefined && same(s, prev.v as never, v as never)) o[k] = { at: prev.at, v };
      else o[k] = { at: Math.max(at ?? now, (prev?.at ?? 0) + 1), v };
    }
    for (const [k, prev] of Object.entries(b))
      if (!(k in o)) o[k] = prev.v === undefined ? prev : { at: Math.max(now, prev.at + 1) };
  }
  return out;
}

/** The later of two entries; on a tie, the same one in every browser (compared as text). */
function later<T>(a: Entry<T> | undefined, b: Entry<T> | undefined): Entry<T> | undefined {
  if (!a || !b) return a ?? b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return stable(a) >= stable(b) ? a : b;
}

/** Merges two states entry by entry; marks of a topic deleted after them are dropped with it. */
export function merge(a: SyncState, b: SyncState): SyncState {
  const out = emptyState();
  for (const s of ['settings', 'topics', 'marks'] as const) {
    const o = out[s] as Record<string, Entry<unknown>>;
    const x = a[s] as Record<string, Entry<unknown>>;
    const y = b[s] as Record<string, Entry<unknown>>;
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)]))
      o[k] = later(x[k], y[k]) as Entry<unknown>;
  }
  for (const [k, m] of Object.entries(out.marks)) {
    const topic = out.topics[splitMarkKey(k).topicId];
    if (topic && topic.v === undefined && topic.at >= m.at) delete out.marks[k];
  }
  return out;
}

const BUILTIN = new Set(BUILTIN_TOPICS.map((t) => t.id));

/** What the database must change to hold the merged state (marks of topics it does not have are left out). */
export function changesFor(merged: SyncState, rows: SyncableRows): SyncChanges {
  const local = localValues(rows);
  const c: SyncChanges = {
    settings: [],
    settingsRemoved: [],
    topics: [],
    topicsRemoved: [],
    marks: [],
    marksRemoved: [],
  };
  for (const [key, e] of Object.entries(merged.settings)) {
    if (e.v === undefined) {
      if (key in local.settings) c.settingsRemoved.push(key);
    } else if (!local.settings[key] || !same('settings', local.settings[key].v, e.v))
      c.settings.push({ key, value: e.v });
  }
  for (const [id, e] of Object.entries(merged.topics)) {
    if (e.v === undefined) {
      if (local.topics[id]) c.topicsRemoved.push(id);
    } else if (!local.topics[id] || !same('topics', local.topics[id].v, e.v))
      c.topics.push({ id, ...e.v, updatedAt: e.at });
  }
  const topicLives = (id: string) =>
    BUILTIN.has(id) || merged.topics[id]?.v !== undefined || !!local.topics[id];
  for (const [key, e] of Object.entries(merged.marks)) {
    const { topicId, paperId } = splitMarkKey(key);
    if (e.v === undefined) {
      if (local.marks[key]) c.marksRemoved.push({ topicId, paperId });
    } else if ((!local.marks[key] || !same('marks', local.marks[key].v, e.v)) && topicLives(topicId))
      c.marks.push({ topicId, paperId, relevant: e.v.relevant, at: e.at, title: e.v.title, url: e.v.url });
  }
  return c;
}

/**
 * The state to remember as "last synced": the merged entries that the database now holds (a live value it has, a
 * deletion of what it lacks). An entry it could not take is left out, so that it is not later taken for a deletion.
 */
export function settle(merged: SyncState, rows: SyncableRows): SyncState {
  const local = localValues(rows);
  const out = emptyState();
  for (const s of ['settings', 'topics', 'marks'] as const) {
    const o = out[s] as Record<string, Entry<unknown>>;
    const l = local[s] as Record<string, { v: unknown }>;
    for (const [k, e] of Object.entries(merged[s] as Record<string, Entry<unknown>>)) {
      if (e.v === undefined ? !l[k] : l[k] && same(s, l[k].v as never, e.v as never)) o[k] = e;
    }
  }
  return out;
}
