import { type Creator, parse } from '@retorquere/bibtex-parser';
import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { listLists } from '../../../lib/db/lists';
import type { ListRecord } from '../../../lib/db/schema';
import { bibtexTex, fromBibtex, notesFromBibtex } from '../../../lib/library/bibtex';
import {
  bibtexEscape,
  csvCell,
  exportPapers,
  toBibtex,
  toCsv,
  toMarkdown,
  toRis,
} from '../../../lib/library/export';
import { arxivDate, exportFields } from '../../../lib/library/export-fields';
import { type LibraryItem, viewItems } from '../../../lib/library/items';
import { texToText } from '../../../lib/library/tex';
import { freshDb } from '../db/fixtures';
import { item as itemOf, NOTES, OTHER_SCHEMES, texTitlePapers } from './export-data';
import { buildLibrary, loadItems, papers } from './helpers';

let all: LibraryItem[];
let lists: ListRecord[];
const id = (i: number) => papers[i]?.id as string;
const item = (i: number) => all.find((x) => x.paper.id === id(i)) as LibraryItem;

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
  it("is read back by Better BibTeX's parser to the same titles (maths intact), authors, abstracts, ids, tags and notes", () => {
    const bib = toBibtex(all);
    // As PaperSift's import reads it (lib/library/import.ts): titles, abstracts and notes as written.
    const lib = parse(bib, {
      english: false,
      sentenceCase: false,
      caseProtection: false,
      fieldMode: { title: 'verbatim', abstract: 'verbatim', annote: 'verbatim' },
    });
    expect(lib.errors).toEqual([]);
    expect(lib.entries).toHaveLength(30);
    expect(new Set(lib.entries.map((e) => e.key)).size).toBe(30);
    lib.entries.forEach((e, i) => {
      const it = all[i] as LibraryItem;
      const p = it.paper;
      const f = e.fields as Record<string, unknown>;
      expect(e.type).toBe('misc');
      // The maths as written; the rest reads as the paper's title does.
      for (const m of p.title.match(/\$[^$]+\$/g) ?? []) expect(f.title).toContain(m);
      expect(texToText(fromBibtex(f.title as string))).toBe(texToText(p.title));
      const authors = ((f.author as Creator[] | undefined) ?? []).map((c) =>
        (c.name ?? [c.firstName, c.prefix, c.lastName].filter(Boolean).join(' ')).trim(),
      );
      expect(authors).toEqual(p.authors);
      expect(texToText(fromBibtex((f.abstract as string | undefined) ?? ''))).toBe(
        texToText(p.abstract ?? ''),
      );
      const bare = p.id.slice('arxiv:'.length);
      expect([f.eprint, f.archiveprefix, f.primaryclass]).toEqual([bare, 'arXiv', p.categories[0]]);
      expect(f.url).toBe(`https://arxiv.org/abs/${bare}`);
      expect(f.year).toBe(String(arxivDate(bare)?.year));
      expect(f.keywords ?? []).toEqual(it.user?.tags ?? []);
      expect(f.annote === undefined ? undefined : notesFromBibtex(f.annote as string)).toBe(it.user?.notes);
    });
  });

  it('writes arXiv entries in the usual shape, maths as maths (reviewed output)', () => {
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
        `  abstract = {${bibtexTex(item(3).paper.abstract ?? '')}},`,
        '  keywords = {thesis, to-cite},',
        '  annote = {Compare with the halting gates of\\\\',
        '    the looped transformer "paper" (§3, 50\\% faster; a \\& b)}',
        '}',
        '',
      ].join('\n'),
    );
    const m3 = toBibtex([item(7)]);
    expect(m3).toContain(
      'title = {{M$^3$-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data}}',
    );
    expect(toBibtex([item(28)])).toContain(
      'title = {{FA\\textasciicircum{}{3}-CLIP: Frequency-Aware Cues Fusion and Attack-Agnostic Prompt Learning for Unified Face Attack Detection}}',
    );
    expect(bibtexTex('H$^{\\mathbf{3}}$DP H&E LVLM_CSP 50% #1 {x} \\textsc{DiARC} $a%b$ a \\{ b')).toBe(
      'H$^{\\mathbf{3}}$DP H\\&E LVLM\\_CSP 50\\% \\#1 {x} \\textsc{DiARC} $a\\%b$ a \\textbraceleft{} b',
    );
    // Plain text (authors, tags, notes): everything escaped, braces too (BibTeX counts `\{` as a brace).
    expect(bibtexEscape("E$^3$Net & agentic_security {x 100% #1 ~ \\cite -- ``q''")).toBe(
      "E\\$\\textasciicircum{}3\\$Net \\& agentic\\_security \\textbraceleft{}x 100\\% \\#1 \\textasciitilde{} \\textbackslash{}cite -{}- `{}`q'{}'",
    );
  });

  it('gives a paper saved from Hugging Face its arXiv abstract page and eprint, not the Hugging Face page', () => {
    const hf = item(29);
    expect(hf.paper.url).toBe('https://huggingface.co/papers/2504.10854');
    expect(toBibtex([hf])).toBe(
      [
        '@misc{anon2025lvlmcsp,',
        '  title = {{LVLM\\_CSP: Accelerating Large Vision Language Models via Clustering, Scattering, and Pruning for Reasoning Segmentation}},',
        '  year = {2025},',
        '  eprint = {2504.10854},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CV},',
        '  url = {https://arxiv.org/abs/2504.10854},',
        `  abstract = {${bibtexTex(hf.paper.abstract ?? '')}}`,
        '}',
        '',
      ].join('\n'),
    );
    for (const text of [toBibtex([hf]), toRis([hf]), toCsv([hf], lists), toMarkdown([hf], 'x')]) {
      expect(text).toContain('https://arxiv.org/abs/2504.10854');
      expect(text).not.toContain('huggingface.co');
    }
  });

  it('gives papers of other schemes their DOI, link, year, venue and entry type', () => {
    const bib = toBibtex(OTHER_SCHEMES.map((p) => itemOf(p)));
    expect(bib.split('\n\n')[0]).toBe(
      [
        '@inproceedings{calefato2023assessing,',
        '  title = {{Assessing the Use of AutoML for Data-Driven Software Engineering}},',
        '  author = {Fabio Calefato and Luigi Quaranta and Filippo Lanubile and Marcos Kalinowski},',
        '  booktitle = {ESEM},',
        '  year = {2023},',
        '  doi = {10.1109/esem56168.2023.10304796},',
        '  url = {https://doi.org/10.1109/ESEM56168.2023.10304796}',
        '}',
      ].join('\n'),
    );
    const lib = parse(bib, { english: false, sentenceCase: false, caseProtection: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => [e.type, e.fields.doi, e.fields.url, e.fields.year])).toEqual([
      ['inproceedings', '10.1109/esem56168.2023.10304796', OTHER_SCHEMES[0]?.url, '2023'],
      ['article', '10.1007/s10664-021-10012-6', OTHER_SCHEMES[1]?.url, '2022'],
      ['misc', '10.18653/v1/2021.naacl-main.208', 'https://aclanthology.org/2021.naacl-main.208/', '2021'],
      ['misc', '10.1177/23998083221081530', OTHER_SCHEMES[3]?.url, '2022'],
      ['misc', undefined, 'http://dl.acm.org/citation.cfm?id=1658424', '2009'],
    ]);
    expect(lib.entries.map((e) => e.fields.journal ?? e.fields.booktitle ?? e.fields.howpublished)).toEqual(
      OTHER_SCHEMES.map((p) => p.venue),
    );
    // The year a page gives wins over the arXiv id's; a venue goes with it.
    const published = itemOf({ ...(item(7).paper as LibraryItem['paper']), year: 2027, venue: 'NeurIPS' });
    expect(exportFields(published.paper)).toMatchObject({
      arxiv: '2607.21343',
      year: 2027,
      venue: 'NeurIPS',
    });
    expect(toBibtex([published])).toContain('  howpublished = {NeurIPS},\n  year = {2027},');
  });
});

