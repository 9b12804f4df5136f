import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paperMeta } from '../../../lib/sites/found';
import { hfDaily } from '../../../lib/sites/huggingface/daily';
import { hfPaper } from '../../../lib/sites/huggingface/paper';
import { collapse } from '../../../lib/sites/text';
import { cachedPage, entry, loadPage, SHARED_FIXTURES } from './helpers';

const DAILY = entry('hf-daily-papers-2024-08-01.html');
const DAILY_40 = entry('hf-daily-papers-40-ml-entries.html');
const PAPER = entry('hf-paper-2509.24002-2025-10.html');

interface DailyProps {
  dailyPapers: { paper: { id: string; title: string; summary: string; authors: { name: string }[] } }[];
}

function props(doc: Document, target: string): Element {
  const el = doc.querySelector(`[data-target="${target}"]`);
  if (!el) throw new Error(`no ${target}`);
  return el;
}

describe('Hugging Face daily papers (2024-08-01, raw SSR HTML)', () => {
  const extract = (doc: Document) => hfDaily.extract(doc, new URL(DAILY.url));

  it('matches every DailyPapers JSON paper to its <article> card, in page order', () => {
    const doc = cachedPage(DAILY.file, DAILY.url);
    const { papers, warnings } = extract(doc);
    expect(warnings).toEqual([]);
    const data = JSON.parse(props(doc, 'DailyPapers').getAttribute('data-props') ?? '') as DailyProps;
    expect(papers.map((p) => p.id)).toEqual(data.dailyPapers.map((d) => `arxiv:${d.paper.id}`));
    for (const [i, p] of papers.entries()) {
      const d = data.dailyPapers[i]?.paper;
      expect(p.element.tagName).toBe('ARTICLE');
      expect(p.element.querySelector('h3 a')?.getAttribute('href')).toBe(`/papers/${d?.id}`);
      expect(collapse(p.element.querySelector('h3')?.textContent ?? '')).toBe(p.title);
      expect(p.authors).toEqual(d?.authors.map((a) => a.name));
      expect(p.abstract).toBe(collapse(d?.summary ?? ''));
    }
    const llama = papers[0];
    expect(
      llama && { ...paperMeta(llama), authors: llama.authors.length, abstract: llama.abstract?.slice(0, 60) },
    ).toEqual({
      id: 'arxiv:2407.21783',
      title: 'The Llama 3 Herd of Models',
      authors: 533,
      abstract: 'Modern artificial intelligence (AI) systems are powered by f',
      url: 'https://huggingface.co/papers/2407.21783',
      pdfUrl: 'https://arxiv.org/pdf/2407.21783',
      categories: [],
      site: 'huggingface',
    });
  });

  it('falls back to the cards (title, link) when data-props is not valid JSON', () => {
    const doc = loadPage(DAILY.file, DAILY.url);
    props(doc, 'DailyPapers').setAttribute('data-props', '{"dailyPapers": [{"paper": {"id": "2407.21783"');
    const { papers, warnings } = extract(doc);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^hf-daily: data-props of "DailyPapers" is not valid JSON \(.+\); papers read from the cards only \(no authors, no abstracts\)$/,
    );
    const want = extract(cachedPage(DAILY.file, DAILY.url)).papers;
    expect(papers.map(paperMeta)).toEqual(
      want
        .map((p) => ({ ...paperMeta(p), authors: [], abstract: undefined }))
        .map(({ abstract: _, ...rest }) => rest),
    );
  });

  it('falls back to the cards when the hydration root or its data-props is missing', () => {
    const doc = loadPage(DAILY.file, DAILY.url);
    props(doc, 'DailyPapers').removeAttribute('data-props');
    let r = extract(doc);
    expect(r.papers).toHaveLength(13);
    expect(r.warnings).toEqual([
      'hf-daily: data-target="DailyPapers" has no data-props; papers read from the cards only (no authors, no abstracts)',
    ]);
    props(doc, 'DailyPapers').removeAttribute('data-target');
    r = extract(doc);
    expect(r.papers).toHaveLength(13);
    expect(r.warnings).toEqual([
      'hf-daily: no data-target="DailyPapers" element; papers read from the cards only (no authors, no abstracts)',
    ]);
  });

  it('reports JSON papers without a card and cards without JSON', () => {
    const doc = loadPage(DAILY.file, DAILY.url);
    doc.querySelectorAll('article')[1]?.remove(); // 2407.21705
    const el = props(doc, 'DailyPapers');
    const data = JSON.parse(el.getAttribute('data-props') ?? '') as DailyProps;
    data.dailyPapers.splice(2, 1); // 2407.21770 keeps its card
    el.setAttribute('data-props', JSON.stringify(data));
    const { papers, warnings } = extract(doc);
    expect(papers).toHaveLength(12);
    expect(warnings).toEqual([
      'hf-daily: 1 card(s) have no entry in the page data (title from the card only): 2407.21770',
      'hf-daily: 1 paper(s) of the page data have no card: 2407.21705',
    ]);
    const fallback = papers.find((p) => p.id === 'arxiv:2407.21770');
    expect(fallback && paperMeta(fallback)).toEqual({
      id: 'arxiv:2407.21770',
      title: 'MoMa: Efficient Early-Fusion Pre-training with Mixture of Modality-Aware Experts',
      authors: [],
      url: 'https://huggingface.co/papers/2407.21770',
      pdfUrl: 'https://arxiv.org/pdf/2407.21770',
      categories: [],
      site: 'huggingface',
    });
  });

  it('warns when the JSON and the cards differ in number', () => {
    const doc = loadPage(DAILY.file, DAILY.url);
    doc.querySelectorAll('article')[12]?.remove();
    expect(extract(doc).warnings).toEqual([
      'hf-daily: the page data lists 13 papers, the page shows 12 cards',
      'hf-daily: 1 paper(s) of the page data have no card: 2404.01300',
    ]);
  });
});

