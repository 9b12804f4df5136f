import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { mergeImport } from '../../../lib/db/backup';
import { ensurePaper, readUserFlags, setSaved } from '../../../lib/db/papers';
import { DEFAULT_LIST_ID, type PaperSiftDb } from '../../../lib/db/schema';
import { setMark } from '../../../lib/db/topics';
import { setNotes } from '../../../lib/db/user';
import { parseBibtex } from '../../../lib/library/import';
import type { PageSeenReply } from '../../../lib/messaging/page';
import type { PaperMeta } from '../../../lib/paper';
import { ModelCache, PageService } from '../../../lib/service/page';
import { paperMeta } from '../../../lib/sites/found';
import { extractPage } from '../../../lib/sites/index';
import { entry, loadPage } from '../sites/helpers';
import { freshDb, probeClassify, probeModel, samplePapers } from './fixtures';

// One paper seen on two sites is one record (lib/db/identity.ts), with real metadata: two DBLP records in DBLP's own
// BibTeX (tests/fixtures/library/README.md), and their arXiv copies, one read by the arXiv adapter from its real
// abstract page.

const DOI = 'doi:10.1109/esem56168.2023.10304796';
const AUTOML_DBLP = 'dblp:conf/esem/CalefatoQLK23';
const ATTENTION_DBLP = 'dblp:conf/nips/VaswaniSPUJGKP17';

/** The arXiv copy of the ESEM paper as an arXiv listing shows it (arXiv 2307.10774, same title and authors). */
const automlOnArxiv = (extra: Partial<PaperMeta> = {}): PaperMeta => ({
  id: 'arxiv:2307.10774',
  title: 'Assessing the Use of AutoML for Data-Driven Software Engineering',
  authors: ['Fabio Calefato', 'Luigi Quaranta', 'Filippo Lanubile', 'Marcos Kalinowski'],
  url: 'https://arxiv.org/abs/2307.10774',
  pdfUrl: 'https://arxiv.org/pdf/2307.10774',
  categories: ['cs.SE', 'cs.LG'],
  site: 'arxiv',
  ...extra,
});

/** "Attention Is All You Need" as the arXiv adapter reads it from its real abstract page. */
function attentionOnArxiv(): PaperMeta {
  const e = entry('arxiv-abs-1706.03762-browse-0.3.4-2026.html');
  const [paper] = extractPage(loadPage(e.file, e.url), e.url).papers;
  if (!paper) throw new Error('the abstract page gave no paper');
  return paperMeta(paper);
}

let db: PaperSiftDb;
let service: PageService;
let clock: number;

let errors: MockInstance<typeof console.error>;

beforeEach(() => {
  // The page service logs a sighting it could not write (and goes on): here every write must succeed, in one
  // transaction (a write that lost its transaction halfway ended in PrematureCommitError).
  errors = vi.spyOn(console, 'error');
  ({ db } = freshDb());
  clock = 1_000;
  service = new PageService(db, new ModelCache(db, () => probeModel), () => clock);
});

afterEach(() => {
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
});

/** Imports the DBLP BibTeX into the default list, as the background does. */
async function importDblp(): Promise<void> {
  const file = readFileSync(resolve(import.meta.dirname, '../../fixtures/library/dblp-export.bib'), 'utf8');
  const parsed = await parseBibtex(file, { listId: DEFAULT_LIST_ID, now: clock });
  if (!parsed.ok) throw new Error(parsed.error);
  await mergeImport(db, parsed.data);
  // As the background does after an import (lib/service/library.ts).
  service.invalidateFlags();
}

const seen = async (papers: PaperMeta[]) => {
  const reply = (await service.pageSeen({
    url: 'https://arxiv.org/list/cs.LG/new',
    adapter: 'arxiv-list',
    visitStartedAt: clock,
    papers,
  })) as PageSeenReply;
  await service.flush();
  return reply;
};

