import MiniSearch, { type SearchOptions } from 'minisearch';
import type { LibraryItem } from './items';

// Full-text search over the saved papers with MiniSearch: title, authors, abstract, notes and tags; prefix matching
// on the word being typed, typo tolerance on longer words, every word must match (AND).

export interface Doc {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  notes: string;
  tags: string;
}

export function toDoc(item: LibraryItem): Doc {
  return {
    id: item.paper.id,
    title: item.paper.title,
    authors: item.paper.authors.join(' '),
    abstract: item.paper.abstract ?? '',
    notes: item.user?.notes ?? '',
    tags: item.user?.tags.join(' ') ?? '',
  };
}

const FIELDS = ['title', 'authors', 'abstract', 'notes', 'tags'] as const;
/** Everything but the abstracts: a tenth of the text, indexed in a tenth of the time. */
const META_FIELDS = ['title', 'authors', 'notes', 'tags'] as const;

/** Words too common to find anything (most abstracts have them all): not indexed, ignored in queries. */
const STOP_WORDS = new Set(
  'a an and are as at be by can for from has have in is it its of on or our that the their these this to we which with'.split(
    ' ',
  ),
);

const SEARCH: SearchOptions = {
  combineWith: 'AND',
  boost: { title: 3, authors: 2, tags: 2, notes: 1.5 },
  // Prefix only on the last word (the one being typed) and from 3 characters (a shorter prefix expands to too many
  // words to be useful or fast); one typo allowed in words of 6 characters or more.
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
  maxFuzzy: 1,
};

/** Lower case, accents folded (so "lio" finds "Liò" and "schrodinger" finds "Schrödinger"), stop words dropped. */
function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  if (STOP_WORDS.has(t)) return null;
  return /^[\x20-\x7e]*$/.test(t) ? t : t.normalize('NFD').replace(/\p{M}/gu, '');
}

export class LibrarySearch {
  private index: MiniSearch<Doc>;

  /** `meta`: titles, authors, notes and tags only (fast to build); `full`: abstracts too. */
  constructor(fields: 'full' | 'meta' = 'full') {
    this.index = new MiniSearch<Doc>({
      fields: [...(fields === 'full' ? FIELDS : META_FIELDS)],
      storeFields: [],
      processTerm,
      searchOptions: SEARCH,
    });
  }

  /** Indexes documents in chunks, yielding between them (a query waiting in the worker is answered meanwhile). */
  async addDocs(docs: readonly Doc[], chunkSize = 100): Promise<void> {
    await this.index.addAllAsync(docs, { chunkSize });
  }

  async addAll(items: readonly LibraryItem[]): Promise<void> {
    await this.addDocs(items.map(toDoc), 500);
  }

  addAllSync(items: readonly LibraryItem[]): void {
    this.index.addAll(items.map(toDoc));
  }

  /** After a change of notes or tags (or a new paper). */
  upsert(item: LibraryItem | Doc): void {
    const doc = 'paper' in item ? toDoc(item) : item;
    if (this.index.has(doc.id)) this.index.replace(doc);
    else this.index.add(doc);
  }

  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Ids of the matching papers, best match first; undefined for an empty query (no search: show all). */
  search(query: string): string[] | undefined {
    if (!query.trim()) return undefined;
    return this.index.search(query).map((r) => String(r.id));
  }
}

// --- The search worker's side -------------------------------------------------------------------------------------

export type SearchRequest =
  | { kind: 'query'; seq: number; q: string }
  | { kind: 'upsert'; docs: Doc[] }
  | { kind: 'remove'; ids: string[] };

export type SearchReply =
  | { kind: 'hits'; seq: number; q: string; ids: string[] | undefined }
  | { kind: 'ready'; full: boolean; count: number }
  | { kind: 'error'; message: string };

/**
 * Search in a worker, off the popup's main thread: builds a titles/authors/notes/tags index first (answers within a
 * fraction of a second), then the full index with abstracts, in chunks between which queries are answered. Changes
 * (notes, tags, removals) apply to both. Pure: `post` sends replies; the worker file wires it to `postMessage`.
 */
export class SearchHost {
  private meta = new LibrarySearch('meta');
  private full = new LibrarySearch('full');
  private fullReady = false;
  private metaReady = false;
  private pending: SearchRequest[] = [];
  /** Changes that arrived while the full index was being built: applied to it once built. */
  private fullQueue: SearchRequest[] = [];

  constructor(private readonly post: (reply: SearchReply) => void) {}

  async load(docs: readonly Doc[]): Promise<void> {
    await this.meta.addDocs(docs, docs.length || 1);
    this.metaReady = true;
    this.post({ kind: 'ready', full: false, count: docs.length });
    for (const r of this.pending.splice(0)) this.handle(r);
    await this.full.addDocs(docs, 100);
    this.fullReady = true;
    for (const r of this.fullQueue.splice(0)) this.apply(this.full, r);
    this.post({ kind: 'ready', full: true, count: docs.length });
  }

  handle(req: SearchRequest): void {
    if (!this.metaReady) {
      // Held until the first index is built (a change applied now would be added twice); only the last query counts.
      if (req.kind === 'query') this.pending = this.pending.filter((r) => r.kind !== 'query');
      this.pending.push(req);
      return;
    }
    switch (req.kind) {
      case 'query': {
        const index = this.fullReady ? this.full : this.meta;
        this.post({ kind: 'hits', seq: req.seq, q: req.q, ids: index.search(req.q) });
        break;
      }
      default:
        this.apply(this.meta, req);
        if (this.fullReady) this.apply(this.full, req);
        else this.fullQueue.push(req);
    }
  }

  private apply(index: LibrarySearch, req: SearchRequest): void {
    if (req.kind === 'upsert') for (const d of req.docs) index.upsert(d);
    else if (req.kind === 'remove') for (const id of req.ids) index.remove(id);
  }
}
