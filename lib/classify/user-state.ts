/**
 * The user's own topics and relevance marks: a plain-JSON state, and the few pure functions that build one.
 * Storage-agnostic: callers keep the state wherever they like (IndexedDB) and rebuild the classifier after a
 * change (user-topics.ts compiles it). Apart from the compilation: this is data the extension stores and sends.
 */
import type { PaperText } from './types.ts';

/** A topic the user created. Field names match the extension's database records (extra fields are kept). */
export interface UserTopic {
  id: string;
  name: string;
  /** Key phrases as typed ("motion planning", "robot"). */
  phrases: string[];
  /** Ids of example papers (their texts are in `UserTopicsState.papers`). */
  examples: string[];
  /** Default true. */
  enabled?: boolean;
}

/** "This paper is (not) relevant to this topic": any topic, built-in or the user's. */
export interface RelevanceMark {
  topicId: string;
  paperId: string;
  relevant: boolean;
  /** When (ms since epoch); informative only. */
  at?: number;
}

/** Everything the user has taught the model. Plain JSON: store it, send it, `JSON.parse` it back. */
export interface UserTopicsState {
  topics: UserTopic[];
  marks: RelevanceMark[];
  /** Title (and abstract, when known) of every paper that is marked or is an example. */
  papers: Record<string, PaperText>;
  /** Topic ids switched off (built-in or user topics): never scored or labelled. */
  disabled: string[];
}

/** A paper as the state keeps it: id, title, abstract when known. */
export interface TopicPaper extends PaperText {
  id: string;
}

// State building, for the measurement tools (lib/cli/eval-user-topics.ts, the classify bench) and tests: the
// extension keeps topics and marks in its database (lib/db/topics.ts) and builds the state from its records
// (lib/service/page.ts). Pure: each returns a new state and leaves its argument untouched.

export function emptyUserState(): UserTopicsState {
  return { topics: [], marks: [], papers: {}, disabled: [] };
}

/** Slug of a name for topic ids: "Information Retrieval" -> "information-retrieval". */
function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'topic';
}

const cleanPhrase = (p: string) => p.replace(/\s+/g, ' ').trim();

function withPapers(state: UserTopicsState, papers: readonly TopicPaper[]): Record<string, PaperText> {
  if (!papers.length) return state.papers;
  const out = { ...state.papers };
  for (const p of papers)
    out[p.id] = p.abstract ? { title: p.title, abstract: p.abstract } : { title: p.title };
  return out;
}

/**
 * Creates a topic from a name, key phrases and/or example papers. Its id is `user:<slug>` (made unique).
 * Returns the new state and the topic.
 */
export function createUserTopic(
  state: UserTopicsState,
  input: { name: string; phrases?: readonly string[]; examples?: readonly TopicPaper[]; id?: string },
): { state: UserTopicsState; topic: UserTopic } {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) throw new Error('a topic needs a name');
  let id = input.id ?? `user:${slugify(name)}`;
  if (!input.id) {
    const base = id;
    for (let k = 2; state.topics.some((t) => t.id === id); k++) id = `${base}-${k}`;
  } else if (state.topics.some((t) => t.id === id)) throw new Error(`topic ${id} exists`);
  const examples = input.examples ?? [];
  const topic: UserTopic = {
    id,
    name,
    phrases: [...new Set((input.phrases ?? []).map(cleanPhrase).filter(Boolean))],
    examples: [...new Set(examples.map((p) => p.id))],
    enabled: true,
  };
  return {
    state: { ...state, topics: [...state.topics, topic], papers: withPapers(state, examples) },
    topic,
  };
}

/** Marks a paper relevant (or not) for any topic; marking again replaces the previous mark. */
export function markPaper(
  state: UserTopicsState,
  topicId: string,
  paper: TopicPaper,
  relevant: boolean,
  at?: number,
): UserTopicsState {
  const mark: RelevanceMark = { topicId, paperId: paper.id, relevant, ...(at === undefined ? {} : { at }) };
  const marks = state.marks.filter((m) => !(m.topicId === topicId && m.paperId === paper.id));
  return { ...state, marks: [...marks, mark], papers: withPapers(state, [paper]) };
}
