import type { ZoteroItem } from './item';

// A client of the Zotero desktop app's connector server, following what the Zotero Connector does
// (zotero/zotero-connectors src/common/connector.js, `callMethod`) and what the server checks
// (zotero/zotero chrome/content/zotero/xpcom/server/server.js and server_connector.js):
// - every request is a POST of JSON to http://127.0.0.1:23119/connector/<method> with the header
//   `X-Zotero-Connector-API-Version: 3`. Without it, a request that looks like a browser's (a `Mozilla/` user agent
//   or an Origin header, as from an extension) is cut without an answer, which looks exactly like Zotero not running;
// - the Host must be 127.0.0.1 or localhost (else 400 "Invalid Host header"), which fetch sets from the URL;
// - `saveItems` takes `{ sessionID, uri, items }` and answers 201; a sessionID already used answers 409
//   SESSION_EXISTS, so each save gets a fresh one; an outdated API version answers 400 CONNECTOR_VERSION_OUTDATED; a
//   read-only library 500 `{ libraryEditable: false }`;
// - like the Connector, no answer or an error status without Zotero's `X-Zotero-Version` header means that Zotero is
//   not running (something else may answer on the port).
// Pure: `fetch` is injected (the background's, or Node's in the tests).

export const ZOTERO_URL = 'http://127.0.0.1:23119';
export const CONNECTOR_API_VERSION = 3;

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** not-running: nothing (or not Zotero) answered; refused: Zotero answered 4xx; failed: Zotero answered 5xx. */
export type ZoteroErrorKind = 'not-running' | 'refused' | 'failed';

export class ZoteroError extends Error {
  override name = 'ZoteroError';
  constructor(
    readonly kind: ZoteroErrorKind,
    message: string,
    readonly status?: number,
    /** Zotero's error code from the JSON body (SESSION_EXISTS, CONNECTOR_VERSION_OUTDATED, …). */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface ZoteroClientOptions {
  fetch: Fetch;
  baseUrl?: string;
  /** The Connector waits 15 s for an answer. */
  timeoutMs?: number;
  newSessionId?: () => string;
}

export interface PingReply {
  /** Zotero's version (the `X-Zotero-Version` header). */
  version: string;
  prefs: Record<string, unknown>;
}

export class ZoteroClient {
  private readonly fetch: Fetch;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly newSessionId: () => string;

  constructor(o: ZoteroClientOptions) {
    this.fetch = o.fetch;
    this.baseUrl = (o.baseUrl ?? ZOTERO_URL).replace(/\/$/, '');
    this.timeoutMs = o.timeoutMs ?? 15_000;
    this.newSessionId = o.newSessionId ?? (() => crypto.randomUUID());
  }

  /** Whether Zotero runs, its version and the prefs it reports; throws `ZoteroError` otherwise. */
  async ping(): Promise<PingReply> {
    const { res, body } = await this.call('ping', {});
    const prefs =
      body && typeof body === 'object' && 'prefs' in body ? (body as { prefs: unknown }).prefs : {};
    return {
      version: res.headers.get('X-Zotero-Version') ?? '',
      prefs: prefs && typeof prefs === 'object' ? (prefs as Record<string, unknown>) : {},
    };
  }

  /** Saves items (with their link attachments) into the library selected in Zotero, as one new save session. */
  async saveItems(items: readonly ZoteroItem[], uri?: string): Promise<{ sessionID: string }> {
    const sessionID = this.newSessionId();
    await this.call('saveItems', { sessionID, ...(uri ? { uri } : {}), items });
    return { sessionID };
  }

  private async call(method: string, data: unknown): Promise<{ res: Response; body: unknown }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(`${this.baseUrl}/connector/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Zotero-Connector-API-Version': String(CONNECTOR_API_VERSION),
        },
        body: JSON.stringify(data),
        signal: abort.signal,
      });
      text = await res.text();
    } catch (err) {
      throw new ZoteroError(
        'not-running',
        notRunning(abort.signal.aborted ? 'no answer in time' : errText(err)),
      );
    } finally {
      clearTimeout(timer);
    }
    const body = parseBody(res, text);
    if (res.ok) return { res, body };
    if (!res.headers.get('X-Zotero-Version'))
      throw new ZoteroError(
        'not-running',
        notRunning(`HTTP ${res.status} from something that is not Zotero`),
      );
    const code = body && typeof body === 'object' && 'error' in body ? String(body.error) : undefined;
    throw refusal(method, res.status, code, body, text);
  }
}

function notRunning(why: string): string {
  return `Zotero is not running (${why}). Start Zotero and try again, or download the BibTeX file instead.`;
}

function errText(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string } } | undefined;
  return e?.cause?.code ?? e?.message ?? String(err);
}

function parseBody(res: Response, text: string): unknown {
  if (!text || !(res.headers.get('Content-Type') ?? '').includes('application/json'))
    return text || undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function refusal(method: string, status: number, code: string | undefined, body: unknown, text: string) {
  if (code === 'CONNECTOR_VERSION_OUTDATED')
    return new ZoteroError('refused', 'Zotero says this connector protocol is outdated.', status, code);
  if (body && typeof body === 'object' && 'libraryEditable' in body && body.libraryEditable === false)
    return new ZoteroError(
      'refused',
      'The library selected in Zotero is read-only: select My Library or an editable collection.',
      status,
      'LIBRARY_NOT_EDITABLE',
    );
  const detail = code ?? (typeof body === 'string' ? text.trim().slice(0, 200) : '');
  const what = `Zotero ${status >= 500 ? 'failed' : 'refused'} ${method} (HTTP ${status}${detail ? `: ${detail}` : ''}).`;
  return new ZoteroError(status >= 500 ? 'failed' : 'refused', what, status, code);
}
