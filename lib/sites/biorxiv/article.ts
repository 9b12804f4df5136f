/**
 * bioRxiv article pages: `/content/10.1101/<id>v<N>` (ids `696633`, `2020.03.22.002386`), and the
 * same article's `.abstract` and `.full` views (the page's own `citation_abstract_html_url` and
 * `citation_full_html_url`). Highwire/Drupal: `citation_*` meta tags, the top citation block
 * `div.highwire-article-citation` holding `h1#page-title`, the authors and the DOI line (the entry element), and
 * the abstract in `div.section.abstract`. The DOI names the paper.
 */

import { chooseIds, parseDoi } from '../../ids';
import { foundPaper } from '../found';
import { cleanText, hasClass, htmlText, httpUrl, patternsOn, yearOf } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { BIORXIV_HOSTS, citationAuthors, citationDoi, isBiorxivHost, meta, metaValues } from './common';

const ARTICLE_PATH =
  /^\/content\/(10\.1101\/(?:\d{6}|\d{4}\.\d{2}\.\d{2}\.\d{6,8}))v\d+(?:\.abstract|\.full)?$/;

/** The abstract's "Abstract" heading, and reference marks (`<sup>` around `a.xref-bibr` links: "disruption1,2"). */
function isAbstractNoise(el: Element): boolean {
  if (/^H[1-6]$/.test(el.tagName)) return true;
  return el.tagName === 'SUP' && el.querySelector('a.xref-bibr') !== null;
}

function extract(doc: Document, url: URL): Extraction {
  const warnings: string[] = [];
  const titleEl = doc.getElementById('page-title');
  const element = titleEl?.closest('.highwire-article-citation') ?? titleEl;
  if (!element || !titleEl) {
    return { papers: [], warnings: ['biorxiv-article: no article title (h1#page-title) on the page'] };
  }
  const title = cleanText(titleEl) || meta(doc, 'citation_title') || '';

  const fromUrl = ARTICLE_PATH.exec(url.pathname)?.[1];
  const fromPage = parseDoi(meta(doc, 'citation_doi') ?? '') ?? parseDoi(citationDoi(element) ?? '');
  if (fromUrl && fromPage && parseDoi(fromUrl) !== fromPage) {
    warnings.push(`biorxiv-article: the URL names doi:${fromUrl} but the page is doi:${fromPage}`);
  }
  const ids = chooseIds([fromPage ? `doi:${fromPage}` : undefined, fromUrl ? `doi:${fromUrl}` : undefined]);
  if (!ids)
    return { papers: [], warnings: [...warnings, 'biorxiv-article: no DOI on the page or in the URL'] };
  if (!title) return { papers: [], warnings: [...warnings, `biorxiv-article: ${ids.id} has no title`] };

  const domAuthors = citationAuthors(element);
  const authors = domAuthors.length > 0 ? domAuthors : metaValues(doc, 'citation_author');
  const section = doc.querySelector('div.section.abstract');
  const abstract =
    (section ? cleanText(section, { skip: isAbstractNoise }) : '') ||
    htmlText(meta(doc, 'citation_abstract') ?? '');
  const pdfUrl = httpUrl(meta(doc, 'citation_pdf_url'), url);
  const year = yearOf(meta(doc, 'citation_date')) ?? yearOf(meta(doc, 'citation_publication_date'));
  const venue = meta(doc, 'citation_journal_title') ?? 'bioRxiv';
  const pageUrl = httpUrl(meta(doc, 'citation_public_url'), url) ?? `${url.origin}${url.pathname}`;
  const paper = foundPaper({
    id: ids.id,
    title,
    authors,
    abstract,
    url: pageUrl,
    pdfUrl,
    site: 'biorxiv',
    altIds: ids.altIds,
    year,
    venue,
    element,
  });
  return { papers: [paper], warnings };
}

export const biorxivArticle: SiteAdapter = {
  id: 'biorxiv-article',
  label: 'bioRxiv article pages',
  patterns: patternsOn(BIORXIV_HOSTS, '/content/10.1101/*'),
  matches: (url) => isBiorxivHost(url) && ARTICLE_PATH.test(url.pathname),
  entry: 'div.highwire-article-citation, h1#page-title',
  // At the end of the DOI line under the authors (a short line).
  slot: (entry) => ({
    parent: hasClass(entry, 'highwire-article-citation')
      ? (entry.querySelector('.highwire-cite-metadata') ?? entry)
      : entry,
    placement: 'inline',
  }),
  text: 'abstract',
  extract,
};
