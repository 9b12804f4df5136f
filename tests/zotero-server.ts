import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Zotero desktop app's connector server, for the tests: the endpoints PaperSift uses (ping,
// saveItems) with the checks Zotero's own source makes, written from reading it (zotero/zotero, 2026-08):
// chrome/content/zotero/xpcom/server/server.js (RequestHandler.handleRequest, _processEndpoint, _generateResponse),
// server_connector.js (Ping, SaveItems, versionWarning), saveSession.js (SessionManager.create),
// translation/translate_item.js (ItemSaver.saveItems, _canSaveAttachment). Not Zotero's code: the same rules.
// It records every request and what a real Zotero would have kept, so tests check what arrived.

/** Zotero's `CONNECTOR_API_VERSION` (server_connector.js). */
const API_VERSION = 3;
const BOOKMARKLET_ORIGIN = 'https://www.zotero.org';
const WEB_PAGE_TYPES = ['text/html', 'application/xhtml+xml'];
/** Item types the saving code accepts in these tests (Zotero knows more; an unknown one fails the save). */
const ITEM_TYPES = new Set(['preprint', 'journalArticle', 'conferencePaper', 'webpage', 'book', 'report']);

interface Endpoint {
  methods: string[];
  types: string[];
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/connector/ping': { methods: ['GET', 'POST'], types: ['application/json', 'text/plain'] },
  '/connector/saveItems': { methods: ['POST'], types: ['application/json'] },
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The status answered; 0 when the connection was cut without an answer. */
  status: number;
}

export interface SavedAttachment {
  title: string;
  url: string;
  mimeType?: string;
  linkMode: 'linked_url';
}

/** An item as Zotero would have saved it: its fields, its kept link attachments and the attachments it ignored. */
export interface SavedItem {
  sessionID: string;
  uri?: string;
  item: Record<string, unknown>;
  attachments: SavedAttachment[];
  ignoredAttachments: Record<string, unknown>[];
  notes: string[];
}

export interface ZoteroServerOptions {
  /** 0: a free port (unit tests); 23119: where PaperSift looks (e2e). */
  port?: number;
  /** The selected library is read-only (saveItems answers 500 `{ libraryEditable: false }`). */
  readOnly?: boolean;
  /** Zotero's `automaticSnapshots` pref (default on). */
  automaticSnapshots?: boolean;
}

export interface ZoteroTestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  saved: SavedItem[];
  sessions: Set<string>;
  options: ZoteroServerOptions;
  close(): Promise<void>;
}

