import { signal } from '@preact/signals';
import { render } from 'preact';
import '../../assets/styles/app.css';
import {
  DELETE_PHRASE,
  type ImportState,
  OptionsView,
  type TopicDetails,
  type TopicRow,
} from '../../components/OptionsView';
import { exportBackup, mergeImport } from '../../lib/db/backup';
import { readLibraryIndex, readPapers } from '../../lib/db/library';
import {
  describeStorageError,
  type ListRecord,
  PaperSiftDb,
  type UserTopicRecord,
} from '../../lib/db/schema';
import { getSettings } from '../../lib/db/settings';
import { listDisplayTopics, listMarks, listUserTopics } from '../../lib/db/topics';
import { type AdapterHealth, listVisits, siteHealth } from '../../lib/db/visits';
import { callLibrary } from '../../lib/library/client';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
  toBibtex,
  toCsv,
  toMarkdown,
  toRis,
} from '../../lib/library/export';
import { checkSize, formatBytes, parseImport } from '../../lib/library/import';
import { membershipsByPaper, viewItems } from '../../lib/library/items';
import { POPUP_KEYS } from '../../lib/library/keys';
import { sendMessage } from '../../lib/messaging';
import type { LibraryRequest } from '../../lib/messaging/library';
import { KEYMAP } from '../../lib/page/keys';
import { SITES, type SiteId } from '../../lib/paper';

// The options page. Reads go to the database directly (extension origin); settings, topics and deletions go through
// the background (`library` message). Imports are the exception: they run here, in ONE Dexie transaction over every
// table (a transaction cannot span two contexts, and a backup of 10,000 papers is ~15 MB, a large message): either the
// whole file is merged or nothing is; the background is told afterwards so that it rebuilds what it derives.

const db = new PaperSiftDb();
const send = (req: LibraryRequest) => sendMessage('library', req);

const topics = signal<TopicRow[]>([]);
const userTopics = signal<UserTopicRecord[]>([]);
const details = signal<({ topicId: string } & TopicDetails) | undefined>(undefined);
const sites = signal<Record<SiteId, boolean>>({ arxiv: true, huggingface: true });
const health = signal<AdapterHealth[]>([]);
const lists = signal<ListRecord[]>([]);
const counts = signal({ papers: 0, saved: 0 });
const importing = signal<ImportState | undefined>(undefined);
const error = signal<string | undefined>(undefined);
const notice = signal<string | undefined>(undefined);

const KEYS = [
  { title: 'Popup', keys: POPUP_KEYS },
  { title: 'On arXiv and Hugging Face listings', keys: KEYMAP.map((k) => ({ keys: k.key, label: k.label })) },
];

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

async function act(req: LibraryRequest, done?: string): Promise<void> {
  error.value = undefined;
  notice.value = undefined;
  try {
    await callLibrary(send, req);
    if (done) notice.value = done;
  } catch (err) {
    error.value = err instanceof Error ? err.message : String(err);
  }
  await refresh();
}

