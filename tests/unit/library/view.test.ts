import { beforeAll, describe, expect, it } from 'vitest';
import { readLibraryIndex } from '../../../lib/db/lists';
import { type LibraryItem, listCounts, safeHref, viewItems } from '../../../lib/library/items';
import { LibrarySearch, SearchHost, type SearchReply, toDoc } from '../../../lib/library/search';
import { freshDb } from '../db/fixtures';
import { buildLibrary, DEFAULT_LIST_ID, loadItems, papers } from './helpers';

let items: Map<string, LibraryItem>;
let thesisId: string;
const search = new LibrarySearch();
const id = (i: number) => papers[i]?.id as string;
const ids = (list: LibraryItem[]) => list.map((i) => i.paper.id);

beforeAll(async () => {
  const { db } = freshDb();
  ({ thesisId } = await buildLibrary(db));
  items = await loadItems(db);
  await search.addAll([...items.values()]);
  const { lists, memberships } = await readLibraryIndex(db);
  expect(listCounts(lists, memberships)).toEqual({
    all: 30,
    byList: { [DEFAULT_LIST_ID]: 30, [thesisId]: 10 },
  });
});

describe('search', () => {
  it('finds by title words, with the word being typed as a prefix', () => {
    expect(search.search('looped transformers halting')?.[0]).toBe(id(0));
    expect(search.search('christoffel autoenc')).toEqual([id(1)]);
    expect(search.search('')).toBeUndefined();
  });

  it('finds by author, ignoring accents, and tolerates a typo in a long word', () => {
    expect(search.search('zdrale')).toEqual([id(3)]);
    expect(search.search('Ayllon')).toEqual([id(5)]);
    expect(search.search('christofel')).toEqual([id(1)]);
  });

  it('finds by abstract, notes and tags, and follows edits of notes', () => {
    // Two optical-network papers of the sample speak of lightpath quality of transmission in their abstracts.
    expect(search.search('lightpath quality of transmission')?.sort()).toEqual([id(12), id(17)].sort());
    expect(search.search('baseline')).toContain(id(4));
    // Notes of paper 3 say "halting gates … looped transformer"; its own title and abstract do not.
    expect(search.search('halting gates looped')).toEqual(expect.arrayContaining([id(0), id(3)]));
    const item = items.get(id(5)) as LibraryItem;
    const edited = {
      ...item,
      user: { id: id(5), tags: ['ordinal-regression'], notes: 'Try on the Kaggle ordinal set', updatedAt: 1 },
    };
    search.upsert(edited);
    expect(search.search('kaggle ordinal')).toEqual([id(5)]);
    search.upsert(item);
    expect(search.search('kaggle')).toEqual([]);
  });
});

describe('filters and sort', () => {
  it('filters by list, status, site, topic and saved date', () => {
    const all = viewItems(items, undefined, {}, 'saved');
    expect(ids(all)).toEqual(
      papers
        .slice(0, 30)
        .map((p) => p.id)
        .reverse(),
    );
    expect(ids(viewItems(items, undefined, { listId: thesisId }, 'saved'))).toEqual(
      papers
        .slice(0, 10)
        .map((p) => p.id)
        .reverse(),
    );
    expect(ids(viewItems(items, undefined, { status: 'read' }, 'title')).sort()).toEqual(
      [id(0), id(1)].sort(),
    );
    expect(ids(viewItems(items, undefined, { status: 'to-read' }, 'saved'))).toHaveLength(27);
    expect(ids(viewItems(items, undefined, { site: 'huggingface' }, 'saved'))).toEqual([
      id(29),
      id(28),
      id(27),
      id(26),
      id(25),
    ]);
    const gnn = viewItems(items, undefined, { topic: 'gnn' }, 'saved');
    expect(gnn.length).toBeGreaterThan(2);
    expect(gnn.every((i) => /graph/i.test(`${i.paper.title} ${i.paper.abstract}`))).toBe(true);
    const day = 86_400_000;
    const t0 = Date.UTC(2026, 6, 1);
    expect(ids(viewItems(items, undefined, { from: t0 + 5 * day, to: t0 + 8 * day }, 'saved'))).toEqual([
      id(7),
      id(6),
      id(5),
    ]);
  });

  it('sorts by title and by score, and combines a search with filters', () => {
    const titles = viewItems(items, undefined, { site: 'huggingface' }, 'title').map((i) =>
      i.paper.title.slice(0, 12),
    );
    expect(titles).toEqual(['Echo-E$^3$Ne', 'Enhanced Sen', 'FA^{3}-CLIP:', 'LVLM_CSP: Ac', 'sudo rm -rf ']);
    const byScore = viewItems(items, undefined, {}, 'score');
    expect(byScore[0]?.paper.topics.length).toBeGreaterThan(0);
    expect(byScore.at(-1)?.paper.topics).toEqual([]);
    const hits = search.search('graph');
    const inThesis = viewItems(items, hits, { listId: thesisId }, 'relevance');
    expect(ids(inThesis).every((pid) => papers.slice(0, 10).some((p) => p.id === pid))).toBe(true);
    expect(ids(inThesis)).toContain(id(2));
  });

  it('links only http(s) URLs', () => {
    expect(safeHref('https://arxiv.org/abs/2607.20519')).toBe('https://arxiv.org/abs/2607.20519');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<b>x</b>')).toBeUndefined();
  });
});

describe('search worker host', () => {
  it('answers a query typed before the index exists, titles first, abstracts once the full index is built', async () => {
    const replies: SearchReply[] = [];
    const host = new SearchHost((r) => replies.push(r));
    host.handle({ kind: 'query', seq: 1, q: 'lightpath' }); // an abstract word, before anything is indexed
    const loading = host.load([...items.values()].map(toDoc));
    // A note edited while the full index is being built is not lost.
    host.handle({
      kind: 'upsert',
      docs: [{ ...toDoc(items.get(id(5)) as LibraryItem), notes: 'zebrafish' }],
    });
    await loading;
    host.handle({ kind: 'query', seq: 2, q: 'lightpath' });
    host.handle({ kind: 'query', seq: 3, q: 'zebrafish' });
    expect(
      replies.map((r) => (r.kind === 'hits' ? [r.seq, r.ids?.length] : [r.kind, 'full' in r && r.full])),
    ).toEqual([
      ['ready', false],
      [1, 0],
      ['ready', true],
      [2, 2],
      [3, 1],
    ]);
  });
});
