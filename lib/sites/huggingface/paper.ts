/**
 * Hugging Face paper pages: `https://huggingface.co/papers/<arXiv id>`.
 * Title, authors and abstract come from the `data-target="PaperContent"` hydration JSON (`paper`); without it, from
 * the DOM (`h1`, `span.author`, the paragraph under the "Abstract" heading), with a warning. The entry element is
 * the `<section>` holding the title, authors and abstract.
 */

import { cleanAuthor, cleanText, collapse, patternsOn } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { HF_HOSTS, hfFoundPaper, isHfHost, paperFromProps, paperIdFromPath, readProps } from './common';

/** The abstract paragraph(s) under the "Abstract" `h2` (the AI summary box is nested deeper and left out). */
function domAbstract(root: ParentNode): string {
  for (const h2 of root.querySelectorAll('h2')) {
    if (collapse(h2.textContent ?? '') !== 'Abstract') continue;
    const box = h2.nextElementSibling;
    if (!box) return '';
    const parts: string[] = [];
    for (let c = box.firstElementChild; c !== null; c = c.nextElementSibling) {
      if (c.tagName === 'P') parts.push(cleanText(c));
    }
    return collapse(parts.join(' '));
  }
  return '';
}

function domAuthors(root: ParentNode): string[] {
  const names: string[] = [];
  for (const el of root.querySelectorAll('.author')) {
    const name = cleanAuthor(cleanText(el));
    if (name) names.push(name);
  }
  return names;
}

function extract(doc: Document, url: URL): Extraction {
  const warnings: string[] = [];
  const fromUrl = paperIdFromPath(url.pathname);
  const props = readProps(doc, 'PaperContent');
  const data = props.ok ? paperFromProps(props.props) : undefined;
  if (!props.ok) warnings.push(`hf-paper: ${props.reason}; paper read from the page text`);
  else if (!data)
    warnings.push('hf-paper: the PaperContent data has no paper id or title; paper read from the page text');

  const h1 = doc.querySelector('main h1') ?? doc.querySelector('h1');
  const element = h1?.closest('section') ?? h1?.parentElement ?? props.element ?? doc.body;
  if (!element) return { papers: [], warnings: [...warnings, 'hf-paper: empty document'] };

  const fromData = data ? paperIdFromPath(`/papers/${data.id}`) : undefined;
  if (fromUrl && fromData && fromUrl !== fromData) {
    warnings.push(`hf-paper: the URL names arxiv:${fromUrl} but the page data is for arxiv:${fromData}`);
  }
  const bare = fromData ?? fromUrl;
  if (!bare)
    return { papers: [], warnings: [...warnings, 'hf-paper: no arXiv id in the URL or the page data'] };

  const title = data?.title ?? cleanText(h1);
  if (!title) return { papers: [], warnings: [...warnings, `hf-paper: arxiv:${bare} has no title`] };
  const abstract = data ? data.summary : domAbstract(element) || undefined;
  const paper = hfFoundPaper(bare, {
    title,
    authors: data ? data.authors : domAuthors(element),
    abstract,
    element,
  });
  return { papers: [paper], warnings };
}

export const hfPaper: SiteAdapter = {
  id: 'hf-paper',
  label: 'Hugging Face paper pages',
  patterns: patternsOn(HF_HOSTS, '/papers*'),
  matches: (url) => isHfHost(url) && paperIdFromPath(url.pathname) !== undefined,
  entry: 'section',
  slot: (entry) => ({ parent: entry.querySelector('h1') ?? entry, placement: 'inline' }),
  dynamic: true,
  text: 'abstract',
  extract,
};
