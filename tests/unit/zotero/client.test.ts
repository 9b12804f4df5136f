import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fetch, ZoteroClient, ZoteroError } from '../../../lib/zotero/client';
import { toZoteroItem } from '../../../lib/zotero/item';
import { startZoteroServer, type ZoteroServerOptions, type ZoteroTestServer } from '../../zotero-server';

// The client against the test server (tests/zotero-server.ts, Zotero's rules), over real HTTP on 127.0.0.1.

let server: ZoteroTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(o: ZoteroServerOptions = {}): Promise<ZoteroTestServer> {
  server = await startZoteroServer(o);
  return server;
}

/** fetch as an extension's background sends it: a browser user agent and an Origin. */
const browserFetch: Fetch = (url, init) =>
  fetch(url, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0',
      Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    },
  });

const paper = {
  id: 'arxiv:2607.20519',
  title: 'Adaptive Halting for Looped Transformers',
  authors: ['Ana Popescu', 'Ludwig van Beethoven'],
  abstract: 'We study halting.',
  url: 'https://arxiv.org/abs/2607.20519',
  pdfUrl: 'https://arxiv.org/pdf/2607.20519',
  categories: ['cs.LG'],
};

/** A raw request with any Host header (fetch sets Host from the URL). */
function rawPost(port: number, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string } | 'cut'>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', () => resolve('cut'));
    req.end(body);
  });
}

