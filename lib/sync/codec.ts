import { LIMITS } from '../shapes';
import { BUILTIN_TOPICS } from '../topics';
import {
  type Entry,
  emptyState,
  type MarkValue,
  markKey,
  type SyncState,
  splitMarkKey,
  type TopicValue,
} from './state';

// The synced state as items of the browser's sync storage, within its quotas (Chrome: 102,400 bytes in all, 8,192
// per item counting its key and its JSON, 512 items; Firefox the same). Compact: dates in base 36, arXiv ids without
// their prefix, a mark's link only when its id does not give it. Items:
//   v1s          settings         { "<key>": [at, value] | [at] }
//   v1t:<id>     a user topic     [at, name, short, color, on, createdAt, phrases, parts?] | [at]
//   v1t:<id>:<k> more phrases of a topic too big for one item: [at, phrases]
//   v1m:<n>      marks, sharded by a hash of topic and paper: { "<topic>": { "<paper>": [at, 1|0, title?, url?] | [at] } }
//                (a user topic named by a hash of its id; its marks are read once its topic item has arrived)
// Each item is whole in itself (an item that arrives before another gives older entries, never a broken state).
// Over quota, what fits goes by priority: settings, topics (newest first), then the newest marks. Pure.

export const CHROME_SYNC_QUOTA = { totalBytes: 102_400, itemBytes: 8_192, items: 512 } as const;

/** What the encoder fills, below the quotas (a margin for rounding and for keys of other versions). */
export interface Budget {
  totalBytes: number;
  itemBytes: number;
  items: number;
}

export const SYNC_BUDGET: Budget = { totalBytes: 100_000, itemBytes: 8_000, items: 500 };

export const SYNC_PREFIX = 'v1';
const SETTINGS_KEY = `${SYNC_PREFIX}s`;
const TOPIC = `${SYNC_PREFIX}t:`;
const MARKS = `${SYNC_PREFIX}m:`;
/** A mark's title is cut to this many characters (enough for the model and for the options page). */
const TITLE_CHARS = 200;
/**
 * The newest marks carry their paper's title and link, so that a browser that has not seen the paper records it and
 * learns from its title; older marks go without (a third of the bytes: three times as many fit) and take effect
 * where the paper is known, or once it is seen there.
 */
export const MARK_TITLES = 200;

const encoder = new TextEncoder();
/** Bytes of an item as the quota counts them: its key and its value as JSON (UTF-8). */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

export function ownsKey(key: string): boolean {
  return key === SETTINGS_KEY || key.startsWith(TOPIC) || key.startsWith(MARKS);
}

const t36 = (at: number) => at.toString(36);

function paperKey(paperId: string): string {
  return paperId.startsWith('arxiv:') ? paperId.slice(6) : paperId;
}

/** The link a paper id gives (arXiv, DOI), or undefined. */
export function idUrl(paperId: string): string | undefined {
  if (paperId.startsWith('arxiv:')) return `https://arxiv.org/abs/${paperId.slice(6)}`;
  if (paperId.startsWith('doi:')) return `https://doi.org/${paperId.slice(4)}`;
  return undefined;
}

function topicItems(id: string, e: Entry<TopicValue>, b: Budget): [string, unknown][] {
  const key = TOPIC + id;
  if (!e.v) return [[key, [t36(e.at)]]];
  const t = e.v;
  const fields = [t36(e.at), t.name, t.short, t.color, t.enabled ? 1 : 0, t36(t.createdAt)];
  if (itemBytes(key, [...fields, t.phrases]) <= b.itemBytes) return [[key, [...fields, t.phrases]]];
  const parts: string[][] = [[]];
  for (const p of t.phrases) {
    const cur = parts[parts.length - 1] as string[];
    if (cur.length && itemBytes(`${key}:${parts.length}`, [fields[0], [...cur, p]]) > b.itemBytes - 200)
      parts.push([p]);
    else cur.push(p);
  }
  return [
    [key, [...fields, parts[0], parts.length]],
    ...parts.slice(1).map((ph, i): [string, unknown] => [`${key}:${i + 1}`, [fields[0], ph]]),
  ];
}

