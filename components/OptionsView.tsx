import { useState } from 'preact/hooks';
import { KEEP_ABSTRACT_DAYS } from '../lib/db/retention';
import type { ListRecord, UserTopicRecord } from '../lib/db/schema';
import type { AdapterHealth } from '../lib/db/visits';
import { EXPORT_FORMATS, type ExportFormat } from '../lib/library/export';
import type { ImportState, PaperRef, TopicDetails, TopicDraft, TopicRow } from '../lib/library/options-store';
import { DELETE_PHRASE } from '../lib/messaging/library';
import { SITES, type SiteId, siteLabel } from '../lib/sites/registry';
import { textOn } from '../lib/topics';
import { SyncStatus, type SyncStatusProps } from './SyncStatus';

const papers = (n: number) => `${n} paper${n === 1 ? '' : 's'}`;
const visitsText = (n: number) => `${n} page visit${n === 1 ? '' : 's'}`;

export interface OptionsViewProps {
  topics: readonly TopicRow[];
  userTopics: readonly UserTopicRecord[];
  /** Marks and examples of the topic whose details are open. */
  details?: { topicId: string } & TopicDetails;
  sites: Record<SiteId, boolean>;
  health: readonly AdapterHealth[];
  lists: readonly ListRecord[];
  counts: { papers: number; saved: number };
  importing?: ImportState;
  error?: string;
  notice?: string;
  keys: { title: string; keys: readonly { keys: string; label: string }[] }[];
  onBuiltinTopic: (id: string, change: { enabled?: boolean; color?: string }) => void;
  onSaveTopic: (topic: TopicDraft) => void;
  onDeleteTopic: (id: string) => void;
  onShowDetails: (topicId: string | undefined) => void;
  onRemoveMark: (topicId: string, paperId: string) => void;
  onRemoveExample: (topicId: string, paperId: string) => void;
  onSite: (site: SiteId, enabled: boolean) => void;
  onExport: (listId: string | undefined, format: ExportFormat) => void;
  onImport: (file: File, listId: string) => void;
  onDeleteAll: () => void;
  onDismiss: () => void;
  sync?: SyncStatusProps;
}

const section = 'rounded border border-slate-200 bg-white p-4';
const button =
  'rounded bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50';
const input = 'rounded border border-slate-300 px-2 py-1 text-sm';

