import { BUILTIN_TOPICS } from '../topics';
import { bound } from './bound';
import type { MarkRecord, PaperRecord, PaperSiftDb, UserTopicRecord } from './schema';
import { putSetting } from './settings';
import { deleteUserTopicIn } from './topics';

// What syncs across the user's browsers (lib/sync): built-in topic and site settings, the user's topics, the marks.
// Read and written here, each in one transaction; the library itself stays local.

/** Settings that sync: a built-in topic's on/off and colour (`topic:<id>`), a site's on/off (`site:<site>`). */
export const SYNCED_SETTING = /^(topic|site):/;

/** The tables read and written here, each time in one transaction. */
const SYNC_TABLES = ['settings', 'topics', 'marks', 'papers'] as const;

export interface SyncableMark extends MarkRecord {
  /** The marked paper's title and link (another browser may not know the paper). */
  title: string;
  url: string;
}

export interface SyncableRows {
  settings: Record<string, unknown>;
  topics: UserTopicRecord[];
  marks: SyncableMark[];
}

export async function readSyncable(db: PaperSiftDb): Promise<SyncableRows> {
  return db.transaction('r', [...SYNC_TABLES], async (tx) => {
    const t = bound(tx, SYNC_TABLES);
    const settings: Record<string, unknown> = {};
    for (const s of await t.settings.toArray()) if (SYNCED_SETTING.test(s.key)) settings[s.key] = s.value;
    const marks = await t.marks.toArray();
    const papers = await t.papers.bulkGet([...new Set(marks.map((m) => m.paperId))]);
    const byId = new Map(papers.filter((p) => p !== undefined).map((p) => [p.id, p]));
    return {
      settings,
      topics: await t.topics.toArray(),
      marks: marks.map((m) => ({
        ...m,
        title: byId.get(m.paperId)?.title ?? '',
        url: byId.get(m.paperId)?.url ?? '',
      })),
    };
  });
}

/** A topic as another browser defined it: its fields replace ours, our example papers stay. */
export type SyncedTopic = Omit<UserTopicRecord, 'examples'>;

export interface SyncChanges {
  settings: { key: string; value: unknown }[];
  /** Settings deleted (back to the default). */
  settingsRemoved: string[];
  topics: SyncedTopic[];
  topicsRemoved: string[];
  marks: SyncableMark[];
  marksRemoved: { topicId: string; paperId: string }[];
}

type Owner = { id: string; createdAt: number; rec?: UserTopicRecord };
const older = (x: Owner, y: Owner) =>
  x.createdAt < y.createdAt || (x.createdAt === y.createdAt && x.id < y.id);

/**
 * Topic names stay unique (putUserTopic refuses a clash): a topic created on two browsers under one name stays two
 * topics, and the younger one (created later; on a tie, the larger id) is renamed "Name (2)", a moment newer,
 * the same way in every browser, so that the renaming syncs without conflict.
 */
async function putTopicsUniquely(
  tables: Pick<PaperSiftDb, 'topics'>,
  incoming: SyncedTopic[],
  existing: Map<number, UserTopicRecord | undefined>,
): Promise<void> {
  const owners = new Map<string, Owner>();
  for (const t of await tables.topics.toArray())
    owners.set(t.name.toLowerCase(), { id: t.id, createdAt: t.createdAt, rec: t });
  for (const t of BUILTIN_TOPICS)
    owners.set(t.name.toLowerCase(), { id: t.id, createdAt: Number.NEGATIVE_INFINITY });
  const freeName = (name: string, id: string) => {
    let out = name;
    for (let n = 2; (owners.get(out.toLowerCase())?.id ?? id) !== id; n++) out = `${name} (${n})`;
    return out;
  };
  const put = async (t: UserTopicRecord) => {
    for (const [k, o] of owners) if (o.id === t.id) owners.delete(k);
    owners.set(t.name.toLowerCase(), { id: t.id, createdAt: t.createdAt, rec: t });
    await tables.topics.put(t);
  };
  for (const [i, t] of incoming.entries()) {
    const rec = { ...t, examples: existing.get(i)?.examples ?? [] };
    const o = owners.get(t.name.toLowerCase());
    if (!o || o.id === t.id) await put(rec);
    else if (older(o, rec) || !o.rec)
      await put({ ...rec, name: freeName(t.name, t.id), updatedAt: t.updatedAt + 1 });
    else {
      await put(rec);
      await put({ ...o.rec, name: freeName(o.rec.name, o.id), updatedAt: o.rec.updatedAt + 1 });
    }
  }
}

/**
 * Writes what came from another browser, in one transaction. A mark on a paper this browser has never seen brings a
 * minimal record of it (title and link, no site: like a paper only imported), so that the model learns from its
 * title and backups stay whole. Deleting a topic deletes its marks.
 */
export async function applySynced(db: PaperSiftDb, c: SyncChanges): Promise<void> {
  await db.transaction('rw', [...SYNC_TABLES], async (tx) => {
    const t = bound(tx, SYNC_TABLES);
    for (const s of c.settings) await putSetting(t, s.key, s.value);
    for (const key of c.settingsRemoved) await putSetting(t, key, undefined);
    const existing = new Map((await t.topics.bulkGet(c.topics.map((x) => x.id))).map((x, i) => [i, x]));
    await putTopicsUniquely(t, c.topics, existing);
    for (const id of c.topicsRemoved) await deleteUserTopicIn(t, id);
    const known = await t.papers.bulkGet(c.marks.map((m) => m.paperId));
    // A paper it does not know needs a title and an http(s) link to be recorded; its mark waits otherwise.
    const marks = c.marks.filter((m, i) => known[i] || (m.title.trim() && /^https?:\/\//i.test(m.url)));
    const taken = new Set(marks);
    const stubs = new Map<string, PaperRecord>();
    c.marks.forEach((m, i) => {
      if (known[i] || stubs.has(m.paperId) || !taken.has(m)) return;
      stubs.set(m.paperId, {
        id: m.paperId,
        title: m.title,
        authors: [],
        url: m.url,
        categories: [],
        sites: [],
        firstSeen: m.at,
        lastSeen: m.at,
        topics: [],
        scores: {},
        evidence: {},
      });
    });
    await t.papers.bulkAdd([...stubs.values()]);
    await t.marks.bulkPut(
      marks.map(({ topicId, paperId, relevant, at }) => ({ topicId, paperId, relevant, at })),
    );
    await t.marks.bulkDelete(c.marksRemoved.map((m) => [m.topicId, m.paperId] as [string, string]));
  });
}
