import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  type BackupTables,
  type ImportData,
  TABLES,
} from '../shapes';
import { bound } from './bound';
import { arxivOnly, mixedLibrary, recordsHolding, storePapers } from './identity';
import { LibraryError } from './lists';
import { mergePaper, mergeUser } from './merge';
import {
  CURRENT_VERSION,
  DEFAULT_LIST_ID,
  DEFAULT_LIST_NAME,
  type ListRecord,
  type PaperSiftDb,
  type UserTopicRecord,
  type VisitRecord,
} from './schema';
import { KEEP_VISITS } from './visits';

// The whole database as data (the JSON backup), the merge of imported data into it, and deleting everything. The
// shapes of a backup and of imported data are lib/shapes.ts.

/** Every table, read in one transaction (a consistent snapshot), rows in primary-key order. */
export async function exportBackup(db: PaperSiftDb, now: number): Promise<Backup> {
  return db.transaction('r', [...TABLES], async (tx) => {
    const [papers, lists, memberships, userData, topics, marks, settings, visits] = await Promise.all(
      TABLES.map((name) => tx.table(name).toArray()),
    );
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      schemaVersion: CURRENT_VERSION,
      exportedAt: new Date(now).toISOString(),
      tables: { papers, lists, memberships, userData, topics, marks, settings, visits } as BackupTables,
    };
  });
}

export interface ImportSummary {
  papersAdded: number;
  papersMerged: number;
  listsAdded: number;
  membershipsAdded: number;
}

export type Progress = (done: number, total: number) => void;

const CHUNK = 500;

/** The local list or topic a record of the file is: the one with its id, else the one with its name (any case). */
function localMatch<T extends { id: string; name: string }>(
  local: readonly T[],
  r: { id: string; name: string },
): T | undefined {
  return local.find((x) => x.id === r.id) ?? local.find((x) => x.name.toLowerCase() === r.name.toLowerCase());
}

async function putChunked<T>(
  rows: readonly T[],
  put: (chunk: T[]) => Promise<unknown>,
  tick: (n: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await put(chunk);
    tick(chunk.length);
  }
}

/**
 * Merges imported data into the database in ONE transaction: on any failure (a reference to an unknown paper, the
 * storage quota) nothing is written. Rules: papers merge (richer data wins, sites accumulate, earliest first seen);
 * lists match by id, then by name, and the file's name and order win (it is a restore); memberships are added (a
 * paper already in a list keeps the earlier saved date); user data merges (newer status/notes win, tags union);
 * topics by id (newer wins); marks (newer wins); settings from the file replace the same keys; visits are added
 * (kept as they are into an empty table, so a backup restored into a new profile is identical).
 */
