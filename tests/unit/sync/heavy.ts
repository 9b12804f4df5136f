import { sightingRecord, writeRecords } from '../../../lib/db/papers';
import type { PaperSiftDb } from '../../../lib/db/schema';
import { putUserTopic } from '../../../lib/db/topics';
import type { PaperMeta } from '../../../lib/paper';
import { BUILTIN_TOPICS } from '../../../lib/topics';
import { probeClassify, samplePapers } from '../db/fixtures';

// A heavy user's topics and marks (for the quota test and tests/bench/sync-size.bench.ts): `topics` user topics of
// `phrases` key phrases each (2–4 words, like real ones), and `marks` marks on as many papers with real titles
// (the sample's, numbered), spread over the built-in and user topics, a minute apart.

const WORDS =
  'graph neural network message passing attention transformer policy gradient offline reinforcement reward model robot grasping locomotion retrieval ranking recommendation contrastive diffusion sparse mixture experts hypernetwork meta learning few shot molecular protein'.split(
    ' ',
  );

export interface Heavy {
  topicIds: string[];
  /** Paper ids, marked in this order (the last is the newest). */
  paperIds: string[];
}

/** `n` papers with real titles (the sample's, numbered) and arXiv ids of their own. */
export function heavyPapers(n: number): PaperMeta[] {
  const sample = samplePapers();
  return Array.from({ length: n }, (_, i) => {
    const s = sample[i % sample.length] as PaperMeta;
    const id = `arxiv:25${String(1 + (i % 12)).padStart(2, '0')}.${String(10_000 + i).padStart(5, '0')}`;
    return { ...s, id, url: `https://arxiv.org/abs/${id.slice(6)}`, title: `${s.title} (${i})` };
  });
}

export async function heavyUser(
  db: PaperSiftDb,
  { topics = 30, phrases = 50, marks = 5000, t0 = Date.UTC(2026, 0, 1) } = {},
): Promise<Heavy> {
  const topicIds: string[] = [];
  for (let i = 0; i < topics; i++) {
    const list = Array.from({ length: phrases }, (_, j) => {
      const n = 2 + ((i + j) % 3);
      return `${Array.from({ length: n }, (_, k) => WORDS[(i * 7 + j * 3 + k * 5) % WORDS.length]).join(' ')} ${j}`;
    });
    const t = await putUserTopic(
      db,
      {
        name: `Topic ${String(i + 1).padStart(2, '0')} ${WORDS[i % WORDS.length]}`,
        color: '#0e7490',
        phrases: list,
      },
      t0 + i,
    );
    topicIds.push(t.id);
  }
  const metas = heavyPapers(marks);
  await writeRecords(
    db,
    metas.map((m) => sightingRecord(undefined, m, probeClassify, t0)),
  );
  const all = [...BUILTIN_TOPICS.map((t) => t.id), ...topicIds];
  await db.marks.bulkPut(
    metas.map((m, i) => ({
      topicId: all[i % all.length] as string,
      paperId: m.id,
      relevant: i % 3 !== 0,
      at: t0 + 60_000 * (i + 1),
    })),
  );
  return { topicIds, paperIds: metas.map((m) => m.id) };
}
