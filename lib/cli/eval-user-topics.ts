/**
 * Measures user topics (lib/classify/user-topics.ts) the way a user builds them: a topic from 5 key phrases,
 * then relevance marks on papers the model shows. Ground truth: arXiv categories of ../shared/data/papers.jsonl
 * (papers without categories are left out), e.g. cs.RO = "robotics".
 *
 *   npx tsx lib/cli/eval-user-topics.ts [--papers ../shared/data/papers.jsonl] [--topics robotics,ir] [--ceiling]
 *
 * Marks come in rounds of 5, chosen deterministically as a user would: the 3 top-scored papers not yet marked
 * (what the topic highlights first: right ones are confirmed, wrong ones rejected), then the first 2 mistakes
 * (a highlighted paper that is not relevant, or a relevant one that is not highlighted) met while reading a
 * listing, i.e. walking the papers in a fixed shuffled order. F1 at every step is computed on the same papers:
 * all those not marked by the last step.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { paperTerms } from '../classify/features.ts';
import { builtinModel } from '../classify/index.ts';
import { fitLogistic } from '../classify/lr.ts';
import { bestThreshold } from '../classify/train.ts';
import {
  createUserTopic,
  emptyUserState,
  markPaper,
  type TopicPaper,
  type UserTopicsState,
} from '../classify/user-state.ts';
import { buildClassifier, DEFAULT_USER_PARAMS, type UserModelParams } from '../classify/user-topics.ts';

interface Paper extends TopicPaper {
  categories: string[];
}

export interface TopicSpec {
  key: string;
  name: string;
  category: string;
  phrases: string[];
}

/** What a user would type for these topics, before seeing any paper. */
export const TOPIC_SPECS: TopicSpec[] = [
  {
    key: 'robotics',
    name: 'Robotics',
    category: 'cs.RO',
    phrases: ['robot', 'robotic manipulation', 'grasping', 'locomotion', 'motion planning'],
  },
  {
    key: 'ir',
    name: 'Information retrieval',
    category: 'cs.IR',
    phrases: [
      'information retrieval',
      'search engine',
      'document ranking',
      'query expansion',
      'learning to rank',
    ],
  },
  // Used to choose the user-model parameters (DEFAULT_USER_PARAMS), so that robotics and ir stay unseen.
  {
    key: 'security',
    name: 'Security',
    category: 'cs.CR',
    phrases: ['adversarial attack', 'privacy', 'malware', 'backdoor', 'security'],
  },
  {
    key: 'hci',
    name: 'Human-computer interaction',
    category: 'cs.HC',
    phrases: ['user study', 'human-computer interaction', 'interface design', 'participants', 'usability'],
  },
  {
    key: 'audio',
    name: 'Audio and speech',
    category: 'eess.AS',
    phrases: ['speech recognition', 'audio', 'speaker', 'text-to-speech', 'sound'],
  },
];

export interface StepResult {
  marks: number;
  precision: number;
  recall: number;
  f1: number;
  /** Time to rebuild the classifier after the last marks (ms). */
  buildMs: number;
}

function order(n: number, seed: number): number[] {
  const o = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [o[i], o[j]] = [o[j] as number, o[i] as number];
  }
  return o;
}

/**
 * Builds a topic from `phrases`, marks papers round by round (see above) with `gold` as the user's judgement,
 * and returns P/R/F1 after each number of marks in `steps`, all on the papers never marked.
 */
