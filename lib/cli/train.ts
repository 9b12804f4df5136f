/**
 * Trains the built-in topic model from the data committed in lib/classify/data/ and writes the asset.
 *
 *   npm run train                                   # train + dev labels -> lib/classify/model.json (shipped)
 *   npm run train -- --exclude-dev --out /tmp/m.json   # without the dev labels, to measure on dev
 *   npm run train -- --exclude-dev --strict --out /tmp/m.json  # ...and without the dev papers' texts at all
 *   npm run train -- --make-pool ../shared/data/papers.jsonl   # regenerate data/pool.jsonl.gz
 *
 * Deterministic: the same data gives the same bytes (tests/unit/classify checks the committed asset).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { paperTerms, phraseTerms } from '../classify/features.ts';
import { BUILTIN_TOPICS } from '../classify/topics.ts';
import { type LabelledPaper, type PoolPaper, type TrainInput, trainTopicModel } from '../classify/train.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = resolve(here, '../classify/data');
export const MODEL_PATH = resolve(here, '../classify/model.json');

export function readJsonl<T>(path: string): T[] {
  const text = path.endsWith('.gz')
    ? gunzipSync(readFileSync(path)).toString('utf8')
    : readFileSync(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The committed training data. `excludeDev` leaves the development labels out: the dev papers then count as
 * what they also are, unlabelled papers of the pool (their text, never their labels, feeds the distillation
 * of the title model), unless `strict` leaves them out entirely.
 */
export function loadTrainingData(
  excludeDev: boolean,
  strict = false,
): Pick<TrainInput, 'labelled' | 'pool' | 'meta'> {
  const train = readJsonl<LabelledPaper>(join(DATA_DIR, 'labels-train.jsonl'));
  const dev = readJsonl<LabelledPaper>(join(DATA_DIR, 'labels-dev.jsonl'));
  const pool: PoolPaper[] = readJsonl<PoolPaper & { id: string }>(join(DATA_DIR, 'pool.jsonl.gz'));
  if (excludeDev && !strict) for (const d of dev) pool.push({ title: d.title, abstract: d.abstract });
  return {
    labelled: excludeDev ? train : [...train, ...dev],
    pool,
    meta: {
      labels: excludeDev ? ['labels-train'] : ['labels-train', 'labels-dev'],
      unlabelled: excludeDev && !strict ? ['pool', 'labels-dev texts'] : ['pool'],
    },
  };
}

/** Serialises the asset: stable key order, no whitespace. */
export function serialiseModel(model: unknown): string {
  return `${JSON.stringify(model)}\n`;
}

/**
 * The unlabelled subset committed as data/pool.jsonl.gz: papers of ../shared/data/papers.jsonl that are not
 * labelled and that contain a key phrase of strength >= 2 of any built-in topic (the papers that teach the
 * title model something), plus every k-th other paper (so that it also sees ordinary titles), ~8,000 in all;
 * the latter carry a `weight` (how many pool papers each stands for) for unbiased term base rates.
 */
function makePool(papersPath: string): void {
  type Raw = { id: string; title: string; abstract?: string };
  const papers = readJsonl<Raw>(papersPath);
  const labelled = new Set(
    ['labels-train.jsonl', 'labels-dev.jsonl'].flatMap((f) =>
      readJsonl<{ id: string }>(join(DATA_DIR, f)).map((p) => p.id),
    ),
  );
  const strong = new Set<string>();
  for (const t of BUILTIN_TOPICS)
    for (const [phrase, s] of Object.entries(t.phrases))
      if (s >= 2) for (const term of phraseTerms(phrase)) if (!term.startsWith('T:')) strong.add(term);
  const hits: Raw[] = [];
  const rest: Raw[] = [];
  for (const p of papers) {
    if (labelled.has(p.id) || !p.abstract) continue;
    const terms = paperTerms({ title: p.title, abstract: p.abstract });
    let hit = false;
    for (const t of terms) if (strong.has(t)) hit = true;
    (hit ? hits : rest).push(p);
  }
  const step = Math.max(1, Math.floor(rest.length / 4000));
  const sample = rest.filter((_, i) => i % step === 0);
  // Each sampled paper stands for rest/sample papers of the pool: base rates computed with these weights
  // are those of the whole pool, not of this topic-heavy subset.
  const w = Math.round((rest.length / sample.length) * 1000) / 1000;
  const lines = [
    ...hits.map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract })),
    ...sample.map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract, weight: w })),
  ].join('\n');
  const out = join(DATA_DIR, 'pool.jsonl.gz');
  writeFileSync(out, gzipSync(`${lines}\n`, { level: 9 }));
  console.error(
    `${out}: ${hits.length + sample.length} papers (${hits.length} with key phrases, others weigh ${w})`,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const poolSource = opt('--make-pool');
  if (poolSource) {
    makePool(resolve(poolSource));
    return;
  }
  const excludeDev = args.includes('--exclude-dev');
  const strict = args.includes('--strict');
  const out = resolve(opt('--out') ?? MODEL_PATH);
  const t0 = Date.now();
  const data = loadTrainingData(excludeDev, strict);
  const model = trainTopicModel({ ...data, topics: BUILTIN_TOPICS, log: (m) => console.error(m) });
  const text = serialiseModel(model);
  writeFileSync(out, text);
  console.error(
    `wrote ${out} (${(text.length / 1024).toFixed(0)} KiB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