function markValue(paperId: string, e: Entry<MarkValue>): unknown[] {
  if (!e.v) return [t36(e.at)];
  if (!e.v.title) return [t36(e.at), e.v.relevant ? 1 : 0];
  const title = e.v.title.slice(0, TITLE_CHARS);
  const url = idUrl(paperId) === e.v.url ? [] : [e.v.url];
  return [t36(e.at), e.v.relevant ? 1 : 0, title, ...url];
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const BUILTIN = new Set(BUILTIN_TOPICS.map((t) => t.id));

/** A topic's name in the marks' items: a built-in id as it is, a user topic's id (42 characters) hashed. */
function alias(topicId: string): string {
  return BUILTIN.has(topicId) ? topicId : `~${hash(topicId).toString(36)}`;
}

/** Marks in `shards` items, or undefined when one of them would be too big. */
function markShards(
  marks: [string, Entry<MarkValue>][],
  shards: number,
  b: Budget,
): [string, unknown][] | undefined {
  const out: Record<string, Record<string, unknown[]>>[] = Array.from({ length: shards }, () => ({}));
  for (const [k, e] of [...marks].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const { topicId, paperId } = splitMarkKey(k);
    const shard = out[hash(k) % shards] as Record<string, Record<string, unknown[]>>;
    const t = alias(topicId);
    shard[t] ??= {};
    (shard[t] as Record<string, unknown[]>)[paperKey(paperId)] = markValue(paperId, e);
  }
  const items = out.map((v, i): [string, unknown] => [MARKS + i, v]);
  return items.every(([k, v]) => itemBytes(k, v) <= b.itemBytes) ? items : undefined;
}

function markItems(marks: [string, Entry<MarkValue>][], b: Budget): [string, unknown][] | undefined {
  if (!marks.length) return [];
  const bytes = marks.reduce(
    (n, [k, e]) => n + k.length + JSON.stringify(markValue(splitMarkKey(k).paperId, e)).length + 4,
    0,
  );
  const first = Math.max(1, Math.ceil(bytes / (b.itemBytes * 0.85)));
  for (let n = first; n < first + 30 && n <= b.items; n++) {
    const items = markShards(marks, n, b);
    if (items) return items;
  }
  return undefined;
}

export interface Encoded {
  items: Record<string, unknown>;
  bytes: number;
  /** Live topics and marks left out for lack of room (they stay on this device). */
  dropped: { topics: number; marks: number };
}

const total = (items: [string, unknown][]) => items.reduce((n, [k, v]) => n + itemBytes(k, v), 0);
const fits = (items: [string, unknown][], b: Budget) =>
  items.length <= b.items && total(items) <= b.totalBytes;
const newestFirst = <T>(a: [string, Entry<T>], z: [string, Entry<T>]) =>
  z[1].at - a[1].at || (a[0] < z[0] ? -1 : 1);

export function encode(state: SyncState, b: Budget = SYNC_BUDGET): Encoded {
  const settings: Record<string, unknown[]> = {};
  for (const k of Object.keys(state.settings).sort()) {
    const e = state.settings[k] as Entry<unknown>;
    settings[k] = e.v === undefined ? [t36(e.at)] : [t36(e.at), e.v];
  }
  const items: [string, unknown][] = [[SETTINGS_KEY, settings]];
  const kept = new Set(BUILTIN);
  let droppedTopics = 0;
  for (const [id, e] of Object.entries(state.topics).sort(newestFirst)) {
    const more = topicItems(id, e, b);
    if (fits([...items, ...more], b)) {
      items.push(...more);
      if (e.v) kept.add(id);
    } else if (e.v) droppedTopics++;
  }
  const marks = Object.entries(state.marks)
    .filter(([k]) => kept.has(splitMarkKey(k).topicId))
    .sort(newestFirst)
    .map(([k, e], i): [string, Entry<MarkValue>] =>
      i < MARK_TITLES || !e.v ? [k, e] : [k, { at: e.at, v: { ...e.v, title: '', url: '' } }],
    );
  // The most marks (newest first) that fit: binary search on their number.
  let lo = 0;
  let hi = marks.length;
  let best: [string, unknown][] = [];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = markItems(marks.slice(0, mid), b);
    if (m && fits([...items, ...m], b)) {
      best = m;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const all = [...items, ...best];
  const liveMarks = Object.values(state.marks).filter((e) => e.v !== undefined).length;
  const keptMarks = marks.slice(0, hi).filter(([, e]) => e.v !== undefined).length;
  return {
    items: Object.fromEntries(all),
    bytes: total(all),
    dropped: { topics: droppedTopics, marks: liveMarks - keptMarks },
  };
}

// --- decoding: whatever is malformed is skipped, entry by entry ---------------------------------------------------

const HEX = /^#[0-9a-f]{6}$/i;
const str = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const at = (x: unknown): number | undefined => {
  const n = typeof x === 'string' && /^[0-9a-z]{1,11}$/.test(x) ? Number.parseInt(x, 36) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

function settingValue(key: string, v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if (key.startsWith('site:')) return typeof o.enabled === 'boolean' && Object.keys(o).length === 1;
  if (!key.startsWith('topic:')) return false;
  return (
    Object.keys(o).every((k) => k === 'enabled' || k === 'color') &&
    (o.enabled === undefined || typeof o.enabled === 'boolean') &&
    (o.color === undefined || (typeof o.color === 'string' && HEX.test(o.color)))
  );
}

const phraseList = (x: unknown): x is string[] => Array.isArray(x) && x.every((p) => str(p, 200));

function decodeTopic(id: string, head: unknown, parts: Map<string, unknown>): Entry<TopicValue> | undefined {
  if (!Array.isArray(head) || !id || id.length > 200) return undefined;
  const when = at(head[0]);
  if (!when) return undefined;
  if (head.length === 1) return { at: when };
  const [, name, short, color, on, created, phrases, count] = head;
  if (!str(name, 100) || !name.trim() || !str(short, 12) || !str(color, 7) || !HEX.test(color))
    return undefined;
  if ((on !== 0 && on !== 1) || !at(created) || !phraseList(phrases)) return undefined;
  const all = [...phrases];
  const n = count === undefined ? 1 : Number(count);
  if (!Number.isInteger(n) || n < 1 || n > 50) return undefined;
  for (let i = 1; i < n; i++) {
    const part = parts.get(`${TOPIC}${id}:${i}`);
    // A part of another version of the topic: not all of it has arrived yet.
    if (!Array.isArray(part) || part[0] !== head[0] || !phraseList(part[1])) return undefined;
    all.push(...part[1]);
  }
  if (all.length > LIMITS.phrases) return undefined;
  return {
    at: when,
    v: {
      name,
      short,
      color: color.toLowerCase(),
      phrases: all,
      enabled: on === 1,
      createdAt: at(created) as number,
    },
  };
}

function decodeMark(topicId: string, key: string, x: unknown): [string, Entry<MarkValue>] | undefined {
  if (!Array.isArray(x) || !topicId || topicId.length > 200 || !key || key.length > 200) return undefined;
  const paperId = key.includes(':') ? key : `arxiv:${key}`;
  if (!/^[a-z][a-z0-9]*:\S+$/.test(paperId)) return undefined;
  const when = at(x[0]);
  if (!when) return undefined;
  const k = markKey(topicId, paperId);
  if (x.length === 1) return [k, { at: when }];
  const [, r, title = '', link] = x;
  const url = link ?? (title ? idUrl(paperId) : '') ?? '';
  if ((r !== 0 && r !== 1) || !str(title, TITLE_CHARS) || !str(url, 2048)) return undefined;
  return [k, { at: when, v: { relevant: r === 1, title, url } }];
}

/** The state the items hold (items of other versions or not ours are ignored). */
export function decode(items: Record<string, unknown>): SyncState {
  const out = emptyState();
  const settings = items[SETTINGS_KEY];
  if (settings && typeof settings === 'object' && !Array.isArray(settings))
    for (const [k, x] of Object.entries(settings as Record<string, unknown>)) {
      const when = Array.isArray(x) ? at(x[0]) : undefined;
      if (!when || !Array.isArray(x)) continue;
      if (x.length === 1 && /^(topic|site):/.test(k)) out.settings[k] = { at: when };
      else if (x.length === 2 && settingValue(k, x[1])) out.settings[k] = { at: when, v: x[1] };
    }
  const parts = new Map(Object.entries(items).filter(([k]) => k.startsWith(TOPIC)));
  for (const [k, x] of parts) {
    const id = k.slice(TOPIC.length);
    if (id.includes(':')) continue;
    const e = decodeTopic(id, x, parts);
    if (e) out.topics[id] = e;
  }
  const topicOf = new Map([...BUILTIN, ...Object.keys(out.topics)].map((id) => [alias(id), id]));
  for (const [k, shard] of Object.entries(items)) {
    if (!k.startsWith(MARKS) || !shard || typeof shard !== 'object' || Array.isArray(shard)) continue;
    for (const [a, byPaper] of Object.entries(shard as Record<string, unknown>)) {
      const topicId = topicOf.get(a);
      if (!topicId || !byPaper || typeof byPaper !== 'object' || Array.isArray(byPaper)) continue;
      for (const [p, x] of Object.entries(byPaper as Record<string, unknown>)) {
        const m = decodeMark(topicId, p, x);
        const prev = m && out.marks[m[0]];
        if (m && (!prev || prev.at < m[1].at)) out.marks[m[0]] = m[1];
      }
    }
  }
  return out;
}