export function simulate(
  papers: readonly TopicPaper[],
  gold: readonly boolean[],
  phrases: readonly string[],
  steps: readonly number[],
  params: UserModelParams = DEFAULT_USER_PARAMS,
  seed = 12345,
): StepResult[] {
  const model = builtinModel();
  const created = createUserTopic(emptyUserState(), { name: 'Simulated topic', phrases });
  let state = created.state;
  const topicId = created.topic.id;
  const marked = new Set<number>();
  const feed = order(papers.length, seed);
  let feedPos = 0;
  let buildMs = 0;
  const classifierFor = (s: UserTopicsState) => {
    const t0 = performance.now();
    const c = buildClassifier(model, s, { params });
    buildMs = performance.now() - t0;
    return c;
  };
  // no ids passed: a mark must not decide its own paper (marked papers are not evaluated anyway)
  const scoreAll = (s: UserTopicsState): number[] => {
    const c = classifierFor(s);
    return papers.map((p) => c.classify({ title: p.title, abstract: p.abstract }).scores[topicId] ?? 0);
  };
  // 1. The user's marks, round by round; the state after each step is kept.
  const states = new Map<number, { state: UserTopicsState; buildMs: number }>();
  let scores = scoreAll(state);
  const maxSteps = Math.max(...steps);
  for (let m = 0; ; ) {
    if (steps.includes(m)) states.set(m, { state, buildMs });
    if (m >= maxSteps) break;
    const round: number[] = [];
    const ranked = papers
      .map((_, i) => i)
      .filter((i) => !marked.has(i))
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    for (const i of ranked.slice(0, 3)) round.push(i);
    while (round.length < 5 && feedPos < feed.length) {
      const i = feed[feedPos++] as number;
      if (marked.has(i) || round.includes(i)) continue;
      if ((scores[i] as number) >= 0.5 !== gold[i]) round.push(i);
    }
    for (const i of round) {
      if (m >= maxSteps) break;
      const p = papers[i] as TopicPaper;
      state = markPaper(
        state,
        topicId,
        { id: p.id, title: p.title, abstract: p.abstract },
        gold[i] as boolean,
      );
      marked.add(i);
      m++;
    }
    scores = scoreAll(state);
  }
  // 2. Every step is measured on the same papers: those never marked, so that removing the (easy) marked
  // papers from the count does not pass for a change of the model.
  return steps.map((m) => {
    const { state: s, buildMs: ms } = states.get(m) as { state: UserTopicsState; buildMs: number };
    const sc = m === maxSteps ? scores : scoreAll(s);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    papers.forEach((_, i) => {
      if (marked.has(i)) return;
      const yhat = (sc[i] as number) >= 0.5;
      if (yhat && gold[i]) tp++;
      else if (yhat) fp++;
      else if (gold[i]) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { marks: m, precision, recall, f1, buildMs: ms };
  });
}

export function loadCategorised(path: string): Paper[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Paper & { categories?: string[] })
    .filter((p) => Array.isArray(p.categories) && p.categories.length > 0) as Paper[];
}

/**
 * For scale: how well can these categories be told from the text at all? A logistic regression over the same
 * features, trained on the labels of half the papers (thousands of labels, not 30 marks), scored on the other
 * half at its best threshold.
 */
function ceiling(papers: readonly Paper[], category: string): number {
  const terms = papers.map((p) => paperTerms(p));
  const count = new Map<string, number>();
  for (const t of terms) for (const x of t) count.set(x, (count.get(x) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [t, c] of count) if (c >= 3 && c < papers.length * 0.3) index.set(t, index.size);
  const rows = terms.map((t) => ({ idx: [...t].map((x) => index.get(x)).filter((j) => j !== undefined) }));
  const y = papers.map((p) => (p.categories.includes(category) ? 1 : 0));
  const half = Math.floor(papers.length / 2);
  const fit = fitLogistic({
    rows: rows.slice(0, half),
    y: y.slice(0, half),
    dim: index.size,
    lambda: 1,
    maxIter: 200,
  });
  const z = rows.slice(half).map((r) => r.idx.reduce((a, j) => a + (fit.w[j] as number), fit.b));
  return bestThreshold(
    z,
    y.slice(half).map((v) => v === 1),
  ).f1;
}

/** The marking rounds are replayed with these feed orders (the listing the user reads); results are averaged. */
export const SEEDS = [1, 2, 3, 4, 5].map((k) => k * 7919);

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string, d: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] as string) : d;
  };
  const papers = loadCategorised(resolve(opt('--papers', '../shared/data/papers.jsonl')));
  const keys = opt('--topics', 'robotics,ir').split(',');
  const steps = [0, 10, 30];
  console.log(
    `${papers.length} papers with arXiv categories; F1 on the papers never marked; mean of ${SEEDS.length} runs`,
  );
  console.log('(runs differ in the order the listing is read, i.e. which mistakes the user meets)');
  for (const key of keys) {
    const spec = TOPIC_SPECS.find((s) => s.key === key);
    if (!spec) throw new Error(`unknown topic ${key}`);
    const gold = papers.map((p) => p.categories.includes(spec.category));
    const n = gold.filter(Boolean).length;
    console.log(`\n${spec.name} = ${spec.category} (${n} papers); key phrases: ${spec.phrases.join(', ')}`);
    console.log('marks  P      R      F1     (F1 per run)                        rebuild');
    const runs = SEEDS.map((seed) => simulate(papers, gold, spec.phrases, steps, DEFAULT_USER_PARAMS, seed));
    if (args.includes('--ceiling'))
      console.log(
        `(reference: logistic regression on ${Math.floor(papers.length / 2)} labelled papers, best threshold: F1 ${ceiling(papers, spec.category).toFixed(3)})`,
      );
    steps.forEach((m, k) => {
      const at = runs.map((r) => r[k] as StepResult);
      const mean = (f: (r: StepResult) => number) => at.reduce((a, r) => a + f(r), 0) / at.length;
      const per = at.map((r) => r.f1.toFixed(3)).join(' ');
      console.log(
        `${String(m).padStart(5)}  ${mean((r) => r.precision).toFixed(3)}  ${mean((r) => r.recall).toFixed(3)}  ${mean((r) => r.f1).toFixed(3)}  (${per})  ${mean((r) => r.buildMs).toFixed(1)} ms`,
      );
    });
  }
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('eval-user-topics.ts')) main();
