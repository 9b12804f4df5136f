// The committed weights are exactly what `npm run train` produces from the committed data.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TOPICS } from '../../../lib/classify/topics.ts';
import { trainTopicModel } from '../../../lib/classify/train.ts';
import { loadTrainingData, MODEL_PATH, serialiseModel } from '../../../lib/cli/train.ts';

describe('training', () => {
  it('reproduces lib/classify/model.json byte for byte', () => {
    const model = trainTopicModel({ ...loadTrainingData(false), topics: BUILTIN_TOPICS });
    const produced = serialiseModel(model);
    const committed = readFileSync(MODEL_PATH, 'utf8');
    // Compare a few parts first for a readable failure, then everything.
    const c = JSON.parse(committed);
    expect(model.full.bias).toEqual(c.full.bias);
    expect(model.title.bias).toEqual(c.title.bias);
    expect(model.terms.split('\n').length).toBe(c.terms.split('\n').length);
    expect(produced).toBe(committed);
  });
});
