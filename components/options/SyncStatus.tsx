import { plural } from '../../lib/plural';
import type { SyncStatus as Status } from '../../lib/sync/service';
import { Section } from './Section';

export interface SyncStatusProps {
  /** The last run's status (undefined: none yet). */
  status?: Status;
  onEnabled: (enabled: boolean) => void;
}

const marks = (n: number) => plural(n, 'mark');
const topics = (n: number) => plural(n, 'topic');

/** The line the options page shows: "Sync: on" / "Sync: partial: N marks kept on this device only" / "Sync: off". */
export function syncLine(s: Status | undefined): string {
  if (!s) return 'Sync: starting…';
  if (s.state === 'off') return 'Sync: off';
  if (s.state === 'error') return `Sync: failed (${s.error ?? 'unknown error'}); trying again in a minute`;
  if (s.state === 'on') return 'Sync: on';
  const kept = [
    s.localOnly.marks ? marks(s.localOnly.marks) : '',
    s.localOnly.topics ? topics(s.localOnly.topics) : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `Sync: partial: ${kept} kept on this device only`;
}

/** Sync across the user's browsers: what syncs, the status, and the switch. */
export function SyncStatus({ status, onEnabled }: SyncStatusProps) {
  const on = status?.state !== 'off';
  return (
    <Section id="sync" title="Sync">
      <p class="text-sm text-slate-600">
        Settings, topics (with their key phrases) and marks go to your other browsers through the browser's
        own sync (your browser account), so they highlight the same papers. The sync storage is small (100
        KB): settings and topics first, then the newest marks. Your library (saved papers, lists, notes) stays
        on this device: move it with a backup or send it to Zotero.
      </p>
      <div class="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <label class="flex items-center gap-1">
          <input
            type="checkbox"
            checked={on}
            aria-label="Sync settings, topics and marks"
            onChange={(e) => onEnabled(e.currentTarget.checked)}
          />
          Sync settings, topics and marks
        </label>
        <span role="status" data-testid="sync-status" data-state={status?.state ?? 'starting'}>
          {syncLine(status)}
        </span>
        {status && status.state !== 'off' && status.state !== 'error' && (
          <span class="text-slate-500">
            ({(status.bytes / 1024).toFixed(1)} KB in {status.items} items)
          </span>
        )}
      </div>
    </Section>
  );
}
