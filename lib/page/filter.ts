/**
 * The filter bar's model: which entries of the page are shown, dimmed or hidden. Pure: the controller applies the
 * result as data attributes, and a stylesheet does the rest (no node is moved or removed, so the page's own
 * scripts and anchors keep working).
 */

export type FilterMode = 'all' | 'only' | 'dim' | 'fold';
const MODES: readonly FilterMode[] = ['all', 'only', 'dim', 'fold'];

export interface FilterState {
  /**
   * all: every entry shown (matches highlighted); only: entries of the chosen topics only; dim: others faded;
   * fold: others folded to their title, runs of them to one "▸ 12 folded" line (lib/page/fold.ts).
   */
  mode: FilterMode;
  /** Entries of the chosen topics first within each section of the page (lib/page/order.ts); off: the page's order. */
  relevantFirst: boolean;
  /** Topics chosen for `only`/`dim`; empty means "any enabled topic". */
  topics: string[];
  hideSaved: boolean;
  hideDismissed: boolean;
  /** Show only papers not seen on an earlier visit. */
  newOnly: boolean;
  /** Typed text: every word must occur in the title, authors or abstract (case- and accent-insensitive). */
  text: string;
}

export const DEFAULT_FILTER: FilterState = {
  mode: 'all',
  relevantFirst: false,
  topics: [],
  hideSaved: false,
  hideDismissed: true,
  newOnly: false,
  text: '',
};

/** What the filter reads of an entry. */
export interface FilterableEntry {
  labels: readonly string[];
  saved: boolean;
  dismissed: boolean;
  seenBefore: boolean;
  /** Folded (see `fold`) title + authors + abstract. */
  haystack: string;
}

export type Visibility = 'show' | 'dim' | 'fold' | 'hide';

/** Lower case, accents removed, whitespace collapsed: what text search compares. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function textTerms(text: string): string[] {
  const f = fold(text);
  return f ? f.split(' ') : [];
}

/** Whether the entry carries one of the topics the filter is about (any enabled topic when none is chosen). */
export function matchesTopics(
  entry: { labels: readonly string[] },
  state: FilterState,
  enabled: ReadonlySet<string>,
): boolean {
  const wanted = state.topics.length ? state.topics : [...enabled];
  return entry.labels.some((l) => enabled.has(l) && wanted.includes(l));
}

export function visibility(
  entry: FilterableEntry,
  state: FilterState,
  enabled: ReadonlySet<string>,
  terms: readonly string[] = textTerms(state.text),
): Visibility {
  if (state.hideSaved && entry.saved) return 'hide';
  if (state.hideDismissed && entry.dismissed) return 'hide';
  if (state.newOnly && entry.seenBefore) return 'hide';
  if (terms.length && !terms.every((t) => entry.haystack.includes(t))) return 'hide';
  if (state.mode === 'all') return 'show';
  const hit = matchesTopics(entry, state, enabled);
  if (hit) return 'show';
  return state.mode === 'only' ? 'hide' : state.mode;
}

/** Number of entries per enabled topic (for the bar's chips), and of entries matching any enabled topic. */
export function topicCounts(
  entries: Iterable<{ labels: readonly string[] }>,
  enabled: ReadonlySet<string>,
): { perTopic: Map<string, number>; matching: number } {
  const perTopic = new Map<string, number>([...enabled].map((t) => [t, 0]));
  let matching = 0;
  for (const e of entries) {
    let any = false;
    for (const l of e.labels) {
      if (!enabled.has(l)) continue;
      perTopic.set(l, (perTopic.get(l) ?? 0) + 1);
      any = true;
    }
    if (any) matching++;
  }
  return { perTopic, matching };
}

/** The stored choice, checked field by field (it comes from storage and may be from an older version). */
export function parseFilter(raw: unknown): FilterState {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_FILTER };
  const r = raw as Record<string, unknown>;
  const bool = (k: keyof FilterState) =>
    typeof r[k] === 'boolean' ? (r[k] as boolean) : (DEFAULT_FILTER[k] as boolean);
  const mode = MODES.find((m) => m === r.mode) ?? DEFAULT_FILTER.mode;
  const topics = Array.isArray(r.topics)
    ? r.topics.filter((t): t is string => typeof t === 'string' && t.length <= 200).slice(0, 100)
    : [];
  return {
    mode,
    relevantFirst: bool('relevantFirst'),
    topics,
    hideSaved: bool('hideSaved'),
    hideDismissed: bool('hideDismissed'),
    newOnly: bool('newOnly'),
    // The typed text is not carried over to the next visit: it is a search, not a setting.
    text: '',
  };
}
