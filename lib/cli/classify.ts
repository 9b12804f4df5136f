/**
 * Classifies papers from a JSON Lines file ({id, title, abstract} per line; `summary` is accepted for the
 * abstract) and prints one line per paper: {"id", "kind", "labels", "scores", "uncertain", "evidence"}. The text
 * kind (title, snippet, abstract) is chosen by what each line carries (`textKindOf`), as in the extension.
 *
 *   npm run classify -- papers.jsonl
 *   npm run classify -- --model /tmp/m.json papers.jsonl     # another trained asset (e.g. trained without dev)
 *   npm run classify -- --title-only papers.jsonl            # ignore abstracts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PaperClassifier } from '../classify/classifier.ts';
import { compileModel } from '../classify/compile.ts';
import { builtinModel } from '../classify/index.ts';
import type { TopicModelJson } from '../classify/model.ts';

function main(): void {
  const args = process.argv.slice(2);
  let modelPath: string | undefined;
  let titleOnly = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--model') modelPath = args[++i];
    else if (a === '--title-only') titleOnly = true;
    else files.push(a);
  }
  if (files.length !== 1) {
    console.error('usage: classify [--model model.json] [--title-only] papers.jsonl');
    process.exit(2);
  }
  const model = modelPath
    ? compileModel(JSON.parse(readFileSync(resolve(modelPath), 'utf8')) as TopicModelJson)
    : builtinModel();
  const classifier = new PaperClassifier(model);
  const out: string[] = [];
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  for (const line of readFileSync(resolve(files[0] as string), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { id?: unknown; title?: unknown; abstract?: unknown; summary?: unknown };
    const abstract =
      typeof p.abstract === 'string' ? p.abstract : typeof p.summary === 'string' ? p.summary : '';
    const c = classifier.classify({
      title: typeof p.title === 'string' ? p.title : '',
      abstract: titleOnly ? '' : abstract,
    });
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(c.scores)) scores[k] = round(v);
    out.push(
      JSON.stringify({
        id: p.id,
        kind: c.kind,
        labels: c.labels,
        scores,
        uncertain: c.uncertain,
        evidence: c.evidence,
      }),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
