// Real labelled papers committed with the model (lib/classify/data), for tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledPaper } from '../../../lib/classify/train.ts';

const dataDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../lib/classify/data');

export function readLabelled(
  name: 'labels-train' | 'labels-dev' | 'labels-extra' | 'labels-more',
): LabelledPaper[] {
  return readFileSync(resolve(dataDir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPaper);
}

export const TOPICS = ['gnn', 'rl', 'hypernetworks', 'recommendation'] as const;

/** Per-topic F1 of predicted label sets against the papers' labels. */
export function f1PerTopic(
  papers: readonly LabelledPaper[],
  predicted: readonly string[][],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of TOPICS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    papers.forEach((p, i) => {
      const y = p.labels[t] === 1;
      const yhat = (predicted[i] as string[]).includes(t);
      if (y && yhat) tp++;
      else if (yhat) fp++;
      else if (y) fn++;
    });
    out[t] = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return out;
}

export const macro = (f: Record<string, number>) =>
  Object.values(f).reduce((a, b) => a + b, 0) / Object.keys(f).length;