describe('generated 40-entry daily page', () => {
  const jsonl = `${SHARED_FIXTURES}generated/arxiv-cs.LG-metadata-2026-05-12..07-24.jsonl`;
  it.skipIf(!existsSync(jsonl))('agrees with the arXiv metadata its papers came from', () => {
    const rows = new Map(
      readFileSync(jsonl, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; title: string; authors: string[]; summary: string })
        .map((r) => [`arxiv:${r.id}`, r]),
    );
    const { papers, warnings } = hfDaily.extract(
      cachedPage(DAILY_40.file, DAILY_40.url),
      new URL(DAILY_40.url),
    );
    expect(warnings).toEqual([]);
    expect(papers).toHaveLength(40);
    for (const p of papers) {
      const r = rows.get(p.id);
      expect(r, p.id).toBeDefined();
      expect(p.title).toBe(collapse(r?.title ?? ''));
      expect(p.authors).toEqual(r?.authors.map(collapse));
      expect(p.abstract).toBe(collapse(r?.summary ?? ''));
    }
  });
});

describe('Hugging Face paper page (2509.24002, BeautifulSoup-prettified)', () => {
  const extract = (doc: Document) => hfPaper.extract(doc, new URL(PAPER.url));

  it('reads the paper from the PaperContent JSON; the entry is the section with title, authors, abstract', () => {
    const doc = cachedPage(PAPER.file, PAPER.url);
    const { papers, warnings } = extract(doc);
    expect(warnings).toEqual([]);
    const p = papers[0];
    expect(p?.title).toBe('MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use');
    expect(p?.authors).toHaveLength(15);
    expect(p?.authors.slice(0, 3)).toEqual(['Zijian Wu', 'Xiangyan Liu', 'Xinyuan Zhang']);
    expect(
      p?.abstract?.startsWith(
        'MCP standardizes how LLMs interact with external systems, forming the foundation',
      ),
    ).toBe(true);
    expect(p?.abstract?.endsWith('highlighting the stress-testing nature of MCPMark.')).toBe(true);
    expect(p?.element.tagName).toBe('SECTION');
    expect(p?.element.contains(doc.querySelector('h1'))).toBe(true);
    expect(p?.element.querySelectorAll('.author')).toHaveLength(15);
  });

  it('falls back to the DOM without the JSON: same title and authors, same abstract modulo whitespace', () => {
    const want = extract(cachedPage(PAPER.file, PAPER.url)).papers[0];
    const doc = loadPage(PAPER.file, PAPER.url);
    props(doc, 'PaperContent').setAttribute('data-props', '{broken');
    const { papers, warnings } = extract(doc);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^hf-paper: data-props of "PaperContent" is not valid JSON/);
    const p = papers[0];
    expect(p?.id).toBe('arxiv:2509.24002');
    expect(p?.title).toBe(want?.title);
    expect(p?.authors).toEqual(want?.authors);
    // The prettified DOM puts spaces before punctuation after links ("general agents . However"): compare without.
    const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');
    expect(squash(p?.abstract)).toBe(squash(want?.abstract));
    expect(p?.abstract).not.toContain('AI-generated summary');
  });
});
