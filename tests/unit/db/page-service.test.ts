import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Classification, PaperText, TopicClassifier } from '../../../lib/classify/types';
import { addToList, createList, removeFromLists } from '../../../lib/db/lists';
import { DEFAULT_LIST_ID, PaperSiftDb } from '../../../lib/db/schema';
import { listVisits } from '../../../lib/db/visits';
import type { PageSeenReply } from '../../../lib/messaging/page';
import type { PaperMeta } from '../../../lib/paper';
import { ModelCache, PageService } from '../../../lib/service/page';

// These tests are about storage and validation, so the classifier is a transparent stand-in whose output is a
// function of the text it was given: that shows which text (title only, or title + stored abstract) was classified.
const seenTexts: PaperText[] = [];
const probe: TopicClassifier = {
  topics: ['gnn', 'rl'],
  classify(p): Classification {
    seenTexts.push(p);
    const gnn = /graph/i.test(`${p.title} ${p.abstract ?? ''}`);
    return {
      labels: gnn ? ['gnn'] : [],
      scores: { gnn: gnn ? 0.9 : 0.1, rl: 0 },
      evidence: gnn ? { gnn: ['graph'] } : {},
    };
  },
};

const arxivPaper = (id: string, extra: Partial<PaperMeta> = {}): PaperMeta => ({
  id: `arxiv:${id}`,
  title: `Paper ${id}`,
  authors: ['A. Author', 'B. Author'],
  url: `https://arxiv.org/abs/${id}`,
  pdfUrl: `https://arxiv.org/pdf/${id}`,
  categories: ['cs.LG'],
  site: 'arxiv',
  ...extra,
});

/** The saved papers of every list, each once, newest first, with when they were saved (their first membership). */
async function savedPapers(): Promise<[string, number][]> {
  const first = new Map<string, number>();
  for (const m of await db.memberships.toArray())
    first.set(m.paperId, Math.min(first.get(m.paperId) ?? m.addedAt, m.addedAt));
  return [...first].sort((a, b) => b[1] - a[1]);
}

let clock = 1_000;
let db: PaperSiftDb;
let service: PageService;

beforeEach(() => {
  db = new PaperSiftDb('test', { indexedDB: new IDBFactory(), IDBKeyRange });
  service = new PageService(db, new ModelCache(db, () => probe), () => clock);
  seenTexts.length = 0;
});

/** A page's papers, then the deferred write of their records (see PageService.flush). */
const pageSeen = async (papers: unknown[], visitStartedAt = clock) => {
  const reply = (await service.pageSeen({
    url: 'https://arxiv.org/list/cs.LG/new',
    adapter: 'arxiv-list',
    visitStartedAt,
    papers,
    warnings: [],
  })) as PageSeenReply;
  await service.flush();
  return reply;
};

