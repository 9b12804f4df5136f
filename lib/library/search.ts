import MiniSearch, { type SearchOptions } from 'minisearch';
import type { LibraryItem } from './items';

// Full-text search over the saved papers with MiniSearch: title, authors, abstract, notes and tags; prefix matching
// on the word being typed, typo tolerance on longer words, every word must match (AND).

interface Doc {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  notes: string;
  tags: string;
}

function toDoc(item: LibraryItem): Doc {
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

const SEARCH: SearchOptions = {
  combineWith: 'AND',
  boost: { title: 3, authors: 2, tags: 2, notes: 1.5 },
  // Prefix only on the last word (the one being typed) and from 2 characters; typos only on words of 5+.
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
  fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
  maxFuzzy: 2,
};

/** Folds accents so "liò" finds "Lio" and "schrodinger" finds "Schrödinger". */
function processTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export class LibrarySearch {
  private index = new MiniSearch<Doc>({
    fields: [...FIELDS],
    storeFields: [],
    processTerm,
    searchOptions: SEARCH,
  });

  /** Indexes the items in chunks, yielding to the page between them (first render is not held up). */
  async addAll(items: readonly LibraryItem[]): Promise<void> {
    await this.index.addAllAsync(items.map(toDoc), { chunkSize: 500 });
  }

  addAllSync(items: readonly LibraryItem[]): void {
    this.index.addAll(items.map(toDoc));
  }

  /** After a change of notes or tags (or a new paper). */
  upsert(item: LibraryItem): void {
    const doc = toDoc(item);
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