function download(text: string, name: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function exportData(listId: string | undefined, format: ExportFormat): Promise<void> {
  error.value = undefined;
  const now = Date.now();
  const spec = EXPORT_FORMATS.find((f) => f.id === format);
  if (!spec) return;
  try {
    if (format === 'json') {
      const backup = await exportBackup(db, now);
      download(JSON.stringify(backup, null, 1), exportFileName('backup', spec.ext, now), spec.mime);
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
    const text =
      format === 'bibtex'
        ? toBibtex(chosen)
        : format === 'ris'
          ? toRis(chosen)
          : format === 'csv'
            ? toCsv(chosen, index.lists)
            : toMarkdown(chosen, title, listId);
    download(text, exportFileName(listId ? title : 'all', spec.ext, now), spec.mime);
    notice.value = `Exported ${chosen.length} papers as ${spec.label}.`;
  } catch (err) {
    error.value = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function importFile(file: File, listId: string): Promise<void> {
  error.value = undefined;
  notice.value = undefined;
  const tooBig = checkSize(file.size);
  if (tooBig) {
    importing.value = {
      phase: 'failed',
      done: 0,
      total: 0,
      message: `${file.name}: ${tooBig} Nothing was imported.`,
    };
    return;
  }
  importing.value = {
    phase: 'reading',
    done: 0,
    total: 0,
    message: `Reading ${file.name} (${formatBytes(file.size)})…`,
  };
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    importing.value = {
      phase: 'failed',
      done: 0,
      total: 0,
      message: `${file.name} could not be read: ${String(err)}`,
    };
    return;
  }
  const parsed = await parseImport(text, { listId, now: Date.now() });
  if (!parsed.ok) {
    importing.value = {
      phase: 'failed',
      done: 0,
      total: 0,
      message: `${file.name}: ${parsed.error} Nothing was imported.`,
    };
    return;
  }
  try {
    let last = 0;
    const summary = await mergeImport(db, parsed.data, (done, total) => {
      // Progress repaints at most every 200 rows (the transaction must not wait on the page).
      if (done - last >= 200 || done === total) {
        last = done;
        importing.value = {
          phase: 'writing',
          done,
          total,
          message: `Importing ${file.name}: ${done} / ${total}`,
        };
      }
    });
    const skipped = parsed.warnings.length
      ? ` Skipped ${parsed.warnings.length}: ${parsed.warnings.slice(0, 3).join('; ')}${parsed.warnings.length > 3 ? '…' : ''}`
      : '';
    await callLibrary(send, { op: 'imported' }).catch(() => undefined);
    // Papers that came without topics (BibTeX) are classified by the background's model, a chunk at a time.
    const unlabelled = (parsed.data.papers ?? [])
      .filter((p) => Object.keys(p.scores).length === 0)
      .map((p) => p.id);
    for (let i = 0; i < unlabelled.length; i += 1000) {
      importing.value = {
        phase: 'writing',
        done: i,
        total: unlabelled.length,
        message: `Computing the topics of the imported papers: ${i} / ${unlabelled.length}`,
      };
      await callLibrary(send, { op: 'classify', paperIds: unlabelled.slice(i, i + 1000) }).catch(
        (err: unknown) => {
          notice.value = `Imported, but the topics could not be computed yet: ${err instanceof Error ? err.message : String(err)}`;
        },
      );
    }
    importing.value = {
      phase: 'done',
      done: 1,
      total: 1,
      message: `Imported ${file.name}: ${summary.papersAdded} new papers, ${summary.papersMerged} merged with papers already here, ${summary.membershipsAdded} added to lists.${skipped}`,
    };
  } catch (err) {
    const reason =
      err instanceof Error && err.name === 'LibraryError' ? err.message : describeStorageError(err);
    importing.value = {
      phase: 'failed',
      done: 0,
      total: 0,
      message: `${file.name}: ${reason} Nothing was imported.`,
    };
  }
  await refresh();
}

function App() {
  return (
    <OptionsView
      topics={topics.value}
      userTopics={userTopics.value}
      {...(details.value ? { details: details.value } : {})}
      sites={sites.value}
      health={health.value}
      lists={lists.value}
      counts={counts.value}
      {...(importing.value ? { importing: importing.value } : {})}
      {...(error.value ? { error: error.value } : {})}
      {...(notice.value ? { notice: notice.value } : {})}
      keys={KEYS}
      onBuiltinTopic={(id, change) => {
        topics.value = topics.value.map((t) => (t.id === id ? { ...t, ...change } : t));
        act({ op: 'setBuiltinTopic', id, ...change });
      }}
      onSaveTopic={(topic) => act({ op: 'putUserTopic', topic }, `Topic "${topic.name}" saved.`)}
      onDeleteTopic={(id) => act({ op: 'deleteUserTopic', id }, 'Topic deleted.')}
      onShowDetails={(id) => showDetails(id)}
      onRemoveMark={(topicId, paperId) => act({ op: 'setMark', topicId, paperId, relevant: null })}
      onRemoveExample={(topicId, paperId) => {
        const t = userTopics.value.find((u) => u.id === topicId);
        if (t)
          act({
            op: 'putUserTopic',
            topic: { ...t, examples: t.examples.filter((x) => x !== paperId) },
          });
      }}
      onSite={(site, enabled) => {
        // Shown at once (a controlled checkbox would otherwise flip back until the write is read again).
        sites.value = { ...sites.value, [site]: enabled };
        act({ op: 'setSiteEnabled', site, enabled });
      }}
      onExport={exportData}
      onImport={importFile}
      onDeleteAll={() =>
        act({ op: 'clearAll', confirm: DELETE_PHRASE }, 'Everything was deleted.').then(() => {
          importing.value = undefined;
        })
      }
      onDismiss={() => {
        error.value = undefined;
        notice.value = undefined;
      }}
    />
  );
}

const app = document.getElementById('app');
if (app) {
  render(<App />, app);
  refresh().catch((err: unknown) => {
    error.value = `Could not read the library: ${err instanceof Error ? err.message : String(err)}`;
  });
}
