import * as v from 'valibot';
import type { PaperText } from '../classify/types';
import { color, LIMITS } from '../shapes';
import { BUILTIN_TOPICS, type TopicInfo } from '../topics';
import { bound } from './bound';
import { LibraryError, newId } from './lists';
import type { MarkRecord, PaperSiftDb, UserTopicRecord } from './schema';
import { type BuiltinTopicSetting, getSettings } from './settings';

// The user's topics and topic feedback (marks), and what the topic model is rebuilt from.

export interface UserTopicInput {
  /** Absent: a new topic. */
  id?: string;
  name: string;
  short?: string;
  color: string;
  phrases: string[];
  examples?: string[];
  enabled?: boolean;
}

/** Creates or edits a user topic. Phrases are trimmed and de-duplicated; the name must be unique among topics. */
export async function putUserTopic(
  db: PaperSiftDb,
  input: UserTopicInput,
  now: number,
): Promise<UserTopicRecord> {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name || name.length > LIMITS.topicName)
    throw new LibraryError(`A topic needs a name of 1 to ${LIMITS.topicName} characters.`);
  if (!v.is(color, input.color)) throw new LibraryError('A topic colour is a hex colour like #2563eb.');
  const phrases = [...new Set(input.phrases.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  if (phrases.length > LIMITS.phrases)
    throw new LibraryError(`A topic has at most ${LIMITS.phrases} key phrases.`);
  if (phrases.some((p) => p.length > LIMITS.phrase))
    throw new LibraryError(`A key phrase has at most ${LIMITS.phrase} characters.`);
  const examples = [...new Set(input.examples ?? [])];
  if (examples.length > LIMITS.examples)
    throw new LibraryError(`A topic has at most ${LIMITS.examples} examples.`);
  return db.transaction('rw', ['topics'], async (tx) => {
    const t = bound(tx, ['topics']);
    const prev = input.id ? await t.topics.get(input.id) : undefined;
    if (input.id && !prev) throw new LibraryError('That topic no longer exists.');
    const lower = name.toLowerCase();
    const clash =
      BUILTIN_TOPICS.some((b) => b.name.toLowerCase() === lower || b.id === lower) ||
      (await t.topics.toArray()).some((x) => x.id !== input.id && x.name.toLowerCase() === lower);
    if (clash) throw new LibraryError(`There is already a topic named "${name}".`);
    const topic: UserTopicRecord = {
      id: prev?.id ?? newId('topic'),
      name,
      short: (input.short ?? '').trim().slice(0, LIMITS.topicShort) || name.slice(0, 10),
      color: input.color.toLowerCase(),
      phrases,
      examples: input.examples ? examples : (prev?.examples ?? []),
      enabled: input.enabled ?? prev?.enabled ?? true,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    await t.topics.put(topic);
    return topic;
  });
}

/** Deletes a user topic and its marks. */
export async function deleteUserTopic(db: PaperSiftDb, id: string): Promise<void> {
  await db.transaction('rw', ['topics', 'marks'], (tx) =>
    deleteUserTopicIn(bound(tx, ['topics', 'marks']), id),
  );
}

/** `deleteUserTopic` in the caller's transaction (over topics and marks at least). */
export async function deleteUserTopicIn(t: Pick<PaperSiftDb, 'topics' | 'marks'>, id: string): Promise<void> {
  await t.topics.delete(id);
  await t.marks.where('topicId').equals(id).delete();
}

export async function listUserTopics(db: Pick<PaperSiftDb, 'topics'>): Promise<UserTopicRecord[]> {
  return (await db.topics.toArray()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * Marks a paper as relevant (true) or not (false) to a topic, or removes the mark (null), from a page or the options
 * page alike; marking again replaces the mark. Returns the paper's marks afterwards, by topic.
 */
export async function setMark(
  db: PaperSiftDb,
  topicId: string,
  paperId: string,
  relevant: boolean | null,
  now: number,
): Promise<Record<string, boolean>> {
  return db.transaction('rw', ['papers', 'topics', 'marks'], async (tx) => {
    const t = bound(tx, ['papers', 'topics', 'marks']);
    if (relevant === null) await t.marks.delete([topicId, paperId]);
    else {
      if (!(await t.papers.get(paperId))) throw new LibraryError(`Unknown paper ${paperId}.`);
      if (!BUILTIN_TOPICS.some((b) => b.id === topicId) && !(await t.topics.get(topicId)))
        throw new LibraryError(`Unknown topic ${topicId}.`);
      await t.marks.put({ topicId, paperId, relevant, at: now });
    }
    const marks: Record<string, boolean> = {};
    for (const m of await t.marks.where('paperId').equals(paperId).toArray()) marks[m.topicId] = m.relevant;
    return marks;
  });
}

/** A topic's marks, newest first. */
export async function listMarks(db: PaperSiftDb, topicId: string): Promise<MarkRecord[]> {
  const marks = await db.marks.where('topicId').equals(topicId).toArray();
  return marks.sort((a, b) => b.at - a.at);
}

/** Everything the topic model is rebuilt from, read in one transaction. */
export interface TopicState {
  /** Every built-in topic with its on/off and colour (user's choice or the default). */
  builtin: { id: string; enabled: boolean; color: string }[];
  userTopics: UserTopicRecord[];
  marks: MarkRecord[];
  /** Title and abstract of every paper that is marked or is a user topic's example. */
  papers: Record<string, PaperText>;
}

export async function loadTopicState(db: PaperSiftDb): Promise<TopicState> {
  return db.transaction('r', ['settings', 'topics', 'marks', 'papers'], async (tx) => {
    const t = bound(tx, ['settings', 'topics', 'marks', 'papers']);
    const settings = await getSettings(t);
    const userTopics = await listUserTopics(t);
    const marks = await t.marks.toArray();
    const ids = [...new Set([...marks.map((m) => m.paperId), ...userTopics.flatMap((u) => u.examples)])];
    const papers: Record<string, PaperText> = {};
    (await t.papers.bulkGet(ids)).forEach((p) => {
      if (p) papers[p.id] = p.abstract ? { title: p.title, abstract: p.abstract } : { title: p.title };
    });
    const builtin = BUILTIN_TOPICS.map((b) => {
      const s: BuiltinTopicSetting = settings.builtinTopics[b.id] ?? {};
      return { id: b.id, enabled: s.enabled ?? true, color: s.color ?? b.color };
    });
    return { builtin, userTopics, marks, papers };
  });
}

/** Every topic as shown (built-in with the user's colour, then the user's own), with its on/off. */
export async function listDisplayTopics(
  db: PaperSiftDb,
): Promise<(TopicInfo & { enabled: boolean; builtin: boolean })[]> {
  return db.transaction('r', ['settings', 'topics'], async (tx) => {
    const t = bound(tx, ['settings', 'topics']);
    const settings = await getSettings(t);
    const builtin = BUILTIN_TOPICS.map((b) => {
      const s: BuiltinTopicSetting = settings.builtinTopics[b.id] ?? {};
      return { ...b, color: s.color ?? b.color, enabled: s.enabled ?? true, builtin: true };
    });
    const user = (await listUserTopics(t)).map((u) => ({
      id: u.id,
      name: u.name,
      short: u.short,
      color: u.color,
      enabled: u.enabled,
      builtin: false,
    }));
    return [...builtin, ...user];
  });
}