describe('RIS, CSV, Markdown', () => {
  it('writes RIS records, notes with their line breaks as continuation lines', () => {
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
    expect(ris.slice(-8)).toEqual([
      'L1  - https://arxiv.org/pdf/2607.20541',
      'KW  - thesis',
      'KW  - to-cite',
      'N1  - Compare with the halting gates of',
      'the looped transformer "paper" (§3, 50% faster; a & b)',
      'ID  - arxiv:2607.20541',
      'ER  - ',
      '',
    ]);
    const other = toRis(OTHER_SCHEMES.slice(0, 2).map((p) => itemOf(p, 'AB  - not a tag\n\nsecond')));
    expect(other).toContain('TY  - CONF\r\n');
    expect(other).toContain('PY  - 2023\r\nT2  - ESEM\r\nDO  - 10.1109/esem56168.2023.10304796\r\n');
    expect(other).toContain('TY  - JOUR\r\n');
    expect(other).toContain('N1  - AB  - not a tag\r\n\r\nsecond\r\n');
    // A note line that reads as a tag is shifted so that it stays in the note.
    expect(toRis([itemOf(OTHER_SCHEMES[0] as LibraryItem['paper'], 'first\nAB  - x')])).toContain(
      'N1  - first\r\n AB  - x\r\n',
    );
  });

  it('writes CSV that reads back cell for cell (notes with their line breaks), and defuses spreadsheet formulas', () => {
    const rows = readCsv(toCsv([...all, ...OTHER_SCHEMES.map((p) => itemOf(p))], lists));
    expect(rows).toHaveLength(36);
    const head = rows[0] as string[];
    const row = rows.find((r) => r[0] === id(3)) as string[];
    const col = (name: string) => row[head.indexOf(name)];
    expect(col('title')).toBe(item(3).paper.title);
    expect(col('authors')).toBe(
      'Dimitrije Ždrale; Cassie An Jeng; Katie Wang; Sonia Vanier; Alexandre Bayen; Hossein Nick Zinat Matin',
    );
    expect(col('lists')).toBe('Reading list; Thesis');
    expect(col('notes')).toBe(item(3).user?.notes);
    expect(col('notes')).toContain('\n');
    expect(col('abstract')).toBe(item(3).paper.abstract);
    const hf = rows.find((r) => r[0] === id(29)) as string[];
    expect(hf[head.indexOf('url')]).toBe('https://arxiv.org/abs/2504.10854');
    const acl = rows.find((r) => r[0] === OTHER_SCHEMES[2]?.id) as string[];
    expect(['year', 'venue', 'doi', 'url'].map((c) => acl[head.indexOf(c)])).toEqual([
      '2021',
      OTHER_SCHEMES[2]?.venue,
      '10.18653/v1/2021.naacl-main.208',
      'https://aclanthology.org/2021.naacl-main.208/',
    ]);
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });

  it('writes Markdown escaping only what Markdown reads: hyphens and full stops stay (reviewed output)', () => {
    const md = toMarkdown([item(29), item(3)], 'Reading list');
    expect(md).toBe(
      [
        '# Reading list',
        '',
        '2 papers',
        '',
        '- [LVLM_CSP: Accelerating Large Vision Language Models via Clustering, Scattering, and Pruning for Reasoning Segmentation](https://arxiv.org/abs/2504.10854)  ',
        '  2025 · to read · saved 2026-07-30',
        '- [HypNO: A Graph-Based Neural Operator with Physics-Informed Message Passing for Hyperbolic Conservation Laws](https://arxiv.org/abs/2607.20541)  ',
        '  Dimitrije Ždrale, Cassie An Jeng, Katie Wang, Sonia Vanier, Alexandre Bayen, Hossein Nick Zinat Matin · 2026 · to read · saved 2026-07-04  ',
        '  Tags: thesis, to-cite',
        '  > Compare with the halting gates of  ',
        '  > the looped transformer "paper" (§3, 50% faster; a & b)',
        '',
      ].join('\n'),
    );
  });

  it('Markdown rendered by a Markdown parser (marked, GitHub flavour) shows every title, tag and note as written', () => {
    // The sample library, the real titles with TeX and Markdown's specials, and papers of other schemes.
    const tex = texTitlePapers();
    const items = [
      ...all,
      ...tex.map((p, i) =>
        itemOf(p, i % 9 === 0 ? NOTES : undefined, i % 9 === 0 ? ['to_read', '*star*', '#1', '_draft_'] : []),
      ),
      ...OTHER_SCHEMES.map((p) => itemOf(p, '1. first\n- second\n# third\n> fourth\n---')),
    ];
    const md = toMarkdown(items, 'Reading list #2 *draft*');
    const doc = new JSDOM(marked.parse(md, { gfm: true, async: false })).window.document;
    expect(doc.querySelector('h1')?.textContent).toBe('Reading list #2 *draft*');
    const scratch = doc.createElement('div');
    const textOf = (html: string) => {
      scratch.innerHTML = html;
      return scratch.textContent?.trim();
    };
    const rows = [...doc.querySelectorAll('body > ul > li')];
    expect(rows).toHaveLength(items.length);
    const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
    rows.forEach((li, i) => {
      const it = items[i] as LibraryItem;
      const link = li.querySelector('a');
      expect(collapse(link?.textContent ?? '')).toBe(collapse(it.paper.title));
      expect(link?.getAttribute('href')).toBe(
        exportFields(it.paper).url.replace(/[()\s<>]/g, encodeURIComponent),
      );
      // Nothing else turned into markup: no emphasis, code, strikethrough, maths, headings or lists.
      expect(li.querySelectorAll('em, strong, code, del, h1, h2, h3, ol, ul, hr, img')).toHaveLength(0);
      const notes = it.user?.notes;
      if (notes) {
        // Each line of the note is a line in the quote (a <br> between lines, a paragraph for a blank line).
        const quote = li.querySelector('blockquote');
        const paras = [...(quote?.querySelectorAll('p') ?? [])].map((p) =>
          p.innerHTML.split(/<br>\n?/).map((l) => textOf(l)),
        );
        expect(paras).toEqual(notes.split(/\n\s*\n/).map((para) => para.split('\n').map((l) => l.trim())));
      }
      const tags = it.user?.tags ?? [];
      if (tags.length) expect(li.textContent).toContain(`Tags: ${tags.join(', ')}`);
      // Authors, venue and year as the page gave them.
      const { venue, year } = it.paper;
      if (venue && year)
        expect(li.textContent).toContain(`${it.paper.authors.join(', ')} · ${venue} · ${year} ·`);
    });
    // Only what needs it is escaped: no title's hyphens or full stops (a note's line "1. first" needs it).
    const titleLines = md.split('\n').filter((l) => l.startsWith('- ['));
    expect(titleLines).toHaveLength(items.length);
    expect(titleLines.filter((l) => /\\[-.]/.test(l))).toEqual([]);
    expect(md).toContain(
      '  > 1\\. first  \n  > \\- second  \n  > \\# third  \n  > \\> fourth  \n  > \\---\n',
    );
  });
});

describe('exporting nothing', () => {
  it('gives a message and no file, for every format', () => {
    for (const format of ['bibtex', 'ris', 'csv', 'markdown'] as const) {
      expect(exportPapers(format, [], { lists, title: 'Saved papers' })).toEqual({
        kind: 'nothing',
        message: 'Nothing to export: no paper is saved yet.',
      });
      expect(exportPapers(format, [], { lists, title: 'Thesis', listId: 'list-1' })).toEqual({
        kind: 'nothing',
        message: 'Nothing to export: the list "Thesis" has no papers.',
      });
      const out = exportPapers(format, [item(3)], { lists, title: 'Saved papers' });
      expect(out.kind === 'file' && out.count === 1 && out.text.includes('HypNO')).toBe(true);
    }
  });
});