function TopicEditor({
  topic,
  onSave,
  onCancel,
}: {
  topic?: UserTopicRecord;
  onSave: OptionsViewProps['onSaveTopic'];
  onCancel: () => void;
}) {
  const [name, setName] = useState(topic?.name ?? '');
  const [short, setShort] = useState(topic?.short ?? '');
  const [color, setColor] = useState(topic?.color ?? '#0e7490');
  const [phrases, setPhrases] = useState((topic?.phrases ?? []).join('\n'));
  return (
    <form
      class="mt-2 grid grid-cols-[8rem_1fr] items-start gap-2 rounded bg-slate-50 p-3"
      data-testid="topic-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          ...(topic ? { id: topic.id } : {}),
          name,
          short,
          color,
          phrases: phrases.split('\n'),
          enabled: topic?.enabled ?? true,
        });
      }}
    >
      <label for="topic-name">Name</label>
      <input
        id="topic-name"
        class={input}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        required
      />
      <label for="topic-short">Badge label</label>
      <input
        id="topic-short"
        class={`${input} w-32`}
        maxLength={12}
        value={short}
        onInput={(e) => setShort(e.currentTarget.value)}
      />
      <label for="topic-color">Colour</label>
      <input id="topic-color" type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
      <label for="topic-phrases">Key phrases (one per line)</label>
      <textarea
        id="topic-phrases"
        class={`${input} h-28`}
        value={phrases}
        onInput={(e) => setPhrases(e.currentTarget.value)}
      />
      <span />
      <div class="flex gap-2">
        <button type="submit" class={button}>
          {topic ? 'Save topic' : 'Create topic'}
        </button>
        <button type="button" class="text-sm text-slate-700" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PaperLink({ p }: { p: PaperRef }) {
  const href = p.url && /^https?:\/\//i.test(p.url) ? p.url : undefined;
  const text = p.title ?? p.paperId;
  return href ? (
    <a class="text-blue-800 hover:underline" href={href} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}

function TopicsSection(p: OptionsViewProps) {
  const [editing, setEditing] = useState<string | 'new' | undefined>(undefined);
  return (
    <section class={section} aria-labelledby="topics-h">
      <h2 id="topics-h" class="mb-2 text-lg font-semibold">
        Topics
      </h2>
      <table class="w-full text-sm">
        <thead>
          <tr class="text-left text-slate-600">
            <th class="py-1">On</th>
            <th>Topic</th>
            <th>Colour</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {p.topics.map((t) => {
            const user = p.userTopics.find((u) => u.id === t.id);
            return (
              <tr key={t.id} class="border-t border-slate-100" data-topic-row={t.id}>
                <td class="py-1">
                  <input
                    type="checkbox"
                    checked={t.enabled}
                    aria-label={`${t.name} on`}
                    onChange={(e) =>
                      t.builtin
                        ? p.onBuiltinTopic(t.id, { enabled: e.currentTarget.checked })
                        : user &&
                          p.onSaveTopic({
                            id: user.id,
                            name: user.name,
                            short: user.short,
                            color: user.color,
                            phrases: user.phrases,
                            enabled: e.currentTarget.checked,
                          })
                    }
                  />
                </td>
                <td>
                  <span
                    class="mr-2 inline-block rounded px-1.5 py-0.5 text-[11px] font-semibold"
                    style={{ backgroundColor: t.color, color: textOn(t.color) }}
                  >
                    {t.short}
                  </span>
                  {t.name}
                  {!t.builtin && user && (
                    <span class="ml-2 text-xs text-slate-500">
                      {user.phrases.length} phrases · {user.examples.length} examples
                    </span>
                  )}
                </td>
                <td>
                  <input
                    type="color"
                    value={t.color}
                    aria-label={`${t.name} colour`}
                    onChange={(e) =>
                      t.builtin
                        ? p.onBuiltinTopic(t.id, { color: e.currentTarget.value })
                        : user &&
                          p.onSaveTopic({
                            id: user.id,
                            name: user.name,
                            short: user.short,
                            color: e.currentTarget.value,
                            phrases: user.phrases,
                            enabled: user.enabled,
                          })
                    }
                  />
                </td>
                <td class="space-x-2 text-right">
                  <button
                    type="button"
                    class="text-blue-800 hover:underline"
                    onClick={() => p.onShowDetails(p.details?.topicId === t.id ? undefined : t.id)}
                  >
                    Examples and marks
                  </button>
                  {user && (
                    <>
                      <button
                        type="button"
                        class="text-blue-800 hover:underline"
                        onClick={() => setEditing(user.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class="text-red-700 hover:underline"
                        onClick={() => {
                          if (confirm(`Delete the topic "${user.name}" and its marks?`))
                            p.onDeleteTopic(user.id);
                        }}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing === undefined ? (
        <button type="button" class={`${button} mt-3`} onClick={() => setEditing('new')}>
          New topic
        </button>
      ) : (
        <TopicEditor
          {...(editing !== 'new'
            ? { topic: p.userTopics.find((u) => u.id === editing) as UserTopicRecord }
            : {})}
          onSave={(t) => {
            p.onSaveTopic(t);
            setEditing(undefined);
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {p.details && (
        <div class="mt-3 rounded bg-slate-50 p-3 text-sm" data-testid="topic-details">
          <h3 class="font-medium">
            {p.topics.find((t) => t.id === p.details?.topicId)?.name}: examples and marks
          </h3>
          {p.details.examples.length > 0 && (
            <ul class="mt-1 list-disc pl-5">
              {p.details.examples.map((x) => (
                <li key={x.paperId}>
                  example: <PaperLink p={x} />{' '}
                  <button
                    type="button"
                    class="text-xs text-red-700"
                    onClick={() => p.onRemoveExample(p.details?.topicId ?? '', x.paperId)}
                  >
                    remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          {p.details.marks.length === 0 && p.details.examples.length === 0 ? (
            <p class="text-slate-600">
              No marks yet. Mark papers as relevant or not from a listing; they train this topic.
            </p>
          ) : (
            <ul class="mt-1 list-disc pl-5">
              {p.details.marks.map((m) => (
                <li key={m.paperId} data-mark={m.relevant ? 'relevant' : 'not-relevant'}>
                  {m.relevant ? '✓ relevant' : '✗ not relevant'}: <PaperLink p={m} />{' '}
                  <span class="text-xs text-slate-500">{new Date(m.at).toLocaleDateString()}</span>{' '}
                  <button
                    type="button"
                    class="text-xs text-red-700"
                    onClick={() => p.onRemoveMark(m.topicId, m.paperId)}
                  >
                    remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function SitesSection(p: OptionsViewProps) {
  return (
    <section class={section} aria-labelledby="sites-h">
      <h2 id="sites-h" class="mb-2 text-lg font-semibold">
        Sites
      </h2>
      <div class="flex gap-6">
        {SITES.map((s) => (
          <label key={s} class="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={p.sites[s]}
              onChange={(e) => p.onSite(s, e.currentTarget.checked)}
            />
            {siteLabel(s)}
          </label>
        ))}
      </div>
      <h3 class="mt-3 font-medium">
        Health{p.health.length > 0 && ` (last ${visitsText(p.health.reduce((n, h) => n + h.visits, 0))})`}
      </h3>
      {p.health.length === 0 ? (
        <p class="text-sm text-slate-600">No page visited yet.</p>
      ) : (
        <table class="mt-1 w-full text-sm" data-testid="site-health">
          <thead>
            <tr class="text-left text-slate-600">
              <th>Site</th>
              <th>Page kind</th>
              <th>Visits</th>
              <th>Entries found on the last visits</th>
              <th>Last visit</th>
            </tr>
          </thead>
          <tbody>
            {p.health.map((h) => (
              <tr key={h.adapter} class="border-t border-slate-100 align-top">
                <td class="py-1">{siteLabel(h.site)}</td>
                <td>{h.adapter}</td>
                <td>{h.visits}</td>
                <td>
                  {h.recentEntries.join(', ')}
                  {h.empty.length > 0 && (
                    <ul class="mt-1 text-red-800" data-testid="health-warning">
                      {h.empty.map((e) => (
                        <li key={`${e.at}${e.url}`}>
                          ⚠ no entry found on {e.url} ({new Date(e.at).toLocaleString()})
                          {e.warnings.length > 0 && `: ${e.warnings.join('; ')}`}
                        </li>
                      ))}
                    </ul>
                  )}
                  {h.lastWarnings.length > 0 && h.recentEntries[0] !== 0 && (
                    <div class="text-amber-800">⚠ {h.lastWarnings.join('; ')}</div>
                  )}
                </td>
                <td>{new Date(h.lastAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DataSection(p: OptionsViewProps) {
  const [scope, setScope] = useState('');
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [target, setTarget] = useState('default');
  const [confirmText, setConfirmText] = useState('');
  const imp = p.importing;
  const busy = imp?.phase === 'reading' || imp?.phase === 'writing';
  return (
    <section class={section} aria-labelledby="data-h">
      <h2 id="data-h" class="mb-2 text-lg font-semibold">
        Data
      </h2>
      <p class="text-sm text-slate-600" data-testid="data-counts">
        {papers(p.counts.saved)} saved, {papers(p.counts.papers)} seen.
      </p>
      <p class="mt-1 text-sm text-slate-600" data-testid="data-retention">
        Like a browser's history, papers you only saw keep their abstract for {KEEP_ABSTRACT_DAYS} days after
        you last saw them and are forgotten after a year; papers you saved, annotated, marked or used as a
        topic example are kept whole.
      </p>
      <h3 class="mt-3 font-medium">Export</h3>
      <div class="mt-1 flex flex-wrap items-center gap-2 text-sm">
        <select
          class={input}
          aria-label="Export what"
          value={scope}
          disabled={format === 'json'}
          onChange={(e) => setScope(e.currentTarget.value)}
        >
          <option value="">Every saved paper</option>
          {p.lists.map((l) => (
            <option key={l.id} value={l.id}>
              List: {l.name}
            </option>
          ))}
        </select>
        <select
          class={input}
          aria-label="Export format"
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="button" class={button} onClick={() => p.onExport(scope || undefined, format)}>
          Export
        </button>
      </div>
      <h3 class="mt-4 font-medium">Import</h3>
      <p class="text-sm text-slate-600">
        A PaperSift JSON backup (everything: lists, notes, topics, settings) or a BibTeX file (papers with an
        arXiv id or DOI). Imports merge with what is here, without duplicates; a file with any problem changes
        nothing.
      </p>
      <div class="mt-1 flex flex-wrap items-center gap-2 text-sm">
        <label class="flex items-center gap-1">
          BibTeX papers go to
          <select class={input} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {p.lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <input
          type="file"
          accept=".json,.bib,.bibtex,application/json,application/x-bibtex,text/plain"
          aria-label="Import file"
          disabled={busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) p.onImport(file, target);
            e.currentTarget.value = '';
          }}
        />
      </div>
      {imp && (
        <div class="mt-2 text-sm" data-testid="import-status" data-phase={imp.phase}>
          {busy && (
            <progress class="w-64" value={imp.done} max={imp.total || 1}>
              {imp.done} / {imp.total}
            </progress>
          )}
          <p class={imp.phase === 'failed' ? 'text-red-800' : 'text-slate-800'} role="status">
            {imp.message}
          </p>
        </div>
      )}
      <h3 class="mt-4 font-medium text-red-800">Delete everything</h3>
      <p class="text-sm text-slate-600">
        Deletes every paper, list, note, tag, topic, mark, setting and visit. Export a JSON backup first. Type
        <kbd class="mx-1 rounded bg-slate-100 px-1">{DELETE_PHRASE}</kbd>to confirm.
      </p>
      <div class="mt-1 flex items-center gap-2">
        <input
          class={input}
          aria-label="Type delete everything to confirm"
          value={confirmText}
          onInput={(e) => setConfirmText(e.currentTarget.value)}
        />
        <button
          type="button"
          class="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
          disabled={confirmText !== DELETE_PHRASE}
          onClick={() => {
            setConfirmText('');
            p.onDeleteAll();
          }}
        >
          Delete everything
        </button>
      </div>
    </section>
  );
}

function KeysSection({ keys }: { keys: OptionsViewProps['keys'] }) {
  return (
    <section class={section} aria-labelledby="keys-h">
      <h2 id="keys-h" class="mb-2 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <div class="grid gap-4 md:grid-cols-2">
        {keys.map((group) => (
          <table key={group.title} class="text-sm">
            <caption class="text-left font-medium">{group.title}</caption>
            <tbody>
              {group.keys.map((k) => (
                <tr key={k.keys}>
                  <td class="py-0.5 pr-3">
                    <kbd class="rounded bg-slate-100 px-1">{k.keys}</kbd>
                  </td>
                  <td>{k.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}

/** The options page: topics, sites, data, keyboard shortcuts. */
export function OptionsView(p: OptionsViewProps) {
  return (
    <main class="mx-auto max-w-4xl space-y-4 bg-slate-50 p-6 font-sans text-slate-900">
      <h1 class="text-2xl font-semibold">PaperSift options</h1>
      {(p.error || p.notice) && (
        <p
          role={p.error ? 'alert' : 'status'}
          class={`flex gap-2 rounded p-2 ${p.error ? 'bg-red-50 text-red-800' : 'bg-green-50 text-green-900'}`}
        >
          <span class="flex-1">{p.error ?? p.notice}</span>
          <button type="button" class="text-xs underline" onClick={p.onDismiss}>
            Dismiss
          </button>
        </p>
      )}
      <TopicsSection {...p} />
      <SitesSection {...p} />
      {p.sync && <SyncStatus {...p.sync} />}
      <DataSection {...p} />
      <KeysSection keys={p.keys} />
    </main>
  );
}