describe('PageService.pageSeen', () => {
  it('answers before writing; the records follow in one deferred write, or before any other write', async () => {
    const reply = (await service.pageSeen({
      url: 'https://arxiv.org/list/cs.LG/new',
      adapter: 'arxiv-list',
      visitStartedAt: clock,
      papers: [arxivPaper('2409.00001'), arxivPaper('2409.00002')],
      warnings: [],
    })) as PageSeenReply;
    expect(reply.verdicts.map((v) => v.id)).toEqual(['arxiv:2409.00001', 'arxiv:2409.00002']);
    expect(await db.papers.count()).toBe(0);
    // Saving a paper of the page writes the page's sightings first.
    expect(await service.setSaved({ paper: arxivPaper('2409.00002'), saved: true })).toEqual({ saved: true });
    expect((await db.papers.toArray()).map((p) => p.id)).toEqual(['arxiv:2409.00001', 'arxiv:2409.00002']);
    // Without anything else, the write comes a moment later by itself.
    await service.pageSeen({
      url: 'https://arxiv.org/list/cs.LG/new',
      adapter: 'arxiv-list',
      visitStartedAt: clock,
      papers: [arxivPaper('2409.00003')],
      warnings: [],
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.papers.count()).toBe(3);
  });

  it('classifies and records every paper, and says which were read on screen on an earlier visit', async () => {
    const first = await pageSeen([
      arxivPaper('2401.00001', { title: 'Graph attention' }),
      arxivPaper('2401.00002'),
      arxivPaper('2401.00004'),
    ]);
    expect(first.verdicts.map((v) => [v.id, v.labels, v.saved, v.seenBefore])).toEqual([
      ['arxiv:2401.00001', ['gnn'], false, false],
      ['arxiv:2401.00002', [], false, false],
      ['arxiv:2401.00004', [], false, false],
    ]);
    expect(await db.papers.count()).toBe(3);
    // Only 00002 was on screen long enough; 00004 was on the page but never read.
    expect(await service.pageViewed({ ids: ['arxiv:2401.00002'] })).toEqual({ ok: true });
    expect(await service.pageViewed({ ids: ['not an id'] })).toHaveProperty('error');

    clock = 2_000;
    const again = await pageSeen(
      [arxivPaper('2401.00002'), arxivPaper('2401.00003'), arxivPaper('2401.00004')],
      2_000,
    );
    expect(again.verdicts.map((v) => [v.id, v.seenBefore])).toEqual([
      ['arxiv:2401.00002', true],
      ['arxiv:2401.00003', false],
      ['arxiv:2401.00004', false],
    ]);
    // Read again later: the first reading counts.
    await service.pageViewed({ ids: ['arxiv:2401.00002'] });
    expect((await db.papers.get('arxiv:2401.00002'))?.viewedAt).toBe(1_000);
    const rec = await db.papers.get('arxiv:2401.00002');
    expect([rec?.firstSeen, rec?.lastSeen]).toEqual([1_000, 2_000]);
  });

  it('keeps one record per paper across sites and re-classifies with the abstract seen earlier', async () => {
    await pageSeen([arxivPaper('2402.00001', { abstract: 'We propose a graph network.' })]);
    const hf = arxivPaper('2402.00001', {
      url: 'https://huggingface.co/papers/2402.00001',
      site: 'huggingface',
      title: 'Paper 2402.00001',
    });
    delete hf.abstract;
    const reply = await pageSeen([hf]);
    expect(reply.verdicts[0]?.labels).toEqual(['gnn']);
    expect(seenTexts.at(-1)).toEqual({
      id: 'arxiv:2402.00001',
      title: 'Paper 2402.00001',
      abstract: 'We propose a graph network.',
    });
    const rec = await db.papers.get('arxiv:2402.00001');
    expect(rec?.sites).toEqual(['arxiv', 'huggingface']);
    expect(rec?.url).toBe('https://arxiv.org/abs/2402.00001');
    expect(await db.papers.count()).toBe(1);
  });

  it('rejects malformed papers one by one and records the rest', async () => {
    const reply = await pageSeen([
      arxivPaper('2403.00001'),
      { ...arxivPaper('2403.00002'), url: 'javascript:alert(1)' },
      { ...arxivPaper('2403.00003'), id: 'no scheme' },
      'not an object',
      { ...arxivPaper('2403.00004'), title: 'x'.repeat(5000) },
    ]);
    expect(reply.verdicts.map((v) => v.id)).toEqual(['arxiv:2403.00001']);
    expect(reply.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(reply.rejected[0]?.reason).toMatch(/^url: /);
    expect(await db.papers.count()).toBe(1);
  });

  it('records each visit for site health: adapter, URL, entries found, rejected, warnings', async () => {
    clock = 3_000;
    await pageSeen([arxivPaper('2407.00001'), { ...arxivPaper('2407.00002'), id: 'bad id' }]);
    await service.pageDone({
      visit: {
        url: 'https://arxiv.org/list/cs.LG/new',
        adapter: 'arxiv-list',
        entries: 3,
        rejected: 1,
        warnings: [],
      },
    });
    // A page that found nothing is a visit too; a pageDone without a visit (late entries) is none.
    clock = 4_000;
    await service.pageDone({
      visit: {
        url: 'https://huggingface.co/papers?date=2024-08-01',
        adapter: 'hf-daily',
        entries: 0,
        rejected: 0,
        warnings: ['no entries found'],
      },
    });
    await service.pageDone({});
    expect(await service.pageDone({ visit: { url: 'javascript:1' } })).toEqual({
      error: expect.stringMatching(/^pageDone: visit.url/),
    });
    expect((await listVisits(db)).map(({ id: _id, ...v }) => v)).toEqual([
      {
        at: 4_000,
        site: 'huggingface',
        adapter: 'hf-daily',
        url: 'https://huggingface.co/papers?date=2024-08-01',
        entries: 0,
        rejected: 0,
        warnings: ['no entries found'],
      },
      {
        at: 3_000,
        site: 'arxiv',
        adapter: 'arxiv-list',
        url: 'https://arxiv.org/list/cs.LG/new',
        entries: 3,
        rejected: 1,
        warnings: [],
      },
    ]);
  });

  it('refuses a malformed envelope without touching the database', async () => {
    const reply = await service.pageSeen({ url: 'https://arxiv.org/list/cs.LG/new', papers: 'nope' });
    expect(reply).toEqual({ error: expect.stringMatching(/^pageSeen: /) });
    expect(await db.papers.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
  });
});

describe('PageService.setSaved', () => {
  it('saves and unsaves, newest first in the list, and the page then reports it saved', async () => {
    await pageSeen([arxivPaper('2404.00001'), arxivPaper('2404.00002')]);
    clock = 5_000;
    expect(await service.setSaved({ paper: arxivPaper('2404.00001'), saved: true })).toEqual({ saved: true });
    clock = 6_000;
    expect(await service.setSaved({ paper: arxivPaper('2404.00002'), saved: true })).toEqual({ saved: true });
    expect(await savedPapers()).toEqual([
      ['arxiv:2404.00002', 6_000],
      ['arxiv:2404.00001', 5_000],
    ]);
    const reply = await pageSeen([arxivPaper('2404.00001'), arxivPaper('2404.00003')]);
    expect(reply.verdicts.map((v) => v.saved)).toEqual([true, false]);

    expect(await service.setSaved({ paper: arxivPaper('2404.00001'), saved: false })).toEqual({
      saved: false,
    });
    expect((await savedPapers()).map(([id]) => id)).toEqual(['arxiv:2404.00002']);
  });

  it('saving twice keeps the first saved date; saving an unseen paper records it', async () => {
    clock = 7_000;
    await service.setSaved({ paper: arxivPaper('2405.00001'), saved: true });
    clock = 8_000;
    await service.setSaved({ paper: arxivPaper('2405.00001'), saved: true });
    expect(await savedPapers()).toEqual([['arxiv:2405.00001', 7_000]]);
    expect((await db.papers.get('arxiv:2405.00001'))?.title).toBe('Paper 2405.00001');
  });

  it('a paper in any list is saved; unsaving from the page removes it from every list', async () => {
    await service.setSaved({ paper: arxivPaper('2408.00001'), saved: true });
    const other = await createList(db, 'Thesis', 9_000);
    await addToList(db, other.id, ['arxiv:2408.00001'], 9_000);
    await removeFromLists(db, ['arxiv:2408.00001'], DEFAULT_LIST_ID);
    expect((await pageSeen([arxivPaper('2408.00001')])).verdicts[0]?.saved).toBe(true);
    expect(await service.setSaved({ paper: arxivPaper('2408.00001'), saved: false })).toEqual({
      saved: false,
    });
    expect(await db.memberships.count()).toBe(0);
    expect((await pageSeen([arxivPaper('2408.00001')])).verdicts[0]?.saved).toBe(false);
  });

  it('validates the paper it is asked to save', async () => {
    const reply = await service.setSaved({
      paper: { ...arxivPaper('2406.00001'), site: 'evil' },
      saved: true,
    });
    expect(reply).toEqual({ error: expect.stringMatching(/^setSaved: paper.site: /) });
    expect(await db.memberships.count()).toBe(0);
  });
});

describe('PageService warm-up', () => {
  it('runs the model once on the warm-up texts after the first page state, never again, and writes nothing', async () => {
    const { warmUpPapers } = await import('../../../lib/classify');
    const texts = warmUpPapers();
    expect(texts.length).toBeGreaterThan(20);
    const warm = new PageService(db, new ModelCache(db, () => probe), () => clock, texts);
    await warm.pageState({ url: 'https://arxiv.org/list/cs.LG/new' });
    await warm.pageState({ url: 'https://arxiv.org/list/cs.LG/new' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seenTexts).toEqual(texts);
    expect(await db.papers.count()).toBe(0);
  });
});

describe('ModelCache', () => {
  it('retries a failed load, and a load that fails late does not drop the newer one', async () => {
    let builds = 0;
    const models = new ModelCache(db, () => {
      builds++;
      if (builds === 1) throw new Error('first build fails');
      return probe;
    });
    const first = models.get();
    // Something changed before the first load ended: the next request starts a new load.
    models.invalidate();
    const second = models.get();
    await expect(first).rejects.toThrow('first build fails');
    await expect(second).resolves.toMatchObject({ classifier: probe });
    // The first load's failure did not clear the second: no third read and build.
    expect(models.get()).toBe(second);
    expect(builds).toBe(2);
    // And a failure alone is not cached.
    const failing = new ModelCache(db, () => {
      throw new Error('broken');
    });
    const failed = failing.get();
    await expect(failed).rejects.toThrow('broken');
    const retry = failing.get();
    expect(retry).not.toBe(failed);
    await expect(retry).rejects.toThrow('broken');
  });
});
