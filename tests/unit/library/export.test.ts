import { type Creator, parse } from '@retorquere/bibtex-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { listLists } from '../../../lib/db/library';
import type { ListRecord } from '../../../lib/db/schema';
import {
  arxivDate,
  bibtexEscape,
  csvCell,
  toBibtex,
  toCsv,
  toMarkdown,
  toRis,
} from '../../../lib/library/export';
import { type LibraryItem, viewItems } from '../../../lib/library/items';
import { freshDb } from '../db/fixtures';
import { buildLibrary, loadItems, papers } from './helpers';

let all: LibraryItem[];
let lists: ListRecord[];
const id = (i: number) => papers[i]?.id as string;
const item = (i: number) => all.find((x) => x.paper.id === id(i)) as LibraryItem;
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  const { db } = freshDb();
  await buildLibrary(db);
  all = viewItems(await loadItems(db), undefined, {}, 'saved');
  lists = await listLists(db);
});

/** Minimal RFC 4180 reader, for checking the CSV writer. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('BibTeX', () => {
  it('is read back by a real BibTeX parser to the same title, authors, abstract, ids, tags and notes', () => {
    const bib = toBibtex(all);
    const lib = parse(bib, { english: false, sentenceCase: false, caseProtection: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries).toHaveLength(30);
    expect(new Set(lib.entries.map((e) => e.key)).size).toBe(30);
    lib.entries.forEach((e, i) => {
      const it = all[i] as LibraryItem;
      const p = it.paper;
      const f = e.fields as Record<string, unknown>;
      expect(e.type).toBe('misc');
      expect(f.title).toBe(collapse(p.title));
      const authors = ((f.author as Creator[] | undefined) ?? []).map((c) =>
        (c.name ?? [c.firstName, c.prefix, c.lastName].filter(Boolean).join(' ')).trim(),
      );
      expect(authors).toEqual(p.authors);
      expect(f.abstract).toBe(collapse(p.abstract ?? ''));
      expect([f.eprint, f.archiveprefix, f.primaryclass]).toEqual([
        p.id.slice('arxiv:'.length),
        'arXiv',
        p.categories[0],
      ]);
      expect(f.url).toBe(p.url);
      expect(f.year).toBe(String(arxivDate(p.id.slice(6))?.year));
      expect(f.keywords ?? []).toEqual(it.user?.tags ?? []);
      expect(f.annote).toBe(it.user?.notes ? collapse(it.user.notes) : undefined);
    });
  });

  it('writes arXiv entries in the usual shape (reviewed output)', () => {
    expect(toBibtex([item(3)])).toBe(
      [
        '@misc{zdrale2026hypno,',
        '  title = {{HypNO: A Graph-Based Neural Operator with Physics-Informed Message Passing for Hyperbolic Conservation Laws}},',
        '  author = {Dimitrije Ždrale and Cassie An Jeng and Katie Wang and Sonia Vanier and Alexandre Bayen and Hossein Nick Zinat Matin},',
        '  year = {2026},',
        '  eprint = {2607.20541},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  url = {https://arxiv.org/abs/2607.20541},',
        `  abstract = {${bibtexEscape(item(3).paper.abstract ?? '')}},`,
        '  keywords = {thesis, to-cite},',
        '  annote = {Compare with the halting gates of the looped transformer "paper" (§3, 50\\% faster; a \\& b)}',
        '}',
        '',
      ].join('\n'),
    );
    expect(bibtexEscape("E$^3$Net & agentic_security {x} 100% #1 ~ \\cite -- ``q''")).toBe(
      "E\\$\\textasciicircum{}3\\$Net \\& agentic\\_security \\{x\\} 100\\% \\#1 \\textasciitilde{} \\textbackslash{}cite -{}- `{}`q'{}'",
    );
  });
});

describe('RIS, CSV, Markdown', () => {
  it('writes RIS records with tags and notes on one line each', () => {
    const ris = toRis([item(3)]).split('\r\n');
    expect(ris.slice(0, 6)).toEqual([
      'TY  - JOUR',
      'TI  - HypNO: A Graph-Based Neural Operator with Physics-Informed Message Passing for Hyperbolic Conservation Laws',
      'AU  - Dimitrije Ždrale',
      'AU  - Cassie An Jeng',
      'AU  - Katie Wang',
      'AU  - Sonia Vanier',
    ]);
    expect(ris.slice(8, 12)).toEqual(['PY  - 2026', 'T2  - arXiv', 'AN  - arXiv:2607.20541', 'M3  - cs.LG']);
    expect(ris.slice(-7)).toEqual([
      'L1  - https://arxiv.org/pdf/2607.20541',
      'KW  - thesis',
      'KW  - to-cite',
      'N1  - Compare with the halting gates of the looped transformer "paper" (§3, 50% faster; a & b)',
      'ID  - arxiv:2607.20541',
      'ER  - ',
      '',
    ]);
  });

  it('writes CSV that reads back cell for cell, and defuses spreadsheet formulas', () => {
    const rows = readCsv(toCsv(all, lists));
    expect(rows).toHaveLength(31);
    const head = rows[0] as string[];
    const row = rows.find((r) => r[0] === id(3)) as string[];
    const col = (name: string) => row[head.indexOf(name)];
    expect(col('title')).toBe(item(3).paper.title);
    expect(col('authors')).toBe(
      'Dimitrije Ždrale; Cassie An Jeng; Katie Wang; Sonia Vanier; Alexandre Bayen; Hossein Nick Zinat Matin',
    );
    expect(col('lists')).toBe('Reading list; Thesis');
    expect(col('notes')).toBe(item(3).user?.notes);
    expect(col('abstract')).toBe(item(3).paper.abstract);
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });

  it('writes Markdown with the titles linked and Markdown syntax escaped (reviewed output)', () => {
    const md = toMarkdown([item(29), item(3)], 'Reading list');
    expect(md).toBe(
      [
        '# Reading list',
        '',
        '2 papers',
        '',
        '- [LVLM\\_CSP: Accelerating Large Vision Language Models via Clustering, Scattering, and Pruning for Reasoning Segmentation](https://huggingface.co/papers/2504.10854)  ',
        '  2025 · to read · saved 2026-07-30',
        '- [HypNO: A Graph\\-Based Neural Operator with Physics\\-Informed Message Passing for Hyperbolic Conservation Laws](https://arxiv.org/abs/2607.20541)  ',
        '  Dimitrije Ždrale, Cassie An Jeng, Katie Wang, Sonia Vanier, Alexandre Bayen, Hossein Nick Zinat Matin · 2026 · to read · saved 2026-07-04',
        '  Tags: thesis, to\\-cite',
        '  > Compare with the halting gates of',
        '  > the looped transformer "paper" \\(§3, 50% faster; a \\& b\\)',
        '',
      ].join('\n'),
    );
  });
});
