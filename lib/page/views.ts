/**
 * What the page modules draw, as data: the props of the in-page views (`components/EntryTools`, `FilterBar`,
 * `KeyHelp`). lib/ does not import components/: the content script passes functions that render these props into
 * our shadow roots (`PageViews`), and the components take their prop types from here.
 */
import type { TopicInfo } from '../topics';
import type { FilterState } from './filter';

export interface EntryTopic {
  topic: TopicInfo;
  score: number;
  evidence: readonly string[];
  /** The score is near the topic's threshold: shown as a possible label, not a sure one. */
  uncertain: boolean;
}

export interface EntryToolsProps {
  /** The entry's labels among enabled topics, strongest first. */
  topics: readonly EntryTopic[];
  saved: boolean;
  dismissed: boolean;
  /** Seen on an earlier visit. */
  seen: boolean;
  /** A request is on its way: the buttons wait. */
  busy?: boolean;
  pdfUrl?: string;
  /** Reading lists to save into (the first is the default); the chooser shows when there are several. */
  lists: readonly { id: string; name: string }[];
  /** Every enabled topic, for the "relevant for…" marks, with the user's mark on this paper if any. */
  markable: readonly { topic: TopicInfo; mark: boolean | undefined }[];
  menuOpen: boolean;
  /** What the model read: the "why" says "from the title only" when there was no abstract. */
  textKind: 'abstract' | 'snippet' | 'title';
  onToggleSave: (listId?: string) => void;
  onToggleDismiss: () => void;
  onMark: (topicId: string, relevant: boolean | null) => void;
  onToggleMenu: () => void;
  /** Sends the paper to the Zotero desktop app (its connector server). */
  onZotero: () => void;
}

export interface FilterBarProps {
  topics: readonly { topic: TopicInfo; count: number }[];
  /** Entries on the page, entries matching any enabled topic, entries visible after the filter, new entries. */
  total: number;
  matching: number;
  visible: number;
  fresh: number;
  filter: FilterState;
  collapsed: boolean;
  onChange: (next: FilterState) => void;
  onToggleCollapsed: () => void;
  onHelp: () => void;
  /** Receives the text field, so that `/` can focus it. */
  textRef: (el: HTMLInputElement | null) => void;
  /** The user is about to type a filter. */
  onTextFocus: () => void;
}

export interface KeyHelpProps {
  keys: readonly { key: string; label: string }[];
  onClose: () => void;
}

/** A short notice after an action, with what can be done about it ("Dismissed · Undo"). */
export interface NoticeProps {
  text: string;
  action?: { label: string; title: string; run: () => void };
}

/** The bar's shadow root holds the notice and the key help (when there) above the filter bar. */
export interface BarViewProps {
  notice?: NoticeProps;
  help?: KeyHelpProps;
  bar: FilterBarProps;
}

/** A run of folded entries: "▸ 12 folded", opening into their title lines. */
export interface FoldProps {
  count: number;
  open: boolean;
  titles: readonly { id: string; title: string }[];
  onToggle: () => void;
  onOpenEntry: (id: string) => void;
}

/** Renders views into our shadow roots; `null` clears one. Injected by the content script. */
export interface PageViews {
  tools(root: ShadowRoot, props: EntryToolsProps | null): void;
  bar(root: ShadowRoot, props: BarViewProps | null): void;
  fold(root: ShadowRoot, props: FoldProps | null): void;
}
