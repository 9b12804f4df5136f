// Quality on the development labels of a model trained without them (the README's measurement, in-process).
import { describe, expect, it } from 'vitest';
import { compileModel, PaperClassifier } from '../../../lib/classify/classifier.ts';
import { BUILTIN_TOPICS } from '../../../lib/classify/topics.ts';
import { trainTopicModel } from '../../../lib/classify/train.ts';
import { loadTrainingData } from '../../../lib/cli/train.ts';
import { f1PerTopic, macro, readLabelled, TOPICS } from './data.ts';

// The keyword rules of ../shared/eval/classify-eval.mjs, the baseline to beat on every topic.
const RULES: Record<string, RegExp> = {
  gnn: /graph neural|\bGNNs?\b|graph convolution|\bGCNs?\b|message[- ]passing|graph attention/i,
  rl: /reinforcement learning|policy gradient|q-learning|actor-critic|\bbandits?\b|\bRLHF\b/i,
  hypernetworks: /hyper-?networks?\b|hypernet/i,
  recommendation: /recommend(er|ation)|collaborative filtering|click-through|\bCTR\b/i,
};

describe('quality without the dev labels', () => {
  const dev = readLabelled('labels-dev');
  const classifier = new PaperClassifier(
    compileModel(trainTopicModel({ ...loadTrainingData(true), topics: BUILTIN_TOPICS })),
  );

  it('abstracts: macro-F1 >= 0.89, every topic >= 0.84 and above the keyword baseline', () => {
    const f = f1PerTopic(
      dev,
      dev.map((p) => classifier.classify({ title: p.title, abstract: p.abstract }).labels),
    );
    const base = f1PerTopic(
      dev,
      dev.map((p) => TOPICS.filter((t) => (RULES[t] as RegExp).test(`${p.title} ${p.abstract}`))),
    );
    expect(macro(f)).toBeGreaterThanOrEqual(0.89);
    for (const t of TOPICS) {
      expect(f[t]).toBeGreaterThanOrEqual(0.84);
      expect(f[t]).toBeGreaterThan(base[t] as number);
    }
  });

  // Trained without anything of the dev papers (their titles are not in the distillation pool either).
  it('titles only: macro-F1 >= 0.70 and every topic above the keyword baseline', () => {
    const f = f1PerTopic(
      dev,
      dev.map((p) => classifier.classify({ title: p.title }).labels),
    );
    const base = f1PerTopic(
      dev,
      dev.map((p) => TOPICS.filter((t) => (RULES[t] as RegExp).test(p.title))),
    );
    expect(macro(f)).toBeGreaterThanOrEqual(0.7);
    for (const t of TOPICS) expect(f[t]).toBeGreaterThan(base[t] as number);
  });
});
