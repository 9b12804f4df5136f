import { signal } from '@preact/signals';
import { exportBackup } from '../db/backup';
import { readLibraryIndex, readPapers } from '../db/lists';
import type { ListRecord, MarkRecord, PaperSiftDb, UserTopicRecord } from '../db/schema';
import { getSettings } from '../db/settings';
import { listDisplayTopics, listMarks, listUserTopics } from '../db/topics';
import { type AdapterHealth, listVisits, siteHealth } from '../db/visits';
import { DELETE_PHRASE, type LibraryRequest } from '../messaging/library';
import { plural } from '../plural';
import { SITES, type SiteId } from '../sites/registry';
import type { TopicInfo } from '../topics';
import { callLibrary, messageOf, type SendLibrary } from './client';
import { EXPORT_FORMATS, type ExportFormat, exportFileName, exportPapers } from './export';
import { checkSize, formatBytes, parseImport } from './import';
import { sendImport } from './import-client';
import { membershipsByPaper, viewItems } from './items';

// The options page's state and actions. Reads go to the database directly (extension origin); every write goes
// through the background (`library` message), imports too: the file is read and validated here, its rows sent in
// batches of a few MB, and the background writes them in ONE transaction (lib/library/import-client.ts): either
// the whole file is merged or nothing is.

export interface TopicRow extends TopicInfo {
  enabled: boolean;
  builtin: boolean;
}

/** A mark or an example, with the paper's title when the paper is known. */
export interface PaperTitle {
  paperId: string;
  title?: string;
  url?: string;
}

export interface TopicDetails {
  marks: (MarkRecord & PaperTitle)[];
  examples: PaperTitle[];
}

export interface ImportState {
  /** Reading, validating, writing. */
  phase: 'reading' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
  message?: string;
}

/** A user topic as the options page edits it (a new one has no id yet). */
export interface TopicDraft {
  id?: string;
  name: string;
  short: string;
  color: string;
  phrases: string[];
  enabled: boolean;
}

/** What the page provides: handing a file to the user (a download), and the clock. */
export interface OptionsIo {
  download(text: string, name: string, mime: string): void;
  now(): number;
}

/** The part of a `File` an import reads. */
export interface ImportFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export function createOptionsStore(db: PaperSiftDb, send: SendLibrary, io: OptionsIo) {
  const topics = signal<TopicRow[]>([]);
  const userTopics = signal<UserTopicRecord[]>([]);
  const details = signal<({ topicId: string } & TopicDetails) | undefined>(undefined);
  const sites = signal<Record<SiteId, boolean>>(
    Object.fromEntries(SITES.map((s) => [s, true])) as Record<SiteId, boolean>,
  );
  const health = signal<AdapterHealth[]>([]);
  const lists = signal<ListRecord[]>([]);
  const counts = signal({ papers: 0, saved: 0 });
  const importing = signal<ImportState | undefined>(undefined);
  const error = signal<string | undefined>(undefined);
  const notice = signal<string | undefined>(undefined);

  async function refresh(): Promise<void> {
    const [shown, mine, settings, visits, index, papers] = await Promise.all([
      listDisplayTopics(db),
      listUserTopics(db),
      getSettings(db),
      listVisits(db),
      readLibraryIndex(db),
      db.papers.count(),
    ]);
    topics.value = shown;
    userTopics.value = mine;
    sites.value = Object.fromEntries(SITES.map((s) => [s, settings.sites[s]?.enabled ?? true])) as Record<
      SiteId,
      boolean
    >;
    health.value = siteHealth(visits);
    lists.value = index.lists;
    counts.value = { papers, saved: new Set(index.memberships.map((m) => m.paperId)).size };
    if (details.value) await showDetails(details.value.topicId);
  }

  async function showDetails(topicId: string | undefined): Promise<void> {
    if (!topicId) {
      details.value = undefined;
      return;
    }
    const marks = await listMarks(db, topicId);
    const examples = userTopics.value.find((t) => t.id === topicId)?.examples ?? [];
    const papers = await db.papers.bulkGet([...marks.map((m) => m.paperId), ...examples]);
    const ref = (paperId: string, i: number) => {
      const p = papers[i];
      return p ? { paperId, title: p.title, url: p.url } : { paperId };
    };
    details.value = {
      topicId,
      marks: marks.map((m, i) => ({ ...m, ...ref(m.paperId, i) })),
      examples: examples.map((id, i) => ref(id, marks.length + i)),
    };
  }

  /** A write through the background; `done` is the notice on success. The page is read again either way. */
  async function act(req: LibraryRequest, done?: string): Promise<void> {
    error.value = undefined;
    notice.value = undefined;
    try {
      await callLibrary(send, req);
      if (done) notice.value = done;
    } catch (err) {
      error.value = messageOf(err);
    }
    await refresh();
  }