export async function startZoteroServer(options: ZoteroServerOptions = {}): Promise<ZoteroTestServer> {
  const requests: RecordedRequest[] = [];
  const saved: SavedItem[] = [];
  const sessions = new Set<string>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
        status: 0,
      };
      requests.push(rec);
      const send = (status: number, type?: string, body?: string) => {
        rec.status = status;
        const headers: Record<string, string> = {
          'X-Zotero-Version': '7.1.0-test',
          'X-Zotero-Connector-API-Version': String(API_VERSION),
        };
        if (req.headers.origin === BOOKMARKLET_ORIGIN) {
          headers['Access-Control-Allow-Origin'] = BOOKMARKLET_ORIGIN;
          headers['Access-Control-Allow-Methods'] = 'POST, GET, OPTIONS';
          headers['Access-Control-Allow-Headers'] =
            'Content-Type,X-Zotero-Connector-API-Version,X-Zotero-Version';
        }
        if (type) headers['Content-Type'] = type;
        res.writeHead(status, headers);
        res.end(body ?? '');
        return true;
      };
      handle(req, res, rec, send);
    });
  });

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    rec: RecordedRequest,
    send: (status: number, type?: string, body?: string) => boolean,
  ): boolean {
    const h = req.headers;
    // DNS rebinding: only 127.0.0.1, [::1] or localhost, with or without a port.
    if (!h.host || !/^(?:127\.0\.0\.1|\[::1\]|localhost)(?::[0-9]+)?$/i.test(h.host))
      return send(400, 'text/plain', 'Invalid Host header\n');
    const endpoint = ENDPOINTS[rec.path];
    if (!endpoint) return send(404, 'text/plain', 'No endpoint found\n');
    if (rec.method === 'HEAD' || rec.method === 'OPTIONS') return send(200);
    const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(rec.method);
    if (!hasBody && rec.method !== 'GET') return send(501, 'text/plain', 'Method not implemented\n');
    if (hasBody && !/^[0-9]+$/.test(h['content-length'] ?? ''))
      return send(400, 'text/plain', 'Content-length not provided\n');
    if (!endpoint.methods.includes(rec.method))
      return send(400, 'text/plain', 'Endpoint does not support method\n');
    // A request from a browser (a Mozilla/ user agent, or an Origin header) needs the connector's API version header;
    // without it the connection is closed with no answer, so that web pages cannot even tell Zotero runs.
    const isBrowser = (h['user-agent'] ?? '').startsWith('Mozilla/') || 'origin' in h;
    if (
      isBrowser &&
      !h['x-zotero-connector-api-version'] &&
      !h['zotero-allowed-request'] &&
      !(rec.path === '/connector/ping' && h['sec-fetch-mode'] === 'navigate')
    ) {
      res.socket?.destroy();
      return false;
    }
    let data: unknown = null;
    const contentType = (h['content-type'] ?? '').split(/\s*;/)[0];
    if (hasBody && contentType) {
      if (!endpoint.types.includes(contentType))
        return send(400, 'text/plain', 'Endpoint does not support content-type\n');
      if (contentType === 'application/json') {
        try {
          data = JSON.parse(rec.body);
        } catch {
          return send(400, 'text/plain', 'Invalid JSON provided\n');
        }
      } else data = rec.body;
    }
    if (rec.path === '/connector/ping') {
      if (rec.method === 'GET')
        return send(200, 'text/html', '<!DOCTYPE html><html><body>Zotero is running</body></html>');
      const prefs = {
        automaticSnapshots: options.automaticSnapshots ?? true,
        supportsAttachmentUpload: true,
      };
      return send(200, 'application/json', JSON.stringify({ prefs }));
    }
    return saveItems(h['x-zotero-connector-api-version'], data, send);
  }

  function saveItems(
    apiVersion: string | string[] | undefined,
    data: unknown,
    send: (status: number, type?: string, body?: string) => boolean,
  ): boolean {
    // versionWarning(req, true): an API version below Zotero's is refused (compared as Zotero's JS does).
    // biome-ignore lint/suspicious/noExplicitAny: the same loose comparison as Zotero's code ("2" >= 3)
    if (apiVersion !== undefined && !((apiVersion as any) >= API_VERSION))
      return send(400, 'application/json', JSON.stringify({ error: 'CONNECTOR_VERSION_OUTDATED' }));
    const d = data as { sessionID?: unknown; uri?: unknown; items?: unknown } | null;
    // No body: Zotero's handler reads data.sessionID of null and fails.
    if (!d || typeof d !== 'object') return send(500);
    const sessionID = d.sessionID === undefined ? randomBytes(4).toString('hex') : String(d.sessionID);
    if (sessions.has(sessionID))
      return send(409, 'application/json', JSON.stringify({ error: 'SESSION_EXISTS' }));
    sessions.add(sessionID);
    if (options.readOnly) return send(500, 'application/json', JSON.stringify({ libraryEditable: false }));
    const items = Array.isArray(d.items) ? (d.items as Record<string, unknown>[]) : null;
    // All items are saved in one transaction: one that cannot be saved fails them all (and ends the session).
    if (!items || items.some((it) => !it || typeof it !== 'object' || !ITEM_TYPES.has(String(it.itemType)))) {
      sessions.delete(sessionID);
      return send(500);
    }
    for (const it of items) {
      const { attachments, notes, ...fields } = it as {
        attachments?: Record<string, unknown>[];
        notes?: { note?: string }[];
      };
      const kept: SavedAttachment[] = [];
      const ignored: Record<string, unknown>[] = [];
      for (const a of attachments ?? []) {
        if (canSaveAttachment(a) && /^https?:\/\//i.test(String(a.url)))
          kept.push({
            title: String(a.title ?? 'Attachment'),
            url: String(a.url),
            ...(a.mimeType ? { mimeType: String(a.mimeType) } : {}),
            linkMode: 'linked_url',
          });
        else ignored.push(a);
      }
      saved.push({
        sessionID,
        ...(typeof d.uri === 'string' ? { uri: d.uri } : {}),
        item: fields,
        attachments: kept,
        ignoredAttachments: ignored,
        notes: (notes ?? []).map((n) => String(n.note ?? '')),
      });
    }
    return send(201, 'application/json');
  }

  /**
   * ItemSaver._canSaveAttachment with ATTACHMENT_MODE_IGNORE (saveSession.js: "All attachments come from the
   * Connector"): only links to web pages are saved by saveItems; files (a PDF) are for the Connector to upload.
   */
  function canSaveAttachment(a: Record<string, unknown>): boolean {
    const isLink =
      WEB_PAGE_TYPES.includes(String(a.mimeType)) && (a.snapshot === false || a.linkMode === 'linked_url');
    if (!isLink || !a.url) return false;
    if (a.snapshot !== false) return options.automaticSnapshots ?? true;
    return true;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    saved,
    sessions,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
