import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBibtex } from '../../../lib/library/bibtex';
import { exportFields } from '../../../lib/library/export-fields';
import { type LibraryItem, viewItems } from '../../../lib/library/items';
import { parseTex, texToText } from '../../../lib/library/tex';
import { freshDb } from '../db/fixtures';
import { item, NOTES, OTHER_SCHEMES, texTitlePapers } from './export-data';
import { buildLibrary, loadItems } from './helpers';

// The BibTeX export compiled by BibTeX itself (TeX Live's `bibtex`; Debian's texlive-binaries, installed by .ci/run):
// the sample library, the 122 real titles and abstracts with TeX, and papers of other id schemes. A style file
// writes every field as BibTeX read it; BibTeX must report no error and no warning, and each title must read as the
// paper's title (its maths intact). Without `bibtex` this test fails: it is not skipped.

const STYLE = `ENTRY { title author year doi eprint archiveprefix primaryclass url abstract keywords annote journal booktitle howpublished } {} {}
FUNCTION {put}
{ swap$ duplicate$ empty$
    { pop$ pop$ }
    { swap$ "\\field{" swap$ * "}{" * swap$ * "}" * write$ newline$ }
  if$
}
FUNCTION {entry}
{ "\\entry{" cite$ * "}{" * type$ * "}" * write$ newline$
  title "title" put  author "author" put  year "year" put  doi "doi" put  eprint "eprint" put
  archiveprefix "archiveprefix" put  primaryclass "primaryclass" put  url "url" put  abstract "abstract" put
  keywords "keywords" put  annote "annote" put  journal "journal" put  booktitle "booktitle" put
  howpublished "howpublished" put
  "\\endentry" write$ newline$
}
FUNCTION {article} { entry }
FUNCTION {inproceedings} { entry }
FUNCTION {misc} { entry }
FUNCTION {default.type} { entry }
READ
ITERATE { call.type$ }
`;

interface Compiled {
  status: number | null;
  log: string;
  entries: { key: string; type: string; fields: Record<string, string> }[];
}

/** The text of the braced group that starts at `open` (BibTeX's fields are brace-balanced). */
function group(s: string, open: number): { text: string; end: number } {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return { text: s.slice(open + 1, i), end: i + 1 };
  }
  throw new Error(`unbalanced .bbl at ${open}`);
}

function readBbl(bbl: string): Compiled['entries'] {
  const entries: Compiled['entries'] = [];
  for (let i = bbl.indexOf('\\'); i >= 0 && i < bbl.length; i = bbl.indexOf('\\', i)) {
    if (bbl.startsWith('\\entry', i)) {
      const key = group(bbl, i + 6);
      const type = group(bbl, key.end);
      entries.push({ key: key.text, type: type.text, fields: {} });
      i = type.end;
    } else if (bbl.startsWith('\\field', i)) {
      const name = group(bbl, i + 6);
      const value = group(bbl, name.end);
      const e = entries.at(-1);
      // BibTeX wraps long output lines at spaces.
      if (e) e.fields[name.text] = value.text.replace(/\s+/g, ' ');
      i = value.end;
    } else i += 1;
  }
  return entries;
}

