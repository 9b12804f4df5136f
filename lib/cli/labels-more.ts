/**
 * The project's own annotation round (issue 14, point 4): drawing the papers, merging two independent
 * annotations and a third reading, and the agreement figures of lib/classify/README.md.
 *
 *   npx tsx lib/cli/labels-more.ts sample --out DIR [--count 2000] [--gold 100] [--chunks 4] [--seed more-1]
 *   npx tsx lib/cli/labels-more.ts merge --round DIR      # DIR/out/chunk-N.{A,B}.jsonl, DIR/private/{keys,third}.json
 *   npx tsx lib/cli/labels-more.ts agreement              # from the committed data/labels-more.annotations.jsonl
 *
 * `sample`: the first `count` papers of the unlabelled pool in the order of a seeded hash of their id (drawn at
 * random, reproducible: the pool then was data/pool.jsonl.br plus the papers of labels-more), and mixed in
 * unmarked, `gold` papers of labels-train drawn the same way, so that each annotator is scored against the
 * dataset team's labels. Never a dev paper. Each chunk is read by two annotators, A and B, independently;
 * DIR/keys.json (key -> paper) is kept from them.
 * `merge`: papers where A and B agree take their labels; the others, the third reading's (DIR/private/third.json:
 * key -> the disputed topics' labels and why). Writes data/labels-more.jsonl (the pool papers) and
 * data/labels-more.annotations.jsonl (every annotation, the mixed-in labels-train papers included).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPIC_DEFINITIONS } from '../classify/topics.ts';
import { DATA_DIR, POOL_FILE, readJsonl } from './train.ts';

type Paper = { id: string; title: string; abstract?: string };
type Labels = Record<string, number>;
/** Labels of the disputed topics, and why. */
type Third = { [topic: string]: number | string; why: string };
interface Annotation {
  id: string;
  key: string;
  /** A labels-train paper mixed in to score the annotators. */
  gold: boolean;
  a: Labels;
  b: Labels;
  /** The third reading of the topics A and B disagreed on, with its reason. */
  third?: Third;
}

const TOPICS = TOPIC_DEFINITIONS.map((t) => t.id);
const MORE = 'labels-more.jsonl';
const ANNOTATIONS = 'labels-more.annotations.jsonl';

/** FNV-1a, 32 bits: a seeded order that does not depend on the files' order. */
function seededRank(id: string, seed: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}\u0000${id}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function drawn<T extends { id: string }>(papers: readonly T[], n: number, seed: string): T[] {
  return papers
    .map((p) => ({ p, r: seededRank(p.id, seed) }))
    .sort((a, b) => a.r - b.r || (a.p.id < b.p.id ? -1 : 1))
    .slice(0, n)
    .map((x) => x.p);
}

function readIfThere<T>(path: string): T[] {
  try {
    return readJsonl<T>(path);
  } catch {
    return [];
  }
}

/** The pool the round drew from: today's pool plus the papers the round took out of it. */
function poolAtDraw(): Paper[] {
  return [...readJsonl<Paper>(join(DATA_DIR, POOL_FILE)), ...readIfThere<Paper>(join(DATA_DIR, MORE))];
}

function sample(out: string, count: number, gold: number, chunks: number, seed: string): void {
  const pool = drawn(poolAtDraw(), count, seed);
  const train = drawn(readJsonl<Paper>(join(DATA_DIR, 'labels-train.jsonl')), gold, seed);
  const keys: Record<string, { id: string; gold: boolean }> = {};
  mkdirSync(join(out, 'chunks'), { recursive: true });
  mkdirSync(join(out, 'private'), { recursive: true });
  for (let c = 0; c < chunks; c++) {
    const mine = [
      ...pool.filter((_, i) => i % chunks === c).map((p) => ({ p, gold: false })),
      ...train.filter((_, i) => i % chunks === c).map((p) => ({ p, gold: true })),
    ].sort((a, b) => seededRank(a.p.id, `${seed}/mix`) - seededRank(b.p.id, `${seed}/mix`));
    const lines = mine.map(({ p, gold: isGold }, i) => {
      const key = `c${c + 1}-${String(i + 1).padStart(4, '0')}`;
      keys[key] = { id: p.id, gold: isGold };
      const abstract = (p.abstract ?? '').replace(/\s+/g, ' ').trim();
      return `=== ${key}\nTitle: ${p.title.replace(/\s+/g, ' ').trim()}\nAbstract: ${abstract}\n`;
    });
    writeFileSync(join(out, 'chunks', `chunk-${c + 1}.txt`), lines.join('\n'));
  }
  writeFileSync(join(out, 'private', 'keys.json'), `${JSON.stringify(keys, null, 1)}\n`);
  console.error(`${Object.keys(keys).length} papers in ${chunks} chunks under ${out}`);
}

function labelsOf(row: Record<string, unknown>): Labels {
  return Object.fromEntries(TOPICS.map((t) => [t, row[t] === 1 ? 1 : 0]));
}

/** Final labels: A and B where they agree, else the third reading. */
export function settled(x: Annotation): Labels {
  return Object.fromEntries(
    TOPICS.map((t) => {
      if (x.a[t] === x.b[t]) return [t, x.a[t] as number];
      const third = x.third?.[t];
      if (third !== 0 && third !== 1) throw new Error(`${x.id} (${x.key}): ${t} disputed, no third reading`);
      return [t, third];
    }),
  );
}