describe('Zotero connector client', () => {
  it('pings with the connector API version header and reads Zotero version and prefs', async () => {
    const s = await start();
    const client = new ZoteroClient({ fetch: browserFetch, baseUrl: s.url });
    const reply = await client.ping();
    expect(reply.version).toBe('7.1.0-test');
    expect(reply.prefs.supportsAttachmentUpload).toBe(true);
    const [req] = s.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/connector/ping');
    expect(req?.headers['x-zotero-connector-api-version']).toBe('3');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.host).toBe(`127.0.0.1:${s.port}`);
  });

  it('a browser request without the API version header is cut, as if Zotero were not running', async () => {
    const s = await start();
    await expect(
      browserFetch(`${s.url}/connector/ping`, { method: 'POST', body: '{}', headers: {} }),
    ).rejects.toThrow(TypeError);
    expect(s.requests[0]?.status).toBe(0);
  });

  it('saves items with their PDF link, each save in a fresh session', async () => {
    const s = await start();
    const client = new ZoteroClient({ fetch: browserFetch, baseUrl: s.url });
    const a = await client.saveItems([toZoteroItem({ paper }, 'k1')], 'https://arxiv.org/list/cs.LG/new');
    const b = await client.saveItems([toZoteroItem({ paper: { ...paper, pdfUrl: undefined } }, 'k1')]);
    expect(a.sessionID).not.toBe(b.sessionID);
    expect(s.requests.map((r) => r.status)).toEqual([201, 201]);
    expect(s.saved.map((x) => x.sessionID)).toEqual([a.sessionID, b.sessionID]);
    const [first, second] = s.saved;
    expect(first?.uri).toBe('https://arxiv.org/list/cs.LG/new');
    expect(first?.item).toMatchObject({
      itemType: 'preprint',
      title: paper.title,
      DOI: '10.48550/arXiv.2607.20519',
    });
    expect(first?.item.creators).toEqual([
      { creatorType: 'author', firstName: 'Ana', lastName: 'Popescu' },
      { creatorType: 'author', firstName: 'Ludwig', lastName: 'van Beethoven' },
    ]);
    // Zotero keeps the PDF as a link attachment (it ignores file attachments in saveItems).
    expect(first?.attachments).toEqual([
      { title: 'PDF (link)', url: paper.pdfUrl, mimeType: 'text/html', linkMode: 'linked_url' },
    ]);
    expect(first?.ignoredAttachments).toEqual([]);
    expect(second?.attachments).toEqual([]);
  });

  it('a repeated session id is refused with 409 SESSION_EXISTS', async () => {
    const s = await start();
    const client = new ZoteroClient({ fetch: browserFetch, baseUrl: s.url, newSessionId: () => 'same' });
    await client.saveItems([toZoteroItem({ paper }, 'k1')]);
    const err = await client.saveItems([toZoteroItem({ paper }, 'k1')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZoteroError);
    expect(err).toMatchObject({ kind: 'refused', status: 409, code: 'SESSION_EXISTS' });
    expect(s.saved).toHaveLength(1);
  });

  it('a read-only library is a refusal with its reason', async () => {
    const s = await start({ readOnly: true });
    const client = new ZoteroClient({ fetch: browserFetch, baseUrl: s.url });
    const err = await client.saveItems([toZoteroItem({ paper }, 'k1')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'refused', status: 500, code: 'LIBRARY_NOT_EDITABLE' });
    expect((err as Error).message).toMatch(/read-only/);
  });

  it('an item Zotero cannot save fails the request with its status', async () => {
    const s = await start();
    const client = new ZoteroClient({ fetch: browserFetch, baseUrl: s.url });
    const bad = { ...toZoteroItem({ paper }, 'k1'), itemType: 'noSuchType' } as never;
    const err = await client.saveItems([bad]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'failed', status: 500 });
  });

  it('nothing listening: not running', async () => {
    const s = await start();
    await s.close();
    server = undefined;
    const client = new ZoteroClient({ fetch: browserFetch, baseUrl: s.url });
    const err = await client.ping().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'not-running' });
    expect((err as Error).message).toMatch(/Zotero is not running.*BibTeX/);
  });

  it('another program on the port (an error without X-Zotero-Version): not running', async () => {
    const other = createServer((_req, res) => res.writeHead(404).end('nope'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (other.address() as AddressInfo).port;
      const client = new ZoteroClient({ fetch: browserFetch, baseUrl: `http://127.0.0.1:${port}` });
      await expect(client.ping()).rejects.toMatchObject({ kind: 'not-running' });
    } finally {
      other.closeAllConnections();
      await new Promise((r) => other.close(r));
    }
  });

  it('no answer in time: not running', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as AddressInfo).port;
      const client = new ZoteroClient({ fetch, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
      await expect(client.ping()).rejects.toMatchObject({
        kind: 'not-running',
        message: expect.stringMatching(/in time/),
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('the test server follows Zotero rules', () => {
  const json = { 'Content-Type': 'application/json', 'X-Zotero-Connector-API-Version': '3' };

  it('refuses a Host other than 127.0.0.1 or localhost (DNS rebinding)', async () => {
    const s = await start();
    expect(await rawPost(s.port, '/connector/ping', { ...json, Host: 'evil.example:23119' }, '{}')).toEqual({
      status: 400,
      body: 'Invalid Host header\n',
    });
    expect(
      await rawPost(s.port, '/connector/ping', { ...json, Host: 'localhost:23119' }, '{}'),
    ).toMatchObject({
      status: 200,
    });
  });

  it('refuses an outdated connector API version, a wrong method, content type or JSON, an unknown path', async () => {
    const s = await start();
    const body = JSON.stringify({ sessionID: 'x', items: [] });
    expect(
      await rawPost(s.port, '/connector/saveItems', { ...json, 'X-Zotero-Connector-API-Version': '2' }, body),
    ).toEqual({ status: 400, body: '{"error":"CONNECTOR_VERSION_OUTDATED"}' });
    expect(
      await rawPost(s.port, '/connector/saveItems', { ...json, 'Content-Type': 'text/plain' }, body),
    ).toEqual({ status: 400, body: 'Endpoint does not support content-type\n' });
    expect(await rawPost(s.port, '/connector/saveItems', json, '{oops')).toEqual({
      status: 400,
      body: 'Invalid JSON provided\n',
    });
    expect(await rawPost(s.port, '/connector/nothing', json, body)).toEqual({
      status: 404,
      body: 'No endpoint found\n',
    });
    const get = await fetch(`${s.url}/connector/saveItems`, { headers: json });
    expect([get.status, await get.text()]).toEqual([400, 'Endpoint does not support method\n']);
  });

  it('ignores a PDF file attachment in saveItems (the Connector uploads files itself)', async () => {
    const s = await start();
    const item = {
      ...toZoteroItem({ paper }, 'k1'),
      attachments: [{ title: 'Full Text PDF', url: paper.pdfUrl, mimeType: 'application/pdf' }],
    };
    const r = await rawPost(
      s.port,
      '/connector/saveItems',
      json,
      JSON.stringify({ sessionID: 's', items: [item] }),
    );
    expect(r).toMatchObject({ status: 201 });
    expect(s.saved[0]?.attachments).toEqual([]);
    expect(s.saved[0]?.ignoredAttachments).toHaveLength(1);
  });
});