function bibtex(bib: string): Compiled {
  const dir = mkdtempSync(join(tmpdir(), 'papersift-bibtex-'));
  try {
    writeFileSync(join(dir, 'export.bib'), bib);
    writeFileSync(join(dir, 'check.bst'), STYLE);
    writeFileSync(join(dir, 'doc.aux'), '\\citation{*}\n\\bibdata{export}\n\\bibstyle{check}\n');
    const run = spawnSync('bibtex', ['doc'], {
      cwd: dir,
      encoding: 'utf8',
      // Without TeX Live's configuration (texlive-base), kpathsea looks in these folders only.
      env: { ...process.env, BIBINPUTS: '.', BSTINPUTS: '.' },
    });
    if (run.error)
      throw new Error(`bibtex did not run (${run.error.message}): install Debian's texlive-binaries`);
    const log = `${run.stdout}${readFileSync(join(dir, 'doc.blg'), 'utf8')}`;
    return { status: run.status, log, entries: readBbl(readFileSync(join(dir, 'doc.bbl'), 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let items: LibraryItem[];
let compiled: Compiled | undefined;

beforeAll(async () => {
  const { db } = freshDb();
  await buildLibrary(db);
  const tex = texTitlePapers();
  items = [
    ...viewItems(await loadItems(db), undefined, {}, 'saved'),
    ...tex.map((p, i) => item(p, i % 10 === 0 ? NOTES : undefined, i % 7 === 0 ? ['to_read', 'Q&A'] : [])),
    ...OTHER_SCHEMES.map((p) => item(p, NOTES)),
  ];
});

/** Run in the tests, not before them: without bibtex each test fails (a failed beforeAll reads as skipped). */
function compile(): Compiled {
  compiled ??= bibtex(toBibtex(items));
  return compiled;
}

describe('BibTeX compiles the export', () => {
  it('with no error and no warning, every paper an entry', () => {
    const compiled = compile();
    expect(compiled.log).not.toMatch(/error message|Warning--|I was expecting|I'm skipping/i);
    expect(compiled.status).toBe(0);
    expect(items).toHaveLength(30 + 122 + 5);
    expect(compiled.entries).toHaveLength(items.length);
  });

  it('reads every title as the paper has it, maths as maths', () => {
    const compiled = compile();
    const maths = (s: string) => s.match(/\$[^$]+\$/g) ?? [];
    // TeX commands a title uses that LaTeX does not know (or outside maths): written as they are, backslash and all.
    const unknown = (s: string) => parseTex(s).filter((p) => p.kind === 'other');
    let withMaths = 0;
    const literal: string[] = [];
    items.forEach((it, i) => {
      const title = compiled.entries[i]?.fields.title ?? '';
      // The outer braces keep the title's case.
      expect(title.startsWith('{') && title.endsWith('}')).toBe(true);
      const read = texToText(title.slice(1, -1));
      if (unknown(it.paper.title).length) {
        literal.push(read);
        expect(read).toBe(it.paper.title.replace(/\s+/g, ' '));
      } else expect(read).toBe(texToText(it.paper.title));
      for (const m of maths(it.paper.title)) expect(title).toContain(m.replace(/\s+/g, ' '));
      if (maths(it.paper.title).length) withMaths++;
    });
    expect(withMaths).toBeGreaterThan(90);
    expect(literal).toEqual([
      '\\ECUAS{n}: A family of metrics for principled evaluation of uncertainty-augmented systems',
      "Don't encrypt the data; just approximate the model \\ Towards Secure Transaction and Fair Pricing of Training Data",
    ]);
    const m3 = compiled.entries.find((e) => e.fields.title?.includes('Gen: Interpretable Multimodal'));
    expect(m3?.fields.title).toBe(
      '{M$^3$-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data}',
    );
  });

  it("reads the links, ids, year, venue and notes' line breaks", () => {
    const compiled = compile();
    items.forEach((it, i) => {
      const f = compiled.entries[i]?.fields ?? {};
      const x = exportFields(it.paper);
      expect(f.url).toBe(x.url);
      expect(f.url).not.toMatch(/huggingface\.co/);
      expect(f.eprint).toBe(x.arxiv);
      expect(f.doi).toBe(x.doi);
      expect(f.year).toBe(x.year === undefined ? undefined : String(x.year));
      if (it.paper.authors.length) expect(f.author?.split(' and ')).toHaveLength(it.paper.authors.length);
      if (it.user?.notes === NOTES) {
        // Two paragraphs, the first of two lines: one line break, one paragraph break.
        expect(f.annote?.split('\\par')).toHaveLength(2);
        expect(f.annote?.split('\\\\')).toHaveLength(2);
      }
    });
    const venues = OTHER_SCHEMES.map((_, i) => compiled.entries[items.length - 5 + i]);
    expect(
      venues.map((e) => [e?.type, e?.fields.booktitle ?? e?.fields.journal ?? e?.fields.howpublished]),
    ).toEqual([
      ['inproceedings', 'ESEM'],
      ['article', 'Empir. Softw. Eng.'],
      ['misc', OTHER_SCHEMES[2]?.venue],
      ['misc', 'Environment and Planning B Urban Analytics and City Science'],
      ['misc', 'Foundations and trends® in Machine Learning'],
    ]);
  });
});