  /** Every saved paper (or one list's) in a format, or the whole database as a JSON backup. */
  async function exportData(listId: string | undefined, format: ExportFormat): Promise<void> {
    error.value = undefined;
    const now = io.now();
    const spec = EXPORT_FORMATS.find((f) => f.id === format);
    if (!spec) return;
    try {
      if (format === 'json') {
        const backup = await exportBackup(db, now);
        io.download(JSON.stringify(backup, null, 1), exportFileName('backup', spec.ext, now), spec.mime);
        notice.value = `Exported a backup of ${backup.tables.papers.length} papers.`;
        return;
      }
      const index = await readLibraryIndex(db);
      const byPaper = membershipsByPaper(index.memberships);
      const rows = await readPapers(db, [...byPaper.keys()]);
      const items = new Map(
        rows.map(({ paper, user }) => {
          const m = byPaper.get(paper.id) ?? { addedAt: {}, savedAt: 0 };
          return [paper.id, { paper, ...(user ? { user } : {}), addedAt: m.addedAt, savedAt: m.savedAt }];
        }),
      );
      const chosen = viewItems(items, undefined, listId ? { listId } : {}, 'saved');
      const title = listId ? (index.lists.find((l) => l.id === listId)?.name ?? 'list') : 'Saved papers';
      const out = exportPapers(format, chosen, { lists: index.lists, title, listId });
      if (out.kind === 'nothing') {
        error.value = out.message;
        return;
      }
      io.download(out.text, exportFileName(listId ? title : 'all', spec.ext, now), spec.mime);
      notice.value = `Exported ${out.count} papers as ${spec.label}.`;
    } catch (err) {
      error.value = `Export failed: ${messageOf(err)}`;
    }
  }

  const failed = (message: string): ImportState => ({ phase: 'failed', done: 0, total: 0, message });

  /**
   * Imports a JSON backup or a BibTeX file (BibTeX papers go to `listId`): read and validated here, then written by
   * the background (validated again, merged in one transaction, the papers that came without topics classified),
   * or refused with the reason and nothing written.
   */
  async function importFile(file: ImportFile, listId: string): Promise<void> {
    error.value = undefined;
    notice.value = undefined;
    const tooBig = checkSize(file.size);
    if (tooBig) {
      importing.value = failed(`${file.name}: ${tooBig} Nothing was imported.`);
      return;
    }
    importing.value = {
      phase: 'reading',
      done: 0,
      total: 0,
      message: `Reading ${file.name} (${formatBytes(file.size)})…`,
    };
    try {
      const parsed = await parseImport(await file.text(), { listId, now: io.now(), fileName: file.name });
      if (!parsed.ok) {
        importing.value = failed(`${file.name}: ${parsed.error} Nothing was imported.`);
        return;
      }
      const { summary } = await sendImport(send, parsed.data, (done, total) => {
        importing.value = {
          phase: 'writing',
          done,
          total,
          message: `Importing ${file.name}: ${done} / ${total}`,
        };
      });
      const skipped = parsed.warnings.length
        ? ` Skipped ${parsed.warnings.length}: ${parsed.warnings.slice(0, 3).join('; ')}${parsed.warnings.length > 3 ? '…' : ''}`
        : '';
      importing.value = {
        phase: 'done',
        done: 1,
        total: 1,
        message: `Imported ${file.name}: ${plural(summary.papersAdded, 'new paper')}, ${summary.papersMerged} merged with papers already here, ${summary.membershipsAdded} added to lists.${skipped}`,
      };
    } catch (err) {
      importing.value = failed(`${file.name}: ${messageOf(err)} Nothing was imported.`);
    }
    await refresh();
  }

  return {
    state: { topics, userTopics, details, sites, health, lists, counts, importing, error, notice },
    refresh,
    actions: {
      showDetails,
      exportData,
      importFile,
      builtinTopic(id: string, change: { enabled?: boolean; color?: string }): Promise<void> {
        // Shown at once, before the write is read back.
        topics.value = topics.value.map((t) => (t.id === id ? { ...t, ...change } : t));
        return act({ op: 'setBuiltinTopic', id, ...change });
      },
      saveTopic(topic: TopicDraft): Promise<void> {
        return act({ op: 'putUserTopic', topic }, `Topic "${topic.name}" saved.`);
      },
      deleteTopic: (id: string) => act({ op: 'deleteUserTopic', id }, 'Topic deleted.'),
      removeMark: (topicId: string, paperId: string) =>
        act({ op: 'setMark', topicId, paperId, relevant: null }),
      async removeExample(topicId: string, paperId: string): Promise<void> {
        const t = userTopics.value.find((u) => u.id === topicId);
        if (t)
          await act({
            op: 'putUserTopic',
            topic: { ...t, examples: t.examples.filter((x) => x !== paperId) },
          });
      },
      site(site: SiteId, enabled: boolean): Promise<void> {
        // Shown at once (a controlled checkbox would otherwise flip back until the write is read again).
        sites.value = { ...sites.value, [site]: enabled };
        return act({ op: 'setSiteEnabled', site, enabled });
      },
      async deleteAll(): Promise<void> {
        await act({ op: 'clearAll', confirm: DELETE_PHRASE }, 'Everything was deleted.');
        importing.value = undefined;
      },
      dismiss(): void {
        error.value = undefined;
        notice.value = undefined;
      },
    },
  };
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;
