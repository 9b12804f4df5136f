// The project's annotation round (lib/cli/labels-more.ts): the committed labels are what the committed annotations
// settle to, the round never touched a dev paper, and the agreement measure is Cohen's kappa.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kappa, settled } from '../../../lib/cli/labels-more.ts';
import { readLabelled, TOPICS } from './data.ts';

const annotations = readFileSync(
  resolve(
    fileURLToPath(new URL('.', import.meta.url)),
    '../../../lib/classify/data/labels-more.annotations.jsonl',
  ),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Parameters<typeof settled>[0]);

describe('labels-more', () => {
  const more = readLabelled('labels-more');

  it('holds exactly the settled labels of the twice-annotated pool papers', () => {
    const pool = annotations.filter((x) => !x.gold);
    expect(pool.length).toBe(2000);
    expect(more.map((p) => p.id).sort()).toEqual(pool.map((x) => x.id).sort());
    const byId = new Map(pool.map((x) => [x.id, x]));
    for (const p of more) {
      const x = byId.get(p.id);
      expect(x, p.id).toBeDefined();
      expect(p.labels, p.id).toEqual(settled(x as (typeof pool)[number]));
      for (const t of TOPICS) expect([x?.a[t], x?.b[t]], `${p.id} ${t}`).toContain(p.labels[t]);
    }
  });

  it('mixed in labels-train papers only, and labelled no paper of train, extra or dev', () => {
    const train = new Set(readLabelled('labels-train').map((p) => p.id));
    for (const x of annotations.filter((y) => y.gold)) expect(train.has(x.id), x.id).toBe(true);
    const elsewhere = new Set(
      (['labels-train', 'labels-extra', 'labels-dev'] as const).flatMap((f) =>
        readLabelled(f).map((p) => p.id),
      ),
    );
    for (const p of more) expect(elsewhere.has(p.id), p.id).toBe(false);
  });

  it('settles a disagreement by the third reading, and refuses one without it', () => {
    const base = { id: 'x', key: 'c1-0001', gold: false };
    const a = { gnn: 1, rl: 0, hypernetworks: 0, recommendation: 0 };
    const b = { gnn: 0, rl: 0, hypernetworks: 0, recommendation: 0 };
    expect(settled({ ...base, a, b, third: { gnn: 1, why: 'message passing is the method' } }).gnn).toBe(1);
    expect(() => settled({ ...base, a, b })).toThrow(/gnn disputed/);
  });

  it('measures agreement as Cohen’s kappa', () => {
    // observed agreement 0.75, chance agreement 0.5 * 0.25 + 0.5 * 0.75 = 0.5
    expect(kappa([1, 1, 0, 0], [1, 0, 0, 0])).toBeCloseTo(0.5, 10);
    expect(kappa([1, 0, 1, 0], [1, 0, 1, 0])).toBe(1);
    expect(kappa([0, 0, 0], [0, 0, 0])).toBe(1);
  });
});
