/** Helpers shared by the arXiv adapters (listing, search, abstract page). */

import { arxivAbsUrl, arxivPdfUrl } from '../../ids';
import { foundPaper } from '../found';
import {
  cleanAuthor,
  cleanText,
  collapse,
  findAll,
  findFirst,
  hasClass,
  isDescriptor,
  isHttpOn,
} from '../text';
import type { FoundPaper } from '../types';

export const ARXIV_HOSTS: ReadonlySet<string> = new Set(['arxiv.org', 'www.arxiv.org']);

export function isArxivHost(url: URL): boolean {
  return isHttpOn(url, ARXIV_HOSTS);
}

/** A category code in parentheses at the end of a subject name: "Machine Learning (cs.LG)". */
const CATEGORY_IN_PARENS = /\(([a-z-]+(?:\.[A-Za-z-]+)?)\)\s*$/;

const isPrimarySubject = (el: Element): boolean => hasClass(el, 'primary-subject');

/**
 * Category codes of an arXiv subjects element (`div.list-subjects`, `td.subjects`), primary first:
 * the primary is the `span.primary-subject`, the others follow in page order, `;`-separated.
 */
export function parseSubjects(el: Element | null | undefined): string[] {
  if (!el) return [];
  const out: string[] = [];
  const primary = findFirst(el, isPrimarySubject);
  if (primary) {
    const code = CATEGORY_IN_PARENS.exec(collapse(primary.textContent ?? ''))?.[1];
    if (code) out.push(code);
  }
  // Plain textContent is enough here (codes are in parentheses, MathJax never appears in subjects): the
  // "Subjects:" label only prefixes the first part.
  const text = el.textContent ?? '';
  for (const part of text.split(';')) {
    const code = CATEGORY_IN_PARENS.exec(part.trim())?.[1];
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

const isLink = (el: Element): boolean => el.tagName === 'A';

/**
 * Author names of an arXiv authors element: the text of each author link (affiliations in parentheses after the
 * link, as old listings show them, are left out). Without links, the text split on commas.
 */
export function parseAuthors(el: Element | null | undefined): string[] {
  if (!el) return [];
  const names: string[] = [];
  const links = findAll(el, isLink);
  if (links.length > 0) {
    for (const a of links) {
      const name = cleanAuthor(cleanText(a));
      if (name) names.push(name);
    }
    return names;
  }
  for (const part of cleanText(el, { skip: isDescriptor }).split(',')) {
    const name = cleanAuthor(part);
    if (name) names.push(name);
  }
  return names;
}

/** The first arXiv id of the `/abs/` links under `root`, and whether there is a `/pdf/` link. */
export function idLinks(
  root: Element,
  parse: (href: string) => string | undefined,
): { bare?: string; hasPdf: boolean } {
  let bare: string | undefined;
  let hasPdf = false;
  for (const a of findAll(root, isLink)) {
    const href = a.getAttribute('href');
    if (!href) continue;
    if (!bare && href.includes('/abs/')) bare = parse(href);
    else if (href.includes('/pdf/')) hasPdf = true;
  }
  return bare ? { bare, hasPdf } : { hasPdf };
}

/** What an arXiv entry shows of its paper besides the id. */
export interface ArxivEntry {
  title: string;
  authors: string[];
  abstract: string;
  /** The entry links the PDF. */
  hasPdf: boolean;
  categories: string[];
  element: Element;
}

/** An arXiv paper: its id, abstract page and PDF follow from the bare id. */
export function arxivPaper(bare: string, e: ArxivEntry): FoundPaper {
  return foundPaper({
    id: `arxiv:${bare}`,
    title: e.title,
    authors: e.authors,
    abstract: e.abstract,
    url: arxivAbsUrl(bare),
    pdfUrl: e.hasPdf ? arxivPdfUrl(bare) : undefined,
    categories: e.categories,
    site: 'arxiv',
    element: e.element,
  });
}
