import * as v from 'valibot';
import { LibraryError } from '../db/lists';
import { IMPORT_LOST } from '../messaging/library';
import { IMPORT_ROWS, type ImportData, type ImportTable } from '../shapes';

// Imports in the background, the one writer. The options page reads and validates the file, then sends its rows
// in batches of a few MB (a backup can be 100+ MB, more than one message may carry); each batch is validated again
// here as it comes, and kept in memory; the commit checks the rows together and writes them in ONE transaction
// (lib/db/backup.ts `mergeImport`), so a failure anywhere leaves the database as it was. A background restarted
// in the middle has lost the rows: the sender is told (`IMPORT_LOST`) and starts again.

interface Session {
  tables: ImportData;
}

export class ImportSessions {
  private sessions = new Map<string, Session>();
  private next = 1;

  /** A new import; one at a time (an earlier one the options page left unfinished is dropped). */
  begin(): string {
    this.sessions.clear();
    const id = `import-${Date.now()}-${this.next++}`;
    this.sessions.set(id, { tables: {} });
    return id;
  }

  /**
   * Adds a batch of a table's rows, from `offset`, validated (a problem names the row as the file does:
   * `tables.papers.1234.title`). A batch received already (sent again after a lost answer) is ignored. Returns the
   * table's rows received so far.
   */
  rows(session: string, table: ImportTable, offset: number, rows: readonly unknown[]): number {
    const s = this.get(session);
    const have = (s.tables[table] ?? []) as unknown[];
    if (offset + rows.length <= have.length) return have.length;
    if (offset !== have.length)
      throw new LibraryError(
        `The import skipped rows of ${table} (${have.length} received, next at ${offset}).`,
      );
    const parsed = v.safeParse(v.array(IMPORT_ROWS[table]), rows);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const [index, ...rest] = (issue ? v.getDotPath(issue) : null)?.split('.') ?? ['0'];
      const path = [`tables.${table}.${offset + Number(index)}`, ...rest].join('.');
      throw new LibraryError(`The file is malformed at ${path}: ${issue?.message ?? 'invalid'}.`);
    }
    for (const row of parsed.output) have.push(row);
    (s.tables as Record<string, unknown[]>)[table] = have;
    return have.length;
  }

  /** The rows received, for the commit; the session ends. */
  take(session: string): ImportData {
    const s = this.get(session);
    this.sessions.delete(session);
    return s.tables;
  }

  abort(session: string): void {
    this.sessions.delete(session);
  }

  private get(session: string): Session {
    const s = this.sessions.get(session);
    if (!s) throw new LibraryError(IMPORT_LOST);
    return s;
  }
}
