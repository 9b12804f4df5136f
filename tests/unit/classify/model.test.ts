// The shipped model, trained once for the unit tier: `npm run train` reproduces lib/classify/model.json byte for
// byte, and the same run's out-of-fold figures (cross-validation on the randomly drawn labelled papers, each
// scored as a title, a title + snippet and a title + abstract) hold. Figures on dev with a model trained without
// it are measured by the README's commands (../shared/eval/classify-eval.mjs, lib/cli/eval-calibration.ts).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TopicModelJson } from '../../../lib/classify/model.ts';
import { TOPIC_DEFINITIONS } from '../../../lib/classify/topics.ts';
import { trainTopicModel } from '../../../lib/classify/train.ts';
import { loadTrainingData, MODEL_PATH, serialiseModel } from '../../../lib/cli/train.ts';

const macro = (f: readonly number[]) => f.reduce((a, b) => a + b, 0) / f.length;

describe('training', () => {
  let model: TopicModelJson;
  beforeAll(() => {
    model = trainTopicModel({ ...loadTrainingData(false), topics: TOPIC_DEFINITIONS });
  }, 900_000);

  it('reproduces lib/classify/model.json byte for byte', () => {
    const produced = serialiseModel(model);
    const committed = readFileSync(MODEL_PATH, 'utf8');
    // Compare a few parts first for a readable failure, then everything.
    const c = JSON.parse(committed) as TopicModelJson;
    expect(model.full.bias).toEqual(c.full.bias);
    expect(model.title.bias).toEqual(c.title.bias);
    expect(model.kinds).toEqual(c.kinds);
    expect(model.terms.split('\n').length).toBe(c.terms.split('\n').length);
    expect(produced).toBe(committed);
  });

  it('out of fold: abstracts macro-F1 >= 0.87 (each topic >= 0.84), snippets >= 0.74, titles >= 0.68', () => {
    const { abstract, snippet, title } = model.kinds;
    expect(macro(abstract.cvF1)).toBeGreaterThanOrEqual(0.87);
    for (const f of abstract.cvF1) expect(f).toBeGreaterThanOrEqual(0.84);
    expect(macro(snippet.cvF1)).toBeGreaterThanOrEqual(0.74);
    expect(macro(title.cvF1)).toBeGreaterThanOrEqual(0.68);
    // more text, better decisions
    expect(macro(abstract.cvF1)).toBeGreaterThan(macro(snippet.cvF1));
    expect(macro(snippet.cvF1)).toBeGreaterThan(macro(title.cvF1));
  });

  it('calibrates every kind: increasing scores, thresholds strictly inside (0, 1)', () => {
    for (const k of Object.values(model.kinds)) {
      for (const a of k.a) expect(a).toBeGreaterThan(0.3);
      for (const t of k.threshold) {
        expect(t).toBeGreaterThan(0.02);
        expect(t).toBeLessThan(0.98);
      }
    }
    expect(model.meta.calibrationPapers).toBe(1060); // labels-train + labels-dev, not labels-extra
  });
});