describe('one paper, one record across sites', () => {
  it('reads a DBLP record as its DOI with the DBLP key beside it, or as its key when it has no DOI', async () => {
    await importDblp();
    expect((await db.papers.toArray()).map((p) => [p.id, p.altIds, p.url, p.titleKey])).toEqual([
      [
        ATTENTION_DBLP,
        undefined,
        'https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
        'attentionisallyouneed|vaswani',
      ],
      [
        DOI,
        [AUTOML_DBLP],
        'https://doi.org/10.1109/ESEM56168.2023.10304796',
        'assessingtheuseofautomlfordatadrivensoftwareengineering|calefato',
      ],
    ]);
  });

  it('an arXiv copy with the same title and first author is the DBLP record: saved and seen follow it', async () => {
    await importDblp();
    // Both were read on the DBLP page (on screen long enough, lib/page/viewed.ts).
    await service.pageViewed({ ids: [ATTENTION_DBLP, DOI] });
    clock = 2_000;
    const reply = await seen([attentionOnArxiv(), automlOnArxiv()]);
    // The page is told the papers are saved and were seen before, and which record they are.
    expect(reply.verdicts.map((v) => [v.id, v.recordId, v.saved, v.seenBefore])).toEqual([
      ['arxiv:1706.03762', 'arxiv:1706.03762', true, true],
      ['arxiv:2307.10774', 'arxiv:2307.10774', true, true],
    ]);
    // One record each, named by the best id (arXiv), with the others beside it; the list follows.
    expect(
      (await db.papers.toArray()).map((p) => [p.id, p.altIds, p.sites, p.firstSeen, p.lastSeen]),
    ).toEqual([
      ['arxiv:1706.03762', [ATTENTION_DBLP], ['arxiv'], 1_000, 2_000],
      ['arxiv:2307.10774', [DOI, AUTOML_DBLP], ['arxiv'], 1_000, 2_000],
    ]);
    expect((await db.memberships.toArray()).map((m) => [m.paperId, m.addedAt])).toEqual([
      ['arxiv:1706.03762', 1_000],
      ['arxiv:2307.10774', 1_000],
    ]);
    // The record keeps the first link (the DBLP one) and takes the abstract the arXiv page showed.
    const attention = await db.papers.get('arxiv:1706.03762');
    expect(attention?.url).toMatch(/^https:\/\/proceedings\.neurips\.cc\//);
    expect(attention?.abstract).toMatch(/^The dominant sequence transduction models/);
    // Seen again under any of its ids, it is the same record.
    const again = await seen([{ ...automlOnArxiv(), id: DOI, altIds: [AUTOML_DBLP] }]);
    expect(again.verdicts.map((v) => [v.recordId, v.saved])).toEqual([['arxiv:2307.10774', true]]);
    expect(await db.papers.count()).toBe(2);
  });

  it('a page that gives a DOI links two records that were apart, and every user row moves to the one left', async () => {
    // Seen on arXiv under an earlier title (no title match), noted and marked there; imported from DBLP, saved.
    await seen([automlOnArxiv({ title: 'On the use of AutoML in software engineering research' })]);
    await setNotes(db, 'arxiv:2307.10774', 'Compare with <b>our</b> pipeline & "AutoSklearn" {v2}', 1_500);
    await setMark(db, 'gnn', 'arxiv:2307.10774', false, 1_500);
    await importDblp();
    await setMark(db, 'gnn', DOI, true, 1_600);
    // Read on the DBLP page, under its DOI.
    await service.pageViewed({ ids: [DOI] });
    expect(await db.papers.count()).toBe(3);
    // The arXiv abstract page gives the paper's DOI: one record.
    clock = 3_000;
    const reply = await seen([automlOnArxiv({ altIds: [DOI] })]);
    expect(reply.verdicts[0]).toMatchObject({ recordId: 'arxiv:2307.10774', saved: true, seenBefore: true });
    expect(await db.papers.get(DOI)).toBeUndefined();
    expect((await db.papers.get('arxiv:2307.10774'))?.altIds).toEqual([DOI, AUTOML_DBLP]);
    expect(await db.memberships.where('paperId').anyOf(['arxiv:2307.10774', DOI]).toArray()).toEqual([
      { listId: DEFAULT_LIST_ID, paperId: 'arxiv:2307.10774', addedAt: 1_000 },
    ]);
    expect((await db.userData.toArray()).map((u) => [u.id, u.notes])).toEqual([
      ['arxiv:2307.10774', 'Compare with <b>our</b> pipeline & "AutoSklearn" {v2}'],
    ]);
    // The newer mark wins.
    expect(await db.marks.toArray()).toEqual([
      { topicId: 'gnn', paperId: 'arxiv:2307.10774', relevant: true, at: 1_600 },
    ]);
    expect([...(await readUserFlags(db)).saved].sort()).toEqual(['arxiv:2307.10774', ATTENTION_DBLP]);
  });

  it('an action that names a paper by another of its ids acts on its record', async () => {
    await importDblp();
    const byKey = { ...automlOnArxiv(), id: AUTOML_DBLP };
    expect(await ensurePaper(db, byKey, probeClassify, 5)).toBe(DOI);
    expect(await setSaved(db, byKey, false, probeClassify, 5)).toBe(false);
    expect(await db.memberships.where('paperId').equals(DOI).count()).toBe(0);
    expect(await setSaved(db, byKey, true, probeClassify, 6)).toBe(true);
    expect((await db.memberships.toArray()).map((m) => m.paperId)).toEqual([ATTENTION_DBLP, DOI]);
    expect(await db.papers.count()).toBe(2);
  });

  it('the same title and first author under two arXiv ids, or under two DOIs, are two papers', async () => {
    const [paper] = samplePapers();
    if (!paper) throw new Error('no sample paper');
    await seen([paper]);
    await seen([{ ...paper, id: 'arxiv:2401.00001' }]);
    expect(await db.papers.count()).toBe(2);
    // A third copy without an arXiv id cannot tell which of the two it is: a record of its own.
    await seen([{ ...paper, id: 'doi:10.1000/xyz' }]);
    expect(await db.papers.count()).toBe(3);
  });
});
