import { afterEach, describe, expect, it } from 'vitest';
import type { ZoteroErrorReply, ZoteroSaveReply } from '../../../lib/messaging/zotero';
import { ZoteroClient } from '../../../lib/zotero/client';
import { ZoteroService } from '../../../lib/zotero/service';
import { startZoteroServer, type ZoteroTestServer } from '../../zotero-server';
import { freshDb } from '../db/fixtures';
import { buildLibrary, papers } from '../library/helpers';

let server: ZoteroTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const T = Date.UTC(2026, 7, 1);

async function setup() {
  const { db } = freshDb();
  await buildLibrary(db);
  server = await startZoteroServer();
  const service = new ZoteroService(db, new ZoteroClient({ fetch, baseUrl: server.url }), () => T);
  return { db, s: server, service };
}

describe('ZoteroService', () => {
  it('sends papers by id with the user tags and notes, and a page paper the library does not know', async () => {
    const { s, service } = await setup();
    const [p3, p4] = [papers[3], papers[4]];
    const page = { ...(papers[0] as (typeof papers)[0]), id: 'arxiv:2601.00001', title: 'Only on the page' };
    const reply = (await service.save({
      paperIds: [p3?.id, p4?.id, 'arxiv:2412.99999'],
      papers: [page],
      uri: 'https://arxiv.org/list/cs.LG/new',
    })) as ZoteroSaveReply;
    expect(reply).toMatchObject({ ok: true, items: 3, missing: ['arxiv:2412.99999'] });
    expect(s.saved.map((x) => x.item.title)).toEqual([p3?.title, p4?.title, 'Only on the page']);
    expect(s.saved[0]?.item.tags).toEqual([{ tag: 'thesis' }, { tag: 'to-cite' }]);
    expect(s.saved[0]?.notes[0]).toContain('&quot;paper&quot; (§3, 50% faster; a &amp; b)');
    expect(s.saved[1]?.item.tags).toEqual([{ tag: 'baseline' }]);
    expect(new Set(s.saved.map((x) => x.sessionID)).size).toBe(1);
    expect(reply.attachments).toBe(s.saved.reduce((n, x) => n + x.attachments.length, 0));
  });

  it('sends a long list in sessions of 100 items', async () => {
    const { s, service } = await setup();
    const many = Array.from({ length: 230 }, (_, i) => ({
      ...(papers[i % papers.length] as (typeof papers)[0]),
      id: `arxiv:2601.${String(i).padStart(5, '0')}`,
    }));
    const reply = await service.save({ papers: many });
    expect(reply).toMatchObject({ ok: true, items: 230 });
    const sessions = s.saved.map((x) => x.sessionID);
    expect([...new Set(sessions)].map((id) => sessions.filter((x) => x === id).length)).toEqual([
      100, 100, 30,
    ]);
  });

  it('Zotero not running: says so and gives the papers as BibTeX', async () => {
    const { s, service } = await setup();
    await s.close();
    server = undefined;
    const reply = (await service.save({ paperIds: [papers[3]?.id as string] })) as ZoteroErrorReply;
    expect(reply.kind).toBe('not-running');
    expect(reply.error).toMatch(/^Zotero is not running/);
    expect(reply.fileName).toBe('papersift-zotero-2026-08-01.bib');
    expect(reply.bibtex).toMatch(/^@misc\{.*\n {2}title = \{/);
    expect(reply.bibtex).toContain('keywords = {thesis, to-cite}');
  });

  it('refuses a request without papers or with a bad id', async () => {
    const { service } = await setup();
    expect(await service.save({ paperIds: [] })).toMatchObject({
      kind: 'invalid',
      error: expect.stringMatching(/no paper/),
    });
    expect(await service.save({ paperIds: ['javascript:alert(1) x'] })).toMatchObject({ kind: 'invalid' });
  });

  it('status: running with its version, or not', async () => {
    const { s, service } = await setup();
    expect(await service.status()).toEqual({ running: true, version: '7.1.0-test' });
    await s.close();
    server = undefined;
    expect(await service.status()).toEqual({ running: false });
  });
});
