import { describe, expect, it } from 'vitest';
import { mergeImport } from '../../../lib/db/backup';
import { mergeSighting } from '../../../lib/db/papers';
import { toBibtex } from '../../../lib/library/export';
import { parseBackup, parseBibtex } from '../../../lib/library/import';
import type { PageSeenReply } from '../../../lib/messaging/page';
import { LibraryService } from '../../../lib/service/library';
import { ModelCache, PageService } from '../../../lib/service/page';
import { freshDb, probeModel } from '../db/fixtures';
import { DEFAULT_LIST_ID } from './helpers';

// One id parser (lib/ids.ts) for the adapters (tests/unit/sites/pages.test.ts: every id they give is canonical),
// the import and the export, and every message that names a paper: old- and new-style arXiv ids, versions, arXiv's
// own DOIs, DOIs in any case, doi.org links, DBLP keys. PaperSift 2's import made `arxiv:math.DG/0211159` of what
// the arXiv adapter calls `arxiv:math/0211159`: one paper, two records.

/** Real papers, each with the ids a BibTeX file may give it in one of its forms, and its canonical id. */
const ENTRIES: [string, string, string, string[]][] = [
  ['perelman2002', 'eprint = {math.DG/0211159v2}, archivePrefix = {arXiv}', 'arxiv:math/0211159', []],
  ['maldacena1997', 'eprint = {hep-th/9711200}', 'arxiv:hep-th/9711200', []],
  ['vaswani2017', 'eprint = {arXiv:1706.03762v7}, archivePrefix = {arXiv}', 'arxiv:1706.03762', []],
  ['perelman2003', 'url = {https://arxiv.org/abs/math.DG/0303109v1}', 'arxiv:math/0303109', []],
  ['kipf2016', 'doi = {10.48550/arXiv.1609.02907}', 'arxiv:1609.02907', []],
  ['calefato2023a', 'doi = {10.1109/ESEM56168.2023.10304796}', 'doi:10.1109/esem56168.2023.10304796', []],
  ['calefato2022', 'url = {https://doi.org/10.1145/3491039}', 'doi:10.1145/3491039', []],
  [
    'calefato2023b',
    'eprint = {2307.10774}, eprinttype = {arXiv}, doi = {https://doi.org/10.1109/ESEM56168.2023.10304796}, biburl = {https://dblp.org/rec/conf/esem/CalefatoQLK23.bib}',
    'arxiv:2307.10774',
    ['doi:10.1109/esem56168.2023.10304796', 'dblp:conf/esem/CalefatoQLK23'],
  ],
];

const bib = (entries: typeof ENTRIES) =>
  entries
    .map(([key, ids]) => `@misc{${key}, title = {Paper ${key}}, author = {A. Author}, ${ids}}`)
    .join('\n');

describe('paper ids through every path', () => {
  it('BibTeX: every form of an arXiv id, DOI or DBLP key gives the canonical id, the others beside it', async () => {
    for (const entry of ENTRIES) {
      const r = await parseBibtex(bib([entry]), { listId: DEFAULT_LIST_ID, now: 1 });
      if (!r.ok) throw new Error(r.error);
      const [paper] = r.data.papers ?? [];
      expect([entry[0], paper?.id, paper?.altIds ?? []]).toEqual([entry[0], entry[2], entry[3]]);
    }
  });

  it('our BibTeX export of those papers imports back under the same ids', async () => {
    const r = await parseBibtex(bib(ENTRIES.slice(0, 7)), { listId: DEFAULT_LIST_ID, now: 1 });
    if (!r.ok) throw new Error(r.error);
    const items = (r.data.papers ?? []).map((paper) => ({ paper, addedAt: {}, savedAt: 1 }));
    const back = await parseBibtex(toBibtex(items), { listId: DEFAULT_LIST_ID, now: 1 });
    if (!back.ok) throw new Error(back.error);
    expect(back.data.papers?.map((p) => p.id)).toEqual(ENTRIES.slice(0, 7).map((e) => e[2]));
  });

  it('a backup naming papers in older forms is restored under the canonical ids, its rows following', async () => {
    const paper = (id: string, title: string) => ({
      ...mergeSighting(
        undefined,
        {
          id: 'arxiv:2301.00001',
          title,
          authors: ['A. Author'],
          url: 'https://arxiv.org/abs/x',
          categories: [],
          site: 'arxiv',
        },
        1,
      ),
      id,
      url: `https://arxiv.org/abs/${id.slice(6)}`,
    });
    const parsed = parseBackup(
      JSON.stringify({
        format: 'papersift-backup',
        version: 1,
        schemaVersion: 2,
        exportedAt: '2026-01-01T00:00:00.000Z',
        tables: {
          papers: [
            paper('arxiv:math.DG/0211159', 'The entropy formula for the Ricci flow'),
            paper('doi:10.1109/ESEM56168.2023.10304796', 'Assessing the Use of AutoML'),
          ],
          memberships: [{ listId: DEFAULT_LIST_ID, paperId: 'arxiv:math.DG/0211159', addedAt: 3 }],
          userData: [{ id: 'doi:10.1109/ESEM56168.2023.10304796', tags: ['automl'], updatedAt: 3 }],
        },
      }),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const { db } = freshDb();
    await mergeImport(db, parsed.data);
    expect(await db.papers.toCollection().primaryKeys()).toEqual([
      'arxiv:math/0211159',
      'doi:10.1109/esem56168.2023.10304796',
    ]);
    expect((await db.memberships.toArray()).map((m) => m.paperId)).toEqual(['arxiv:math/0211159']);
    expect((await db.userData.toArray()).map((u) => u.id)).toEqual(['doi:10.1109/esem56168.2023.10304796']);
  });

  it('a page or the popup naming a paper by a form that is not canonical is refused with the reason', async () => {
    const { db } = freshDb();
    const models = new ModelCache(db, () => probeModel);
    const page = new PageService(db, models, () => 1);
    const reply = (await page.pageSeen({
      url: 'https://arxiv.org/list/math/new',
      adapter: 'arxiv-list',
      visitStartedAt: 1,
      papers: [
        'arxiv:math.DG/0211159',
        'arxiv:1706.03762v7',
        'doi:10.1109/ESEM56168.2023.10304796',
        'arxiv:math/0211159',
      ].map((id) => ({
        id,
        title: 'A paper',
        authors: [],
        url: 'https://arxiv.org/abs/math/0211159',
        categories: [],
        site: 'arxiv',
      })),
    })) as PageSeenReply;
    expect(reply.rejected).toEqual(
      [0, 1, 2].map((index) => ({
        index,
        reason: expect.stringMatching(/^id: must be a canonical paper id/),
      })),
    );
    expect(reply.verdicts.map((v) => v.id)).toEqual(['arxiv:math/0211159']);
    const library = new LibraryService(
      db,
      () => 1,
      () => {},
      models,
    );
    expect(
      await library.handle({ op: 'setStatus', paperIds: ['arxiv:math.DG/0211159'], status: 'read' }),
    ).toEqual({
      error: expect.stringMatching(/^library: paperIds\.0: must be a canonical paper id/),
    });
  });
});