function merge(round: string, count: number, seed: string): void {
  const keys = JSON.parse(readFileSync(join(round, 'private', 'keys.json'), 'utf8')) as Record<
    string,
    { id: string; gold: boolean }
  >;
  const third = JSON.parse(readFileSync(join(round, 'private', 'third.json'), 'utf8')) as Record<
    string,
    Third
  >;
  const byKey = new Map<string, { a?: Labels; b?: Labels }>();
  const chunks = new Set(Object.keys(keys).map((k) => k.split('-')[0]));
  for (const c of chunks) {
    for (const who of ['a', 'b'] as const) {
      const file = join(round, 'out', `chunk-${c?.slice(1)}.${who.toUpperCase()}.jsonl`);
      for (const row of readJsonl<Record<string, unknown>>(file)) {
        const key = String(row.key);
        if (!keys[key]) throw new Error(`${file}: unknown key ${key}`);
        const slot = byKey.get(key) ?? {};
        if (slot[who]) throw new Error(`${file}: ${key} twice`);
        slot[who] = labelsOf(row);
        byKey.set(key, slot);
      }
    }
  }
  const papers = new Map(
    [...poolAtDraw(), ...readJsonl<Paper>(join(DATA_DIR, 'labels-train.jsonl'))].map((p) => [p.id, p]),
  );
  const annotations: Annotation[] = Object.entries(keys).map(([key, { id, gold }]) => {
    const slot = byKey.get(key);
    if (!slot?.a || !slot.b) throw new Error(`${key}: not annotated twice`);
    const x: Annotation = { id, key, gold, a: slot.a, b: slot.b };
    if (third[key]) x.third = third[key];
    if (!gold) settled(x); // the mixed-in labels-train papers keep the team's labels
    return x;
  });
  const more = drawn(poolAtDraw(), count, seed).map((p) => {
    const x = annotations.find((a) => a.id === p.id);
    if (!x || x.gold) throw new Error(`${p.id}: drawn but not annotated`);
    const paper = papers.get(p.id) as Paper;
    return { id: p.id, title: paper.title, abstract: paper.abstract, labels: settled(x) };
  });
  writeFileSync(join(DATA_DIR, ANNOTATIONS), `${annotations.map((x) => JSON.stringify(x)).join('\n')}\n`);
  writeFileSync(join(DATA_DIR, MORE), `${more.map((x) => JSON.stringify(x)).join('\n')}\n`);
  console.error(`${MORE}: ${more.length} papers; ${ANNOTATIONS}: ${annotations.length}`);
}

/** Cohen's kappa of two 0/1 series. */
export function kappa(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const po = x.filter((v, i) => v === y[i]).length / n;
  const px = x.filter((v) => v === 1).length / n;
  const py = y.filter((v) => v === 1).length / n;
  const pe = px * py + (1 - px) * (1 - py);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

function agreement(): void {
  const all = readJsonl<Annotation>(join(DATA_DIR, ANNOTATIONS));
  const pool = all.filter((x) => !x.gold);
  const gold = new Map(
    readJsonl<Paper & { labels: Labels }>(join(DATA_DIR, 'labels-train.jsonl')).map((p) => [p.id, p.labels]),
  );
  console.log(
    `${pool.length} papers annotated twice (+ ${all.length - pool.length} labels-train papers mixed in)`,
  );
  console.log('| topic | A: yes | B: yes | both | agreement | κ | after the third reading: yes |');
  console.log('|---|---|---|---|---|---|---|');
  for (const t of TOPICS) {
    const a = pool.map((x) => x.a[t] as number);
    const b = pool.map((x) => x.b[t] as number);
    const both = a.filter((v, i) => v === 1 && b[i] === 1).length;
    const same = a.filter((v, i) => v === b[i]).length;
    const final = pool.filter((x) => settled(x)[t] === 1).length;
    const sum = (v: number[]) => v.reduce((s, z) => s + z, 0);
    console.log(
      `| ${t} | ${sum(a)} | ${sum(b)} | ${both} | ${same}/${pool.length} | ${kappa(a, b).toFixed(3)} | ${final} |`,
    );
  }
  const disputed = pool.filter((x) => x.third).length;
  console.log(`papers with a disagreement (third reading): ${disputed}`);
  for (const who of ['a', 'b'] as const) {
    let same = 0;
    let n = 0;
    for (const x of all.filter((y) => y.gold)) {
      const g = gold.get(x.id);
      if (!g) throw new Error(`${x.id}: not in labels-train`);
      for (const t of TOPICS) {
        n++;
        if (g[t] === x[who][t]) same++;
      }
    }
    console.log(
      `annotator ${who.toUpperCase()} against labels-train on the mixed-in papers: ${same}/${n} labels`,
    );
  }
}

function main(): void {
  const [command, ...args] = process.argv.slice(2);
  const opt = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const seed = opt('--seed', 'more-1');
  const count = Number(opt('--count', '2000'));
  if (command === 'sample') {
    sample(
      resolve(opt('--out', 'labels-round')),
      count,
      Number(opt('--gold', '100')),
      Number(opt('--chunks', '4')),
      seed,
    );
  } else if (command === 'merge') merge(resolve(opt('--round', 'labels-round')), count, seed);
  else if (command === 'agreement') agreement();
  else throw new Error('usage: labels-more.ts sample|merge|agreement (see the comment at the top)');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
