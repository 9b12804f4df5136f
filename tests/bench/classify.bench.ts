/**
 * Speed of the topic model (standalone: `npx tsx tests/bench/classify.bench.ts`; prints numbers, no pass/fail).
 *
 *  - papers/s for `classify` on title + abstract, single thread, over ../shared/data/papers.jsonl;
 *  - papers/s for a bare tokenisation pass over the same texts (the floor: what any model must pay);
 *  - ms to classify the papers of the generated 2,000-entry arXiv page (its metadata file), median of runs;
 *  - the same with abstracts removed (titles only), and one rebuild of a classifier with user topics and marks.
 * Targets (README): >= 20,000 papers/s, <= 100 ms per 2,000 papers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtinModel,
  createClassifier,
  createUserTopic,
  emptyUserState,
  markPaper,
} from '../../lib/classify/index.ts';
import { tokenize } from '../../lib/classify/tokenize.ts';
import type { PaperText } from '../../lib/classify/types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(root, '../shared');
const PAPERS = resolve(shared, 'data/papers.jsonl');
const PAGE = resolve(shared, 'fixtures/generated/arxiv-cs.LG-metadata-2026-05-12..07-24.jsonl');
const PAGE_HTML = resolve(shared, 'fixtures/generated/arxiv-cs.LG-new-2000-entries.html');

type Raw = { id?: string; title?: string; abstract?: string; summary?: string };
const readJsonl = (p: string): Raw[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Raw);
const toPaper = (r: Raw): PaperText => ({ title: r.title ?? '', abstract: r.abstract ?? r.summary ?? '' });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timeRuns(runs: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function main(): void {
  const t0 = performance.now();
  builtinModel();
  const loadMs = performance.now() - t0;
  const classifier = createClassifier();
  let sink = 0;
  console.log(`model compile: ${loadMs.toFixed(1)} ms (once per worker start)`);

  if (existsSync(PAPERS)) {
    const papers = readJsonl(PAPERS).map(toPaper);
    const chars = papers.reduce((a, p) => a + p.title.length + (p.abstract?.length ?? 0), 0);
    // warm-up, then median of 5 passes
    for (const p of papers.slice(0, 2000)) sink += classifier.classify(p).labels.length;
    const cls = median(
      timeRuns(5, () => {
        for (const p of papers) sink += classifier.classify(p).labels.length;
      }),
    );
    const tok = median(
      timeRuns(5, () => {
        for (const p of papers) sink += tokenize(p.title) + tokenize(p.abstract ?? '');
      }),
    );
    console.log(
      `papers.jsonl: ${papers.length} papers, ${(chars / papers.length).toFixed(0)} chars each (title + abstract)`,
    );
    console.log(`classify (title + abstract): ${((papers.length / cls) * 1000).toFixed(0)} papers/s`);
    console.log(`tokenise only: ${((papers.length / tok) * 1000).toFixed(0)} papers/s`);
  } else console.log(`(${PAPERS} not found: skipped)`);

  if (existsSync(PAGE)) {
    let page = readJsonl(PAGE);
    // The 2,000 papers of the generated page: those whose ids appear in its HTML (else the first 2,000).
    if (existsSync(PAGE_HTML)) {
      const html = readFileSync(PAGE_HTML, 'utf8');
      const onPage = page.filter((r) => r.id && html.includes(`/abs/${r.id}`));
      if (onPage.length >= 1000) page = onPage;
    }
    page = page.slice(0, 2000);
    const papers = page.map(toPaper);
    const titles = papers.map((p) => ({ title: p.title }));
    const run = (ps: PaperText[]) => () => {
      const c = createClassifier();
      for (const p of ps) sink += c.classify(p).labels.length;
    };
    run(papers)();
    const full = median(timeRuns(9, run(papers)));
    const titleOnly = median(timeRuns(9, run(titles)));
    const scale = 2000 / papers.length;
    console.log(`generated arXiv page: ${papers.length} papers`);
    console.log(
      `classify page (title + abstract): ${(full * scale).toFixed(1)} ms per 2,000 papers (median of 9)`,
    );
    console.log(
      `classify page (titles only): ${(titleOnly * scale).toFixed(1)} ms per 2,000 papers (median of 9)`,
    );

    // A user's model: 3 topics, 30 marks each, rebuilt after a change.
    let s = emptyUserState();
    for (const name of ['Robotics', 'Information retrieval', 'Audio']) {
      const made = createUserTopic(s, {
        name,
        phrases: ['robot', 'retrieval', 'speech', 'audio', 'grasping'],
      });
      s = made.state;
      page.slice(0, 30).forEach((r, i) => {
        s = markPaper(s, made.topic.id, { id: r.id ?? String(i), ...toPaper(r) }, i % 3 === 0);
      });
    }
    const rebuild = median(
      timeRuns(9, () => {
        sink += createClassifier(s).topics.length;
      }),
    );
    const withUser = createClassifier(s);
    const userPage = median(
      timeRuns(5, () => {
        for (const p of papers) sink += withUser.classify(p).labels.length;
      }),
    );
    console.log(`rebuild with 3 user topics x 30 marks: ${rebuild.toFixed(1)} ms`);
    console.log(`classify page with those user topics: ${(userPage * scale).toFixed(1)} ms per 2,000 papers`);
  } else console.log(`(${PAGE} not found: skipped)`);
  if (sink === -1) console.log(sink); // keep the work observable
}

main();
