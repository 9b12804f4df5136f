import type { ListRecord, MembershipRecord, PaperRecord, PaperUserRecord, ReadingStatus } from '../db/schema';
import type { SiteId } from '../paper';

/** The reading list every profile has (renamable, not deletable): the views need its id, not the database. */
export { DEFAULT_LIST_ID } from '../db/versions';

/** A saved paper as the popup shows it: the paper, what the user said about it, and its lists. */
export interface LibraryItem {
  paper: PaperRecord;
  user?: PaperUserRecord;
  /** When it went into each of its lists. */
  addedAt: Record<string, number>;
  /** When it was first saved (its earliest list membership). */
  savedAt: number;
}

/** Status as shown: absent = to read. */
export function statusOf(item: LibraryItem): ReadingStatus {
  return item.user?.status ?? 'to-read';
}

/** Groups memberships per paper: list dates and first saved date. */
export function membershipsByPaper(
  memberships: readonly MembershipRecord[],
): Map<string, { addedAt: Record<string, number>; savedAt: number }> {
  const out = new Map<string, { addedAt: Record<string, number>; savedAt: number }>();
  for (const m of memberships) {
    const e = out.get(m.paperId);
    if (e) {
      e.addedAt[m.listId] = m.addedAt;
      e.savedAt = Math.min(e.savedAt, m.addedAt);
    } else out.set(m.paperId, { addedAt: { [m.listId]: m.addedAt }, savedAt: m.addedAt });
  }
  return out;
}

/** Number of papers in each list, and in all lists together. */
export function listCounts(
  lists: readonly ListRecord[],
  memberships: readonly MembershipRecord[],
): { all: number; byList: Record<string, number> } {
  const byList: Record<string, number> = Object.fromEntries(lists.map((l) => [l.id, 0]));
  const papers = new Set<string>();
  for (const m of memberships) {
    byList[m.listId] = (byList[m.listId] ?? 0) + 1;
    papers.add(m.paperId);
  }
  return { all: papers.size, byList };
}

/** `relevance` applies when there is a search query (best match first). */
export type SortKey = 'relevance' | 'saved' | 'title' | 'score';

export interface Filters {
  listId?: string;
  topic?: string;
  status?: ReadingStatus;
  site?: SiteId;
  /** Saved on or after (ms). */
  from?: number;
  /** Saved before (ms). */
  to?: number;
}

/** Saved date as the current view sees it: within a list, when it went into that list. */
export function savedDate(item: LibraryItem, listId?: string): number {
  return (listId ? item.addedAt[listId] : undefined) ?? item.savedAt;
}

export function matchesFilters(item: LibraryItem, f: Filters): boolean {
  if (f.listId && item.addedAt[f.listId] === undefined) return false;
  if (f.topic && !item.paper.topics.includes(f.topic)) return false;
  if (f.status && statusOf(item) !== f.status) return false;
  if (f.site && !item.paper.sites.includes(f.site)) return false;
  const d = savedDate(item, f.listId);
  if (f.from !== undefined && d < f.from) return false;
  if (f.to !== undefined && d >= f.to) return false;
  return true;
}

/** The score a paper sorts by: its score for the filtered topic, else its best labelled topic's score. */
export function sortScore(item: LibraryItem, topic?: string): number {
  const { scores, topics } = item.paper;
  if (topic) return scores[topic] ?? 0;
  let best = 0;
  for (const t of topics) best = Math.max(best, scores[t] ?? 0);
  return best;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorts in place: saved date newest first, title A→Z, or score highest first; ties by id (stable output). */
export function sortItems(items: LibraryItem[], key: SortKey, f: Filters = {}): LibraryItem[] {
  const tie = (a: LibraryItem, b: LibraryItem) =>
    a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0;
  if (key === 'title') {
    const titles = new Map(items.map((i) => [i, i.paper.title]));
    return items.sort((a, b) => collator.compare(titles.get(a) ?? '', titles.get(b) ?? '') || tie(a, b));
  }
  if (key === 'score')
    return items.sort((a, b) => sortScore(b, f.topic) - sortScore(a, f.topic) || tie(a, b));
  return items.sort((a, b) => savedDate(b, f.listId) - savedDate(a, f.listId) || tie(a, b));
}

/**
 * What the popup lists: the search hits (ids, best first; undefined = no query: every item) that pass the filters,
 * in the chosen order (`relevance` keeps the hits' order; without a query it means newest first).
 */
export function viewItems(
  byId: ReadonlyMap<string, LibraryItem>,
  hits: readonly string[] | undefined,
  f: Filters,
  sort: SortKey,
): LibraryItem[] {
  const out: LibraryItem[] = [];
  if (hits) {
    for (const id of hits) {
      const item = byId.get(id);
      if (item && matchesFilters(item, f)) out.push(item);
    }
    return sort === 'relevance' ? out : sortItems(out, sort, f);
  }
  for (const item of byId.values()) if (matchesFilters(item, f)) out.push(item);
  return sortItems(out, sort === 'relevance' ? 'saved' : sort, f);
}

/** "A, B, C et al." for the list rows. */
export function authorsLine(authors: readonly string[]): string {
  return authors.length > 4 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');
}

/** Only http(s) links are ever rendered: anything else (javascript:, data:) gives no link. */
export function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
