import type { ImportSummary } from '../db/backup';
import { IMPORT_LOST, MAX_IMPORT_BATCH } from '../messaging/library';
import { type ImportData, TABLES } from '../shapes';
import { callLibrary, LibraryCallError, type SendLibrary } from './client';

// The options page's side of an import: the data it read and validated goes to the background (the one writer) in
// batches of at most BATCH_CHARS of JSON each (a backup can be 100+ MB; Chrome refuses a message over 64 MB and a
// large one holds the background for long), then one commit writes everything in one transaction.

/** Serialised size of one message's rows. */
export const BATCH_CHARS = 4 * 1024 * 1024;
/** A background that restarts in the middle loses the rows received: the import starts again, this many times. */
const ATTEMPTS = 3;

export interface ImportResult {
  summary: ImportSummary;
  /** Papers that came without topics and were classified. */
  classified: number;
}

/** The rows of a table cut into batches of at most `maxChars` of JSON (a row larger than that goes alone). */
export function batches<T>(rows: readonly T[], maxChars = BATCH_CHARS): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let size = 0;
  for (const row of rows) {
    const n = JSON.stringify(row).length + 1;
    if (batch.length && (size + n > maxChars || batch.length >= MAX_IMPORT_BATCH)) {
      out.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(row);
    size += n;
  }
  if (batch.length) out.push(batch);
  return out;
}

/**
 * Sends import data to the background and has it written (validated there again, written in one transaction, or
 * refused whole). `onProgress(sent, total)` counts rows. A background restarted in the middle is noticed (it no
 * longer knows the import) and the import starts again.
 */
export async function sendImport(
  send: SendLibrary,
  data: ImportData,
  onProgress?: (sent: number, total: number) => void,
  options?: { delayMs?: number; maxChars?: number },
): Promise<ImportResult> {
  const parts = TABLES.flatMap((table) => {
    let offset = 0;
    return batches<unknown>(data[table] ?? [], options?.maxChars).map((rows) => {
      const part = { table, offset, rows };
      offset += rows.length;
      return part;
    });
  });
  const total = parts.reduce((n, p) => n + p.rows.length, 0);
  const retry = options?.delayMs === undefined ? {} : { delayMs: options.delayMs };
  for (let attempt = 1; ; attempt++) {
    let session: string | undefined;
    try {
      session = (await callLibrary(send, { op: 'importBegin' }, retry)).session;
      let sent = 0;
      onProgress?.(0, total);
      for (const p of parts) {
        await callLibrary(send, { op: 'importRows', session, ...p }, retry);
        sent += p.rows.length;
        onProgress?.(sent, total);
      }
      const { summary, classified } = await callLibrary(send, { op: 'importCommit', session }, retry);
      return { summary, classified };
    } catch (err) {
      const lost = err instanceof LibraryCallError && err.message === IMPORT_LOST;
      if (!lost || attempt >= ATTEMPTS) {
        // The background keeps no rows of a failed import.
        if (session && !lost)
          await callLibrary(send, { op: 'importAbort', session }, retry).catch(() => undefined);
        throw err;
      }
    }
  }
}
