// The shipped classifier: score range, determinism, evidence, title-only papers, hostile inputs.
import { describe, expect, it } from 'vitest';
import { PaperClassifier } from '../../../lib/classify/classifier.ts';
import { compileModel } from '../../../lib/classify/compile.ts';
import { paperTerms, snippetOf, textKindOf } from '../../../lib/classify/features.ts';
import { builtinModel, createClassifier } from '../../../lib/classify/index.ts';
import { MODEL_FORMAT, type TopicModelJson } from '../../../lib/classify/model.ts';
import type { Classification, PaperText, TextKind } from '../../../lib/classify/types.ts';
import { readLabelled, TOPICS } from './data.ts';

const train = readLabelled('labels-train');
const sample = train.filter((_, i) => i % 7 === 0); // ~100 real papers

function checkShape(c: Classification, topics: readonly string[]): void {
  expect(Object.keys(c.scores).sort()).toEqual([...topics].sort());
  const th = builtinModel().kinds[c.kind as TextKind].threshold;
  for (const [t, s] of Object.entries(c.scores)) {
    expect(Number.isFinite(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(1);
    const threshold = th[TOPICS.indexOf(t as (typeof TOPICS)[number])] as number;
    expect(c.labels.includes(t)).toBe(s >= threshold);
    // uncertain: a label under 0.8, or a topic left out at 0.2 or more
    expect(c.uncertain?.includes(t)).toBe(s >= threshold ? s < 0.8 : s >= 0.2);
  }
  expect(Object.keys(c.evidence).sort()).toEqual([...c.labels].sort());
}

describe('classifier', () => {
  const classifier = createClassifier();

  it('knows the four built-in topics, in order', () => {
    expect(classifier.topics).toEqual([...TOPICS]);
  });

  it("gives scores in [0, 1], labels at the kind's thresholds, and the same result every time", () => {
    const other = createClassifier();
    for (const p of sample) {
      const a = classifier.classify(p);
      checkShape(a, TOPICS);
      expect(classifier.classify(p)).toEqual(a);
      expect(other.classify(p)).toEqual(a);
    }
  });

  it('labels real papers: most labelled training papers get their labels', () => {
    let hit = 0;
    let total = 0;
    for (const p of train) {
      const c = classifier.classify(p);
      for (const t of TOPICS) {
        if (p.labels[t] !== 1) continue;
        total++;
        if (c.labels.includes(t)) hit++;
      }
    }
    expect(hit / total).toBeGreaterThan(0.85);
  });

  it('gives evidence for every label, drawn from the title or abstract, strongest first', () => {
    let labels = 0;
    for (const p of train) {
      const c = classifier.classify(p);
      for (const t of c.labels) {
        labels++;
        const ev = c.evidence[t] as string[];
        expect(ev.length).toBeGreaterThan(0);
        expect(ev.length).toBeLessThanOrEqual(3);
        for (const e of ev) expect(p.title.includes(e) || p.abstract?.includes(e)).toBe(true);
      }
    }
    expect(labels).toBeGreaterThan(150);
    const gnn = classifier.classify({
      title: 'Graph Neural Networks for Molecules',
      abstract: 'We propose a message passing neural network over molecular graphs.',
    });
    expect(gnn.labels).toEqual(['gnn']);
    expect(gnn.evidence.gnn?.[0]?.toLowerCase()).toContain('graph neural');
  });

  it("shows the topic's own terms as evidence, not the generic words every abstract has", () => {
    // Such words carry small positive weights in every topic. The strongest span is always shown (when a label
    // rests on many weak words, that is what carried it); after it, weak spans are not.
    const generic = new Set(
      'proposed propose method methods approach results performance framework specific domain prediction modeling representations improving substantially strong baseline train trained training'.split(
        ' ',
      ),
    );
    const after: string[] = [];
    for (const p of train) {
      const c = classifier.classify(p);
      for (const t of c.labels) after.push(...(c.evidence[t] ?? []).slice(1).map((e) => e.toLowerCase()));
    }
    expect(after.length).toBeGreaterThan(150);
    expect(after.filter((e) => generic.has(e))).toEqual([]);
  });

  it('classifies titles alone (title model) and again when the abstract arrives', () => {
    const titleOnly = classifier.classify({ title: 'HyperLoRA: a hypernetwork that generates LoRA weights' });
    expect(titleOnly.labels).toContain('hypernetworks');
    checkShape(titleOnly, TOPICS);
    // Real labelled papers without their abstracts: the title model still finds most of the clear cases.
    const clear = train.filter((p) =>
      /reinforcement learning|recommend|graph neural|hypernetwork/i.test(p.title),
    );
    expect(clear.length).toBeGreaterThan(20);
    let agree = 0;
    for (const p of clear) {
      const t = classifier.classify({ title: p.title });
      const f = classifier.classify({ title: p.title, abstract: p.abstract });
      checkShape(t, TOPICS);
      if (TOPICS.every((k) => (p.labels[k] === 1) === t.labels.includes(k))) agree++;
      checkShape(f, TOPICS);
    }
    expect(agree / clear.length).toBeGreaterThan(0.7);
    // An empty or blank abstract is the same as none.
    const p = train[0] as PaperText;
    expect(classifier.classify({ title: p.title, abstract: '   ' })).toEqual(
      classifier.classify({ title: p.title }),
    );
  });

  it('picks the text kind by what the entry carries, and scores each kind with its own calibration', () => {
    const p = train.find((q) => (q.abstract?.length ?? 0) > 1000) as PaperText;
    const a = p.abstract as string;
    const kinds = (q: PaperText) => [textKindOf(q), classifier.classify(q).kind];
    expect(kinds({ title: p.title })).toEqual(['title', 'title']);
    expect(kinds({ title: p.title, abstract: ' \n ' })).toEqual(['title', 'title']);
    expect(kinds({ title: p.title, abstract: snippetOf(a) })).toEqual(['snippet', 'snippet']);
    expect(kinds({ title: p.title, abstract: a.slice(0, 399) })).toEqual(['snippet', 'snippet']);
    expect(kinds({ title: p.title, abstract: `${a.slice(0, 600)}...` })).toEqual(['snippet', 'snippet']);
    expect(kinds({ title: p.title, abstract: `${a.slice(0, 600)}` })).toEqual(['abstract', 'abstract']);
    expect(kinds({ title: p.title, abstract: `${a.slice(0, 800)}…` })).toEqual(['abstract', 'abstract']);
    expect(kinds({ title: p.title, abstract: a })).toEqual(['abstract', 'abstract']);
    // A snippet is scored with the full model's weights but its own calibration.
    const m = builtinModel();
    expect(m.kinds.snippet.a).not.toEqual(m.kinds.abstract.a);
    const snip = classifier.classify({ title: p.title, abstract: snippetOf(a) });
    checkShape(snip, TOPICS);
  });

  it('survives empty, huge, non-English, LaTeX and HTML text, deterministically', () => {
    const corpus = train.map((p) => `${p.title}. ${p.abstract}`).join(' ');
    const big = `${corpus}${corpus}${corpus} x`.slice(0, 1 << 20);
    expect(big.length).toBe(1 << 20);
    const inputs: PaperText[] = [
      { title: '' },
      { title: '', abstract: '' },
      { title: '   \n\t ', abstract: '\u0000\u0001\uffff' },
      { title: 'A'.repeat(100_000) },
      { title: 'Huge', abstract: big },
      { title: 'Huge without spaces', abstract: 'graphneural'.repeat(100_000) },
      {
        title: '图神经网络在推荐系统中的应用',
        abstract: '本文提出了一种基于图神经网络的推荐方法。强化学习。',
      },
      {
        title: 'Обучение с подкреплением для роботов',
        abstract: 'Мы предлагаем новый метод. graph neural networks',
      },
      { title: 'تعلم معزز', abstract: 'نموذج جديد للتوصية 🤖🚀 \ud83d' },
      {
        title: 'On $\\mathcal{O}(n^2)$ \\textbf{Hypernetworks}',
        abstract:
          'Let $\\theta = h_\\phi(z)$ where $h$ is a \\emph{hypernetwork}; \\begin{equation}\\sum_{i=1}^{n} x_i\\end{equation} \\cite{ha2016} {{}} \\\\',
      },
      {
        title: '<b>Graph</b> <i>neural</i> networks',
        abstract:
          '<div class="MathJax"><span>x</span></div><script type="math/tex">a^2</script> &amp; &lt;p&gt; reinforcement&nbsp;learning <a href="https://example.org/a?b=c">link</a>',
      },
      { title: 'x'.repeat(10), abstract: '....,,,,;;;;!!!!????((((' },
      { title: '123 456 2024', abstract: '3.14 2,718 1e-5' },
    ];
    for (const p of inputs) {
      const t0 = performance.now();
      const a = classifier.classify(p);
      expect(performance.now() - t0).toBeLessThan(2000);
      checkShape(a, TOPICS);
      expect(classifier.classify(p)).toEqual(a);
      for (const [t, ev] of Object.entries(a.evidence)) {
        expect(ev.length, t).toBeGreaterThan(0);
        for (const e of ev) expect(p.title.includes(e) || (p.abstract ?? '').includes(e)).toBe(true);
      }
    }
    const latex = classifier.classify(inputs[9] as PaperText);
    expect(latex.labels).toContain('hypernetworks');
    const html = classifier.classify(inputs[10] as PaperText);
    expect(html.labels).toContain('gnn');
    // Not strings at all (untyped callers): no throw.
    expect(() =>
      classifier.classify({ title: undefined as unknown as string, abstract: 42 as unknown as string }),
    ).not.toThrow();
  });

  it('finds the same terms as the training features (hash path == string path)', () => {
    // A model whose vocabulary is one paper's terms, each weighing 1 for one topic: its logit counts the
    // terms the run-time scanner finds in a paper.
    for (const p of sample.slice(0, 25)) {
      const terms = [...paperTerms(p)].sort();
      const weights = terms.flatMap((_, i) => [i === 0 ? 0 : 1, 1]); // each term weighs 0.01
      const json: TopicModelJson = {
        format: MODEL_FORMAT,
        topics: [{ id: 'count', name: 'count', description: '' }],
        terms: terms.join('\n'),
        scale: 100,
        full: { bias: [0], weights: [weights] },
        title: { bias: [0], weights: [weights] },
        kinds: {
          abstract: { head: 'full', a: [1], c: [0], threshold: [0.5], cvF1: [0] },
          snippet: { head: 'full', a: [1], c: [0], threshold: [0.5], cvF1: [0] },
          title: { head: 'title', a: [1], c: [0], threshold: [0.5], cvF1: [0] },
        },
        background: [],
        backgroundDocs: 1,
        backgroundMinDocs: [1, 1],
        meta: {},
      };
      const c = new PaperClassifier(compileModel(json));
      const logit = (q: PaperText) => {
        const s = c.classify(q).scores.count as number;
        return Math.log(s / (1 - s)) * 100;
      };
      expect(logit(p)).toBeCloseTo(terms.length, 4);
      // and nothing of another paper that this one lacks
      const other = sample[sample.indexOf(p) + 1] ?? sample[0];
      const shared = [...paperTerms(other as PaperText)].filter((t) => terms.includes(t)).length;
      expect(logit(other as PaperText)).toBeCloseTo(shared, 4);
    }
  });

  it('scores a snippet with both heads: the full one on title + snippet, the title one on the title', () => {
    // Full weights count the terms of title + snippet (0.01 each), title weights those of the title (0.01
    // each); the snippet kind blends them as a * full + aTitle * title + c.
    for (const p of sample.slice(0, 10)) {
      const snip = { title: p.title, abstract: snippetOf(p.abstract ?? '') };
      if (textKindOf(snip) !== 'snippet') continue;
      const full = paperTerms(snip);
      const title = paperTerms(p, true);
      const terms = [...new Set([...full, ...title])].sort();
      const weights = (set: Set<string>) => {
        const out: number[] = [];
        let prev = 0;
        terms.forEach((t, i) => {
          if (!set.has(t)) return;
          out.push(i - prev, 1);
          prev = i;
        });
        return out;
      };
      const json: TopicModelJson = {
        format: MODEL_FORMAT,
        topics: [{ id: 'count', name: 'count', description: '' }],
        terms: terms.join('\n'),
        scale: 100,
        full: { bias: [0.1], weights: [weights(full)] },
        title: { bias: [0.2], weights: [weights(title)] },
        kinds: {
          abstract: { head: 'full', a: [1], c: [0], threshold: [0.5], cvF1: [0] },
          snippet: { head: 'full', a: [1], aTitle: [2], c: [0.3], threshold: [0.5], cvF1: [0] },
          title: { head: 'title', a: [1], c: [0], threshold: [0.5], cvF1: [0] },
        },
        background: [],
        backgroundDocs: 1,
        backgroundMinDocs: [1, 1],
        meta: {},
      };
      const s = new PaperClassifier(compileModel(json)).classify(snip).scores.count as number;
      const expected = 0.1 + full.size / 100 + 2 * (0.2 + title.size / 100) + 0.3;
      expect(Math.log(s / (1 - s))).toBeCloseTo(expected, 4);
    }
  });

  it('compiles the shipped model quickly and keeps it small', () => {
    const m = builtinModel();
    expect(m.table.size).toBeGreaterThan(10_000);
    // the background rates, built on first use, cover the asset's listed terms
    expect(m.background.size).toBe(m.json.background.length / 2);
    expect(m.background.get('graph')).toBeGreaterThan(0.01);
    expect(JSON.stringify(m.json).length).toBeLessThan(1_000_000);
  });
});
