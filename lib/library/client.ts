import type { LibraryOp, LibraryReply, LibraryRequest } from '../messaging/library';
import type { ErrorReply } from '../messaging/protocol';

/** A refusal or failure the background reported: its message is for the user. */
export class LibraryCallError extends Error {
  override name = 'LibraryCallError';
}

export type SendLibrary = (req: LibraryRequest) => Promise<LibraryReply | ErrorReply>;

/** The message of a thrown value, for the user: an Error's message, else the value as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What the popup and the options page show when they cannot read the library. */
export function readFailure(err: unknown): string {
  return `Could not read the library: ${messageOf(err)}`;
}

/**
 * Sends a library write to the background. When the message gets no answer (the service worker was stopped or
 * restarted in the middle: the port closes, nothing or the whole transaction was written), it is sent again, which
 * is safe because every op is idempotent. An `ErrorReply` is not retried: it is thrown for the user to read.
 */
export async function callLibrary<R extends LibraryRequest>(
  send: SendLibrary,
  req: R,
  { attempts = 4, delayMs = 250 }: { attempts?: number; delayMs?: number } = {},
): Promise<LibraryReply<R['op'] & LibraryOp>> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    let reply: LibraryReply | ErrorReply | undefined;
    try {
      reply = await send(req);
    } catch (err) {
      last = err;
      if (i < attempts - 1) await new Promise((r) => setTimeout(r, delayMs * (i + 1)));
      continue;
    }
    if (reply && 'error' in reply) throw new LibraryCallError(reply.error);
    if (!reply) {
      last = new Error('no answer');
      continue;
    }
    // The background answers each op with its own reply (lib/service/library.ts is typed op by op).
    return reply as LibraryReply<R['op'] & LibraryOp>;
  }
  throw new LibraryCallError(`The extension's background did not answer (${messageOf(last)}). Try again.`);
}
