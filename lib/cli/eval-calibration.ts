/**
 * Calibration of the built-in topics' scores on labelled papers, per text kind: the reliability curve (10 equal
 * score bins over every (paper, topic) pair: mean score against the share actually on the topic), the expected
 * calibration error, F1 per topic, and how the uncertain decisions (classifier.ts) split the errors.
 *
 *   npx tsx lib/cli/eval-calibration.ts --model /tmp/m.json            # dev labels (lib/classify/data)
 *   npx tsx lib/cli/eval-calibration.ts --model /tmp/m.json --labels other.jsonl
 *
 * Each paper is classified three times: its title alone, its title + the abstract's first 240 characters cut at
 * a word (the evaluator's --snippet), its title + abstract. Only meaningful with a model that has not seen these
 * papers (`npm run train -- --exclude-dev`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reliability } from '../classify/calibrate.ts';
import { PaperClassifier } from '../classify/classifier.ts';
import { compileModel } from '../classify/compile.ts';
import { snippetOf } from '../classify/features.ts';
import { builtinModel } from '../classify/index.ts';
import type { TopicModelJson } from '../classify/model.ts';
import type { LabelledPaper } from '../classify/train.ts';
import type { PaperText, TextKind } from '../classify/types.ts';
import { DATA_DIR, readJsonl } from './train.ts';

const KINDS: { kind: TextKind; text: (p: LabelledPaper) => PaperText }[] = [
  { kind: 'abstract', text: (p) => ({ title: p.title, abstract: p.abstract ?? '' }) },
  { kind: 'snippet', text: (p) => ({ title: p.title, abstract: snippetOf(p.abstract ?? '') }) },
  { kind: 'title', text: (p) => ({ title: p.title }) },
];

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const modelPath = opt('--model');
  const model = modelPath
    ? compileModel(JSON.parse(readFileSync(resolve(modelPath), 'utf8')) as TopicModelJson)
    : builtinModel();
  const papers = readJsonl<LabelledPaper>(resolve(opt('--labels') ?? join(DATA_DIR, 'labels-dev.jsonl')));
  const classifier = new PaperClassifier(model);
  const topics = model.topics.map((t) => t.id);
  const f = (x: number) => x.toFixed(3);
  for (const { kind, text } of KINDS) {
    const scores: number[] = [];
    const gold: boolean[] = [];
    const tp = new Map<string, [number, number, number]>(topics.map((t) => [t, [0, 0, 0]]));
    let decisions = 0;
    let uncertain = 0;
    let errors = 0;
    let uncertainErrors = 0;
    let labels = 0;
    let uncertainLabels = 0;
    for (const p of papers) {
      const c = classifier.classify(text(p));
      if (c.kind !== kind) throw new Error(`${p.id}: classified as ${c.kind}, meant as ${kind}`);
      for (const t of topics) {
        const y = p.labels[t] === 1;
        const yhat = c.labels.includes(t);
        const u = c.uncertain?.includes(t) ?? false;
        scores.push(c.scores[t] as number);
        gold.push(y);
        const cnt = tp.get(t) as [number, number, number];
        if (y && yhat) cnt[0]++;
        else if (yhat) cnt[1]++;
        else if (y) cnt[2]++;
        decisions++;
        if (u) uncertain++;
        if (y !== yhat) {
          errors++;
          if (u) uncertainErrors++;
        }
        if (yhat) {
          labels++;
          if (u) uncertainLabels++;
        }
      }
    }
    const rel = reliability(scores, gold, 10);
    const f1s = topics.map((t) => {
      const [a, b, c] = tp.get(t) as [number, number, number];
      return a ? (2 * a) / (2 * a + b + c) : 0;
    });
    console.log(`\n## ${kind}: ${papers.length} papers × ${topics.length} topics`);
    console.log(
      `F1 ${topics.map((t, i) => `${t} ${f(f1s[i] as number)}`).join(', ')}; macro ${f(f1s.reduce((a, b) => a + b, 0) / f1s.length)}`,
    );
    console.log(`ECE (10 bins) ${f(rel.ece)}`);
    console.log('| score bin | pairs | mean score | on topic |\n|---|---|---|---|');
    for (const b of rel.bins)
      console.log(
        `| ${b.lo.toFixed(1)}–${b.hi.toFixed(1)} | ${b.n} | ${b.n ? f(b.meanScore) : '–'} | ${b.n ? f(b.positiveRate) : '–'} |`,
      );
    console.log(
      `uncertain: ${uncertain} of ${decisions} decisions (${uncertainLabels} of ${labels} labels); they hold ${uncertainErrors} of the ${errors} errors`,
    );
  }
}

main();