export async function mergeImport(
  db: PaperSiftDb,
  data: ImportData,
  onProgress?: Progress,
): Promise<ImportSummary> {
  const papers = data.papers ?? [];
  const total =
    papers.length +
    (data.memberships?.length ?? 0) +
    (data.userData?.length ?? 0) +
    (data.marks?.length ?? 0) +
    (data.lists?.length ?? 0) +
    (data.topics?.length ?? 0) +
    (data.settings?.length ?? 0) +
    (data.visits?.length ?? 0);
  let done = 0;
  const tick = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };
  onProgress?.(0, total);
  return db.transaction('rw', [...TABLES], async (tx) => {
    const t = bound(tx, TABLES);
    const summary: ImportSummary = { papersAdded: 0, papersMerged: 0, listsAdded: 0, membershipsAdded: 0 };

    // Papers: each merged with the stored record that shares one of its ids (lib/db/identity.ts; not by title: a
    // file's rows are papers the user kept apart), under the best of their ids. The file's rows follow their paper.
    const storedAs = new Map<string, string>();
    let joined = 0;
    // Asked once: the file's own rows make the library mixed only if they are.
    const mixed =
      (await mixedLibrary(t)) || papers.some((p) => p.altIds?.length || !arxivOnly({ ids: [p.id] }));
    for (let i = 0; i < papers.length; i += CHUNK) {
      const chunk = papers.slice(i, i + CHUNK);
      const stored = await storePapers(t, chunk, mergePaper, { byTitle: false, mixed });
      joined += stored.merged;
      chunk.forEach((p, j) => {
        storedAs.set(p.id, stored.ids[j] as string);
        if (stored.known[j]) summary.papersMerged++;
        else summary.papersAdded++;
      });
      tick(chunk.length);
    }
    // A later paper of the file may have joined two records under a better id (never in a restore: not read then).
    const now = joined ? await recordsHolding(t, [...new Set(storedAs.values())]) : new Map<string, string>();
    const paperOf = (id: string) => {
      const at = storedAs.get(id);
      return at === undefined ? id : (now.get(at) ?? at);
    };
    const known = async (ids: readonly string[]) => {
      const ask = [...new Set(ids.filter((id) => !storedAs.has(id)))];
      const found = await t.papers.bulkGet(ask);
      const missing = ask.find((_, i) => !found[i]);
      if (missing)
        throw new LibraryError(`The file refers to paper ${missing}, which is neither in it nor saved.`);
    };

    // Lists: by id, then by name; the file's name and order win.
    const localLists = await t.lists.toArray();
    const listMap = new Map<string, string>();
    const listsOut: ListRecord[] = [];
    for (const l of data.lists ?? []) {
      const match = localMatch(localLists, l);
      if (!match) summary.listsAdded++;
      listMap.set(l.id, match?.id ?? l.id);
      listsOut.push({ ...l, id: match?.id ?? l.id });
    }
    await t.lists.bulkPut(listsOut);
    tick(listsOut.length);
    // Orders must stay distinct: renumber only when the file's orders collide with the local ones.
    const all = await t.lists.toArray();
    if (new Set(all.map((l) => l.order)).size !== all.length) {
      all.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
      await t.lists.bulkPut(all.map((l, order) => ({ ...l, order })));
    }
    const listIds = new Set(all.map((l) => l.id));

    // Memberships.
    const members = (data.memberships ?? []).map((m) => ({
      ...m,
      listId: listMap.get(m.listId) ?? m.listId,
      paperId: paperOf(m.paperId),
    }));
    const badList = members.find((m) => !listIds.has(m.listId));
    if (badList)
      throw new LibraryError(`The file puts ${badList.paperId} in an unknown list ${badList.listId}.`);
    await known(members.map((m) => m.paperId));
    const localMembers = await t.memberships.bulkGet(
      members.map((m) => [m.listId, m.paperId] as [string, string]),
    );
    const membersOut = members
      .map((m, i) => {
        const local = localMembers[i];
        if (!local) summary.membershipsAdded++;
        return local ? { ...m, addedAt: Math.min(local.addedAt, m.addedAt) } : m;
      })
      .filter((m, i) => localMembers[i]?.addedAt !== m.addedAt);
    await putChunked(membersOut, (c) => t.memberships.bulkPut(c), tick);
    tick(members.length - membersOut.length);

    // User data.
    const users = (data.userData ?? []).map((u) => ({ ...u, id: paperOf(u.id) }));
    await known(users.map((u) => u.id));
    const localUsers = await t.userData.bulkGet(users.map((u) => u.id));
    await putChunked(
      users.map((u, i) => {
        const local = localUsers[i];
        return local ? mergeUser(local, u) : u;
      }),
      (c) => t.userData.bulkPut(c),
      tick,
    );

    // Topics (by id, then by name); marks follow their topic.
    const localTopics = await t.topics.toArray();
    const topicMap = new Map<string, string>();
    const topicsOut: UserTopicRecord[] = [];
    for (const t of data.topics ?? []) {
      const match = localMatch(localTopics, t);
      topicMap.set(t.id, match?.id ?? t.id);
      if (!match || t.updatedAt >= match.updatedAt)
        topicsOut.push({ ...t, id: match?.id ?? t.id, examples: [...new Set(t.examples.map(paperOf))] });
    }
    await t.topics.bulkPut(topicsOut);
    tick(data.topics?.length ?? 0);
    const marks = (data.marks ?? []).map((m) => ({
      ...m,
      topicId: topicMap.get(m.topicId) ?? m.topicId,
      paperId: paperOf(m.paperId),
    }));
    await known(marks.map((m) => m.paperId));
    const localMarks = await t.marks.bulkGet(marks.map((m) => [m.topicId, m.paperId] as [string, string]));
    await putChunked(
      marks.filter((m, i) => !localMarks[i] || m.at >= (localMarks[i]?.at ?? 0)),
      (c) => t.marks.bulkPut(c),
      tick,
    );

    // Settings and visits.
    await t.settings.bulkPut(data.settings ?? []);
    tick(data.settings?.length ?? 0);
    const visits = data.visits ?? [];
    if (visits.length) {
      if ((await t.visits.count()) === 0) await t.visits.bulkPut(visits);
      else {
        const local = await t.visits.toArray();
        const key = (v: VisitRecord) => `${v.at}\u0000${v.adapter}\u0000${v.url}`;
        const have = new Set(local.map(key));
        await t.visits.bulkAdd(
          visits.filter((v) => !have.has(key(v))).map(({ id: _id, ...v }) => v as VisitRecord),
        );
      }
      const n = await t.visits.count();
      if (n > KEEP_VISITS)
        await t.visits.bulkDelete(
          await t.visits
            .orderBy('at')
            .limit(n - KEEP_VISITS)
            .primaryKeys(),
        );
    }
    tick(visits.length);
    return summary;
  });
}

/** Deletes everything (one transaction) and leaves an empty default list, as in a new profile. */
export async function clearAll(db: PaperSiftDb, now: number): Promise<void> {
  await db.transaction('rw', [...TABLES], async (tx) => {
    const t = bound(tx, TABLES);
    await Promise.all(TABLES.map((name) => t[name].clear()));
    await t.lists.add({ id: DEFAULT_LIST_ID, name: DEFAULT_LIST_NAME, order: 0, createdAt: now });
  });
}
