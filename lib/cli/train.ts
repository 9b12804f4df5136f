/**
 * Trains the built-in topic model from the data committed in lib/classify/data/ and writes the asset.
 *
 *   npm run train                                   # train + dev labels -> lib/classify/model.json (shipped)
 *   npm run train -- --exclude-dev --out /tmp/m.json   # without anything of the dev papers, to measure on dev
 *   npm run train -- --make-pool ../shared/data/papers.jsonl   # regenerate data/pool.jsonl.br
 *   npm run train -- --exclude-dev --batches 1 --out /tmp/b1.json    # labels-extra's batch 1 only ("none": neither)
 *   npm run train -- --exclude-dev --fraction 0.25 --out /tmp/q.json  # a seeded 25 % of each labels file
 *   npm run train -- --exclude-dev --labels train,extra --out /tmp/te.json  # some labels files only (not more)
 *
 * `--exclude-dev` leaves out the dev papers entirely: their labels and their texts (the pool never contains
 * labelled papers). `--strict`, which used to mean that, is still accepted and changes nothing.
 *
 * Deterministic: the same data gives the same bytes (tests/unit/classify checks the committed asset).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { TOPIC_DEFINITIONS } from '../classify/topics.ts';
import { type LabelledPaper, type PoolPaper, type TrainInput, trainTopicModel } from '../classify/train.ts';
import { foldsOf } from '../classify/train-fit.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = resolve(here, '../classify/data');
export const MODEL_PATH = resolve(here, '../classify/model.json');

/** Labelled papers trained on (dev is added for the shipped model unless `--exclude-dev`). */
export const TRAIN_LABELS = ['labels-train', 'labels-extra', 'labels-more'];

/** The unlabelled pool, Brotli-compressed (7.5 MB; gzip -9 would take 11 MB). */
export const POOL_FILE = 'pool.jsonl.br';

export function readJsonl<T>(path: string): T[] {
  const text = path.endsWith('.gz')
    ? gunzipSync(readFileSync(path)).toString('utf8')
    : path.endsWith('.br')
      ? brotliDecompressSync(readFileSync(path)).toString('utf8')
      : readFileSync(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The committed training data. `excludeDev` leaves the development papers out entirely (labels and texts), so
 * that a model trained with it has seen nothing of the papers it is measured on. The pool holds no labelled
 * paper (train or dev), by construction (`makePool`); this is checked here as well.
 */
export function loadTrainingData(
  excludeDev: boolean,
  subset: { batches?: readonly number[]; fraction?: number; files?: readonly string[] } = {},
): Pick<TrainInput, 'labelled' | 'pool' | 'meta'> {
  const chosen = subset.files ?? TRAIN_LABELS;
  for (const f of chosen) if (!TRAIN_LABELS.includes(f)) throw new Error(`unknown labels file ${f}`);
  const files = excludeDev ? [...chosen] : [...chosen, 'labels-dev'];
  const fraction = subset.fraction ?? 1;
  const batches = subset.batches;
  const labelled = files.flatMap((f) => {
    let papers = readJsonl<LabelledPaper>(join(DATA_DIR, `${f}.jsonl`));
    if (batches) papers = papers.filter((p) => p.batch === undefined || batches.includes(p.batch));
    papers = papers.map((p) => ({ ...p, calibrate: CALIBRATION_FILES.has(f) }));
    if (fraction >= 1) return papers;
    // A seeded random share of each file (the learning curve): the papers of the folds < fraction * 20.
    const fold = foldsOf(papers.length, 20, 7);
    return papers.filter((_, i) => (fold[i] as number) < Math.round(fraction * 20));
  });
  const pool: (PoolPaper & { id: string })[] = readJsonl(join(DATA_DIR, POOL_FILE));
  const labelledIds = new Set(
    [...TRAIN_LABELS, 'labels-dev'].flatMap((f) =>
      readJsonl<{ id: string }>(join(DATA_DIR, `${f}.jsonl`)).map((p) => p.id),
    ),
  );
  for (const p of pool) if (labelledIds.has(p.id)) throw new Error(`pool paper ${p.id} is labelled`);
  return { labelled, pool, meta: { labels: files, ...subset, unlabelled: ['pool'] } };
}

/**
 * Calibration and thresholds come from the files drawn like dev, and like the papers the product is measured on
 * (train, and dev for the shipped model). labels-extra was chosen where an older model was unsure; labels-more
 * was drawn uniformly from the unlabelled rest, where the topics are much rarer (GNN papers 1.5 % of it, against
 * 7.9 % of train and of dev, which were drawn with the topics over-represented): neither stands for them.
 */
const CALIBRATION_FILES = new Set(['labels-train', 'labels-dev']);

/** Serialises the asset: stable key order, no whitespace. */
export function serialiseModel(model: unknown): string {
  return `${JSON.stringify(model)}\n`;
}

/**
 * The pool committed as data/pool.jsonl.br: every paper of ../shared/data/papers.jsonl that is not labelled
 * (neither train, extra nor dev) and has an abstract, as {id, title, abstract}, in file order. The title model is
 * distilled on all of them (the more titles, the better it generalises) and the term base rates of user
 * topics are computed from them.
 */
function makePool(papersPath: string): void {
  type Raw = { id: string; title: string; abstract?: string };
  const papers = readJsonl<Raw>(papersPath);
  const labelled = new Set(
    [...TRAIN_LABELS, 'labels-dev'].flatMap((f) =>
      readJsonl<{ id: string }>(join(DATA_DIR, `${f}.jsonl`)).map((p) => p.id),
    ),
  );
  const pool = papers.filter((p) => !labelled.has(p.id) && p.abstract && /\S/.test(p.abstract));
  const text = `${pool.map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract })).join('\n')}\n`;
  const out = join(DATA_DIR, POOL_FILE);
  writeFileSync(
    out,
    brotliCompressSync(text, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    }),
  );
  console.error(`${out}: ${pool.length} papers (of ${papers.length}; ${labelled.size} labelled left out)`);
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
  const out = resolve(opt('--out') ?? MODEL_PATH);
  const t0 = Date.now();
  const batchArg = opt('--batches');
  const fractionArg = opt('--fraction');
  const filesArg = opt('--labels');
  const data = loadTrainingData(excludeDev, {
    ...(batchArg === undefined
      ? {}
      : { batches: batchArg === 'none' ? [] : batchArg.split(',').map(Number) }),
    ...(fractionArg === undefined ? {} : { fraction: Number(fractionArg) }),
    ...(filesArg === undefined ? {} : { files: filesArg.split(',').map((f) => `labels-${f}`) }),
  });
  const model = trainTopicModel({ ...data, topics: TOPIC_DEFINITIONS, log: (m) => console.error(m) });
  const text = serialiseModel(model);
  writeFileSync(out, text);
  console.error(
    `wrote ${out} (${(text.length / 1024).toFixed(0)} KiB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
