import { useState } from 'preact/hooks';
import type { ListRecord } from '../../lib/db/schema';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/library/export';
import type { ImportState } from '../../lib/library/options-store';
import { DELETE_PHRASE } from '../../lib/messaging/library';
import { plural } from '../../lib/plural';
import { Section } from './Section';
import { button, input } from './styles';

const papers = (n: number) => plural(n, 'paper');

export interface DataSectionProps {
  lists: readonly ListRecord[];
  counts: { papers: number; saved: number };
  /** Days a paper only seen keeps its abstract (lib/db/retention.ts). */
  keepAbstractDays: number;
  importing?: ImportState;
  onExport: (listId: string | undefined, format: ExportFormat) => void;
  onImport: (file: File, listId: string) => void;
  onDeleteAll: () => void;
}

/** Counts, the history's retention, export, import, delete everything. */
export function DataSection(p: DataSectionProps) {
  const [scope, setScope] = useState('');
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [target, setTarget] = useState('default');
  const [confirmText, setConfirmText] = useState('');
  const imp = p.importing;
  const busy = imp?.phase === 'reading' || imp?.phase === 'writing';
  return (
    <Section id="data" title="Data">
      <p class="text-sm text-slate-600" data-testid="data-counts">
        {papers(p.counts.saved)} saved, {papers(p.counts.papers)} seen.
      </p>
      <p class="mt-1 text-sm text-slate-600" data-testid="data-retention">
        Like a browser's history, papers you only saw keep their abstract for {p.keepAbstractDays} days after
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
    </Section>
  );
}
