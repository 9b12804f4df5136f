import * as v from 'valibot';
import type { PaperText } from '../classify/types';
import { color, LIMITS } from '../shapes';
import { BUILTIN_TOPICS, type TopicInfo } from '../topics';
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
  return db.transaction('rw', db.topics, async () => {
    const prev = input.id ? await db.topics.get(input.id) : undefined;
    if (input.id && !prev) throw new LibraryError('That topic no longer exists.');
    const lower = name.toLowerCase();
    const clash =
      BUILTIN_TOPICS.some((t) => t.name.toLowerCase() === lower || t.id === lower) ||
      (await db.topics.toArray()).some((t) => t.id !== input.id && t.name.toLowerCase() === lower);
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
    await db.topics.put(topic);
    return topic;
  });
}

/** Deletes a user topic and its marks. */
export async function deleteUserTopic(db: PaperSiftDb, id: string): Promise<void> {
  await db.transaction('rw', db.topics, db.marks, async () => {
    await db.topics.delete(id);
    await db.marks.where('topicId').equals(id).delete();
  });
}

export async function listUserTopics(db: PaperSiftDb): Promise<UserTopicRecord[]> {
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
  return db.transaction('rw', db.papers, db.topics, db.marks, async () => {
    if (relevant === null) await db.marks.delete([topicId, paperId]);
    else {
      if (!(await db.papers.get(paperId))) throw new LibraryError(`Unknown paper ${paperId}.`);
      if (!BUILTIN_TOPICS.some((t) => t.id === topicId) && !(await db.topics.get(topicId)))
        throw new LibraryError(`Unknown topic ${topicId}.`);
      await db.marks.put({ topicId, paperId, relevant, at: now });
    }
    const marks: Record<string, boolean> = {};
    for (const m of await db.marks.where('paperId').equals(paperId).toArray()) marks[m.topicId] = m.relevant;
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
  return db.transaction('r', db.settings, db.topics, db.marks, db.papers, async () => {
    const settings = await getSettings(db);
    const userTopics = await listUserTopics(db);
    const marks = await db.marks.toArray();
    const ids = [...new Set([...marks.map((m) => m.paperId), ...userTopics.flatMap((t) => t.examples)])];
    const papers: Record<string, PaperText> = {};
    (await db.papers.bulkGet(ids)).forEach((p) => {
      if (p) papers[p.id] = p.abstract ? { title: p.title, abstract: p.abstract } : { title: p.title };
    });
    const builtin = BUILTIN_TOPICS.map((t) => {
      const s: BuiltinTopicSetting = settings.builtinTopics[t.id] ?? {};
      return { id: t.id, enabled: s.enabled ?? true, color: s.color ?? t.color };
    });
    return { builtin, userTopics, marks, papers };
  });
}

/** Every topic as shown (built-in with the user's colour, then the user's own), with its on/off. */
export async function listDisplayTopics(
  db: PaperSiftDb,
): Promise<(TopicInfo & { enabled: boolean; builtin: boolean })[]> {
  return db.transaction('r', db.settings, db.topics, async () => {
    const settings = await getSettings(db);
    const builtin = BUILTIN_TOPICS.map((t) => {
      const s: BuiltinTopicSetting = settings.builtinTopics[t.id] ?? {};
      return { ...t, color: s.color ?? t.color, enabled: s.enabled ?? true, builtin: true };
    });
    const user = (await listUserTopics(db)).map((t) => ({
      id: t.id,
      name: t.name,
      short: t.short,
      color: t.color,
      enabled: t.enabled,
      builtin: false,
    }));
    return [...builtin, ...user];
  });
}
