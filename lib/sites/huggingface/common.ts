/** Helpers shared by the Hugging Face adapters. */

import { arxivPdfUrl, bareArxivId } from '../../ids';
import { foundPaper } from '../found';
import { collapse, isHttpOn } from '../text';
import type { FoundPaper } from '../types';

export const HF_HOSTS: readonly string[] = ['huggingface.co'];

export function isHfHost(url: URL): boolean {
  return isHttpOn(url, HF_HOSTS);
}

/** A paper as the hydration JSON holds it (`dailyPapers[].paper`, `paper`); only the fields used here. */
export interface HfPaperJson {
  id: string;
  title: string;
  summary?: string;
  authors: string[];
}

export type PropsResult =
  | { ok: true; element: Element; props: unknown }
  | { ok: false; element?: Element; reason: string };

/**
 * The JSON `data-props` of the Svelte hydration root `div.SVELTE_HYDRATER[data-target=<target>]`. The attribute is
 * HTML-escaped in the source; getAttribute returns it unescaped.
 */
export function readProps(doc: Document, target: string): PropsResult {
  const element = doc.querySelector(`[data-target="${target}"]`);
  if (!element) return { ok: false, reason: `no data-target="${target}" element` };
  const raw = element.getAttribute('data-props');
  if (!raw) return { ok: false, element, reason: `data-target="${target}" has no data-props` };
  try {
    return { ok: true, element, props: JSON.parse(raw) as unknown };
  } catch (e) {
    return {
      ok: false,
      element,
      reason: `data-props of "${target}" is not valid JSON (${(e as Error).message})`,
    };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates one `paper` object of the hydration JSON; undefined when it lacks an id or a title. */
export function paperFromJson(v: unknown): HfPaperJson | undefined {
  if (!isRecord(v)) return undefined;
  const { id, title, summary, authors } = v;
  if (typeof id !== 'string' || typeof title !== 'string' || !collapse(title)) return undefined;
  const names: string[] = [];
  if (Array.isArray(authors)) {
    for (const a of authors) {
      const name = isRecord(a) && typeof a.name === 'string' ? collapse(a.name) : '';
      if (name) names.push(name);
    }
  }
  return {
    id,
    title: collapse(title),
    ...(typeof summary === 'string' && collapse(summary) ? { summary: collapse(summary) } : {}),
    authors: names,
  };
}

/**
 * `dailyPapers[].paper` of the DailyPapers props (items that are not papers are counted as invalid). On the search
 * view (`/papers?q=…`) the results are in `searchResults` (same item shape), read first when `search` is set.
 */
export function dailyPapersFromProps(
  props: unknown,
  search = false,
): { papers: HfPaperJson[]; invalid: number } | undefined {
  if (!isRecord(props)) return undefined;
  const list = search && Array.isArray(props.searchResults) ? props.searchResults : props.dailyPapers;
  if (!Array.isArray(list)) return undefined;
  const papers: HfPaperJson[] = [];
  let invalid = 0;
  for (const item of list) {
    const p = isRecord(item) ? paperFromJson(item.paper) : undefined;
    if (p) papers.push(p);
    else invalid++;
  }
  return { papers, invalid };
}

/** The `paper` of the PaperContent props. */
export function paperFromProps(props: unknown): HfPaperJson | undefined {
  return isRecord(props) ? paperFromJson(props.paper) : undefined;
}

/**
 * A paper of an (arXiv) paper id as Hugging Face shows it: its Hugging Face page, the arXiv PDF, no categories.
 * `abstract` may be empty or undefined (a card, or a page without the data).
 */
export function hfFoundPaper(
  bare: string,
  p: { title: string; authors: string[]; abstract?: string | undefined; element: Element },
): FoundPaper {
  return foundPaper({
    id: `arxiv:${bare}`,
    title: p.title,
    authors: p.authors,
    abstract: p.abstract,
    url: `https://huggingface.co/papers/${bare}`,
    pdfUrl: arxivPdfUrl(bare),
    site: 'huggingface',
    element: p.element,
  });
}

/** `/papers/<arXiv id>` (optional version) in a path or a link: the bare id, else undefined. */
export function paperIdFromPath(path: string): string | undefined {
  const m = /^(?:https:\/\/huggingface\.co)?\/papers\/([^/?#]+)\/?(?:[?#].*)?$/.exec(path);
  return m?.[1] ? bareArxivId(m[1]) : undefined;
}
