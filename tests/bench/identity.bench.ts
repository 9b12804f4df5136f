/**
 * How often the title key (lib/ids.ts `titleKey`: normalised title + first author's surname) would take two
 * different papers for one (standalone: `npx tsx tests/bench/identity.bench.ts`; prints numbers, no pass/fail).
 *
 *  - ../shared/data/papers.jsonl (25,399 papers of 15 venues and arXiv, no authors): records whose titles give the
 *    same key with no author, as pairs, and the pairs whose abstracts differ (different papers, not one paper
 *    copied from two sources);
 *  - the arXiv cs.LG metadata of the generated listing (2,155 distinct arXiv papers, with authors): pairs with the
 *    same title alone, and with the same title and first author (what PaperSift matches on);
 *  - titles too short to be given a key (no match by title at all);
 *  - every paper of the saved real pages (tests/fixtures/expected): distinct ids that share a key;
 *  - a real DBLP search page (tests/fixtures/pages/dblp), which lists a paper's arXiv preprint (CoRR) and its venue
 *    version as two entries: how many such pairs the key finds (the matches it is for), and any other pair.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { titleKey } from '../../lib/ids.ts';

const shared = resolve(import.meta.dirname, '../../../shared');
type Row = { id: string; title: string; abstract?: string; summary?: string; authors?: string[] };
const read = (p: string): Row[] =>
  readFileSync(resolve(shared, p), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

/** Groups of rows with the same key (rows without a key left out), and how many rows had none. */
function collisions(rows: readonly Row[], key: (r: Row) => string | undefined) {
  const groups = new Map<string, Row[]>();
  let keyless = 0;
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) keyless++;
    else groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const shared = [...groups.values()].filter((g) => g.length > 1);
  const pairs = shared.reduce((n, g) => n + (g.length * (g.length - 1)) / 2, 0);
  return { shared, pairs, keyless };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(3)} %`;

const papers = read('data/papers.jsonl');
const byTitle = collisions(papers, (r) => titleKey(r.title, []));
const text = (r: Row) => (r.abstract ?? r.summary ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
const different = byTitle.shared.filter((g) => new Set(g.map(text)).size > 1);
const differentPairs = different.reduce((n, g) => n + (g.length * (g.length - 1)) / 2, 0);
const allPairs = (papers.length * (papers.length - 1)) / 2;
console.log(`papers.jsonl: ${papers.length} records`);
console.log(
  `  no key (title under 12 letters and digits): ${byTitle.keyless} (${pct(byTitle.keyless, papers.length)})`,
);
console.log(
  `  same title key: ${byTitle.pairs} pairs in ${byTitle.shared.length} groups; ${byTitle.shared.reduce((n, g) => n + g.length, 0)} records (${pct(
    byTitle.shared.reduce((n, g) => n + g.length, 0),
    papers.length,
  )})`,
);
console.log(
  `  of which different papers (abstracts differ): ${differentPairs} pairs, ${different.reduce((n, g) => n + g.length, 0)} records; ${(differentPairs / allPairs).toExponential(2)} of all pairs`,
);
for (const g of different.slice(0, 12))
  console.log(`    "${g[0]?.title}" x${g.length}: ${g.map((r) => r.id).join(', ')}`);

const arxiv = read('fixtures/generated/arxiv-cs.LG-metadata-2026-05-12..07-24.jsonl');
const title = collisions(arxiv, (r) => titleKey(r.title, []));
const titleAuthor = collisions(arxiv, (r) => titleKey(r.title, r.authors ?? []));
console.log(`arXiv cs.LG metadata: ${arxiv.length} distinct papers`);
console.log(
  `  same title alone: ${title.pairs} pairs (${title.shared.map((g) => `"${g[0]?.title}"`).join('; ')})`,
);
console.log(`  same title and first author: ${titleAuthor.pairs} pairs; no key: ${titleAuthor.keyless}`);

const dblpFile = resolve(
  import.meta.dirname,
  '../fixtures/pages/dblp/dblp-search-calefato-2024-01-prettified.html',
);
const doc = new JSDOM(readFileSync(dblpFile, 'utf8')).window.document;
const entries = [...doc.querySelectorAll('li.entry')].map((li) => ({
  id: li.id,
  title: li.querySelector('span.title')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  authors: [...li.querySelectorAll('[itemprop="author"] [itemprop="name"]')].map((a) =>
    (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
  ),
}));
const dblp = collisions(entries, (r) => titleKey(r.title, r.authors ?? []));
const preprintAndVenue = dblp.shared.filter(
  (g) => g.some((r) => r.id.startsWith('journals/corr/')) && g.length === 2,
);
console.log(`DBLP search page: ${entries.length} entries, ${dblp.keyless} without a key`);
console.log(
  `  same title and first author: ${dblp.pairs} pairs, ${preprintAndVenue.length} of them a CoRR preprint and its venue version (${preprintAndVenue.map((g) => g.map((r) => r.id).join(' = ')).join('; ')})`,
);

const expectedDir = resolve(import.meta.dirname, '../fixtures/expected');
const onPages = new Map<string, Row>();
for (const f of readdirSync(expectedDir))
  for (const p of (JSON.parse(readFileSync(resolve(expectedDir, f), 'utf8')) as { papers: Row[] }).papers)
    onPages.set(p.id, p);
const pages = collisions([...onPages.values()], (r) => titleKey(r.title, r.authors ?? []));
const pagesTitle = collisions([...onPages.values()], (r) => titleKey(r.title, []));
console.log(
  `saved real pages: ${onPages.size} distinct papers (arXiv listings, search, Hugging Face), ${pages.keyless} without a key`,
);
console.log(
  `  same title alone: ${pagesTitle.pairs} pairs (${pagesTitle.shared.map((g) => `"${g[0]?.title}": ${g.map((r) => r.id).join(', ')}`).join('; ')}); same title and first author: ${pages.pairs} pairs`,
);
