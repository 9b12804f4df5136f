import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Classification, PaperText, TopicClassifier } from '../../../lib/classify/types';
import { sightingRecord, writeRecords } from '../../../lib/db/papers';
import { PaperSiftDb } from '../../../lib/db/schema';
import type { PaperMeta } from '../../../lib/paper';

/** 36 real papers (tests/fixtures/library/README.md): arXiv cs.LG metadata with authors, and tricky titles. */
export function samplePapers(): PaperMeta[] {
  const file = resolve(import.meta.dirname, '../../fixtures/library/papers-sample.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { source: _source, ...meta } = JSON.parse(line) as PaperMeta & { source: string };
      return meta;
    });
}

/** A fresh database in its own fake IndexedDB (and the factory, to reopen it as a restarted background would). */
export function freshDb(name = 'papersift'): { db: PaperSiftDb; factory: IDBFactory } {
  const factory = new IDBFactory();
  return { db: new PaperSiftDb(name, { indexedDB: factory, IDBKeyRange }), factory };
}

export function reopen(factory: IDBFactory, name = 'papersift'): PaperSiftDb {
  return new PaperSiftDb(name, { indexedDB: factory, IDBKeyRange });
}

/** A transparent stand-in for the classifier: "graph" in the text means gnn, "reinforcement" means rl. */
export function probeClassify(p: PaperText): Classification {
  const text = `${p.title} ${p.abstract ?? ''}`;
  const labels = ['gnn', 'rl'].filter((t) => (t === 'gnn' ? /graph/i : /reinforcement/i).test(text));
  return {
    labels,
    scores: { gnn: labels.includes('gnn') ? 0.9 : 0.1, rl: labels.includes('rl') ? 0.8 : 0.05 },
    evidence: Object.fromEntries(labels.map((l) => [l, [l === 'gnn' ? 'graph' : 'reinforcement']])),
  };
}

/** The stand-in as a topic model (the background's model cache builds it). */
export const probeModel: TopicClassifier = { topics: ['gnn', 'rl'], classify: probeClassify };

/** Papers seen on a page at `now`, recorded as the background records them (classified, merged, one transaction). */
export function recordSeen(
  db: PaperSiftDb,
  papers: readonly PaperMeta[],
  classify: (p: PaperText) => Classification,
  now: number,
): Promise<unknown> {
  return writeRecords(
    db,
    papers.map((p) => sightingRecord(undefined, p, classify, now)),
  );
}
