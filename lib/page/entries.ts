import type { PaperVerdict } from '../messaging/page';
import type { PaperMeta } from '../paper';
import { paperMeta } from '../sites/found';
import type { FoundPaper } from '../sites/types';
import { fold, type Visibility } from './filter';

/** The DOM contract: what PaperSift writes on an entry's root element (and nothing else of the page). */
export const ATTR = {
  id: 'data-papersift-id',
  topics: 'data-papersift-topics',
  saved: 'data-papersift-saved',
  dismissed: 'data-papersift-dismissed',
  seen: 'data-papersift-seen',
  match: 'data-papersift-match',
  view: 'data-papersift-view',
  focus: 'data-papersift-focus',
} as const;

/** One paper entry of the page, as PaperSift follows it. */
export interface Entry {
  paper: FoundPaper;
  meta: PaperMeta;
  /** Folded title, authors and abstract, computed when a text filter first needs it. */
  haystack?: string;
  verdict?: PaperVerdict;
  /** Our element in the entry, holding the tools' shadow root. */
  host?: HTMLElement;
  view: Visibility;
  busy: boolean;
  menuOpen: boolean;
}

export function haystackOf(m: PaperMeta): string {
  return fold(`${m.title} ${m.authors.join(' ')} ${m.abstract ?? m.snippet ?? ''}`);
}

export function sameVerdict(a: PaperVerdict, b: PaperVerdict): boolean {
  return (
    a.labels.join(' ') === b.labels.join(' ') &&
    a.saved === b.saved &&
    a.dismissed === b.dismissed &&
    a.seenBefore === b.seenBefore &&
    JSON.stringify(a.marks) === JSON.stringify(b.marks)
  );
}

/** The verdict's labels among enabled topics, strongest first. */
export function shownLabels(
  enabled: ReadonlySet<string>,
  v: { labels: readonly string[]; scores: Record<string, number> },
): string[] {
  return v.labels.filter((l) => enabled.has(l)).sort((a, b) => (v.scores[b] ?? 0) - (v.scores[a] ?? 0));
}

function setFlag(el: Element, attr: string, on: boolean): void {
  if (on) el.setAttribute(attr, 'true');
  else el.removeAttribute(attr);
}

function stripAttributes(el: Element): void {
  for (const a of Object.values(ATTR)) el.removeAttribute(a);
}

/** The entries of the page, in document order, and the way from an element back to its entry. */
export class EntrySet {
  list: Entry[] = [];
  private byElement = new WeakMap<Element, Entry>();

  get(el: Element): Entry | undefined {
    return this.byElement.get(el);
  }

  /** Whether `entry` is still the one its element shows. */
  isCurrent(entry: Entry): boolean {
    return entry.paper.element.isConnected && this.byElement.get(entry.paper.element) === entry;
  }

  /** A new entry for a paper found on the page: its id attribute now, the rest when the background answers. */
  adopt(paper: FoundPaper): Entry {
    const entry: Entry = { paper, meta: paperMeta(paper), view: 'show', busy: false, menuOpen: false };
    // An element that showed another paper loses that paper's attributes (its labels, flags) first.
    if (this.byElement.has(paper.element)) stripAttributes(paper.element);
    paper.element.setAttribute(ATTR.id, paper.id);
    this.byElement.set(paper.element, entry);
    return entry;
  }

  /**
   * The page's papers after a scan, in document order: entries still showing their paper are kept, the others are
   * new (adopted); `gone` are the entries no longer on the page, for the caller to forget.
   */
  reconcile(papers: readonly FoundPaper[]): { fresh: Entry[]; gone: Entry[] } {
    const next: Entry[] = [];
    const fresh: Entry[] = [];
    const kept = new Set<Entry>();
    for (const paper of papers) {
      const known = this.get(paper.element);
      if (known && known.meta.id === paper.id && !kept.has(known)) {
        next.push(known);
        kept.add(known);
      } else {
        const entry = this.adopt(paper);
        next.push(entry);
        fresh.push(entry);
      }
    }
    const gone = this.list.filter((e) => !kept.has(e));
    this.list = next;
    return { fresh, gone };
  }

  /** Removes our traces from an entry that left the page (or whose element now shows another paper). */
  forget(entry: Entry): void {
    entry.host?.remove();
    const el = entry.paper.element;
    const owner = this.byElement.get(el);
    // An element re-rendered in place with another paper: its attributes are the new entry's now.
    if (owner && owner !== entry) return;
    this.byElement.delete(el);
    stripAttributes(el);
  }

  /** The background's answer for an entry: attributes for its labels and flags. */
  applyVerdict(entry: Entry, v: PaperVerdict, enabled: ReadonlySet<string>): void {
    entry.verdict = v;
    const el = entry.paper.element;
    const topics = v.labels.join(' ');
    if (el.getAttribute(ATTR.topics) !== topics) el.setAttribute(ATTR.topics, topics);
    const match = shownLabels(enabled, v)[0];
    if (!match) el.removeAttribute(ATTR.match);
    else if (el.getAttribute(ATTR.match) !== match) el.setAttribute(ATTR.match, match);
    setFlag(el, ATTR.saved, v.saved);
    setFlag(el, ATTR.dismissed, v.dismissed);
    setFlag(el, ATTR.seen, v.seenBefore);
  }
}
