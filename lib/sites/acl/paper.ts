/**
 * ACL Anthology paper pages: `/<anthology id>/` (`/2021.naacl-main.208/`, `/P19-1001/`). Hugo, minified. Title
 * `h2#title` (its link is the PDF), authors `p.lead` links, abstract `div.acl-abstract` (minus its "Abstract"
 * heading), details in `div.acl-paper-details dl` (Anthology ID, Volume, Year, DOI, PDF). The DOI, where shown,
 * names the paper; the anthology id follows in `altIds`. `citation_*` meta tags fill what the body lacks.
 * The entry element is `section#main`.
 */

import { chooseIds } from '../../ids';
import { foundPaper } from '../found';
import { cleanText, collapse, httpUrl, patternsOn, yearOf } from '../text';
import type { Extraction, SiteAdapter } from '../types';
import { ACL_HOSTS, aclIdFromPath, aclPaperUrl, isAclHost, peopleLinks } from './common';

function meta(doc: Document, name: string): string | undefined {
  const el = doc.querySelector(`meta[name="${name}"]`);
  return collapse(el?.getAttribute('content') ?? el?.getAttribute('value') ?? '') || undefined;
}

/** The `<dd>` after the `<dt>` labelled `label` ("Year:", "DOI:"). */
function detail(root: Element, label: string): Element | undefined {
  for (const dt of root.querySelectorAll('dl > dt')) {
    if (collapse(dt.textContent ?? '') !== label) continue;
    const dd = dt.nextElementSibling;
    return dd?.tagName === 'DD' ? dd : undefined;
  }
  return undefined;
}

const isHeading = (el: Element): boolean => /^H[1-6]$/.test(el.tagName);

function extract(doc: Document, url: URL): Extraction {
  const warnings: string[] = [];
  const element = doc.querySelector('section#main') ?? doc.getElementById('main');
  if (!element) return { papers: [], warnings: ['acl-paper: no section#main'] };
  const titleEl = element.querySelector('#title');
  const title = cleanText(titleEl) || meta(doc, 'citation_title') || '';

  const details = element.querySelector('.acl-paper-details') ?? element;
  const fromPage = aclIdFromPath(`/${cleanText(detail(details, 'Anthology ID:'))}/`);
  const fromUrl = aclIdFromPath(url.pathname);
  if (fromUrl && fromPage && fromUrl !== fromPage) {
    warnings.push(`acl-paper: the URL names ${fromUrl} but the page is ${fromPage}`);
  }
  const key = fromPage ?? fromUrl;
  const doiEl = detail(details, 'DOI:');
  const doi = doiEl?.querySelector('a[href]')?.getAttribute('href') ?? cleanText(doiEl);
  const ids = chooseIds([doi || undefined, meta(doc, 'citation_doi'), key]);
  if (!ids) return { papers: [], warnings: [...warnings, 'acl-paper: no anthology id or DOI on the page'] };
  if (!title) return { papers: [], warnings: [...warnings, `acl-paper: ${ids.id} has no title`] };

  const lead = element.querySelector('p.lead');
  const authors = lead ? peopleLinks(lead) : [];
  const abstract = cleanText(element.querySelector('.acl-abstract'), { skip: isHeading });
  const pdfUrl =
    httpUrl(detail(details, 'PDF:')?.querySelector('a[href]')?.getAttribute('href'), url) ??
    httpUrl(meta(doc, 'citation_pdf_url'), url);
  const year = yearOf(cleanText(detail(details, 'Year:'))) ?? yearOf(meta(doc, 'citation_publication_date'));
  const volume = detail(details, 'Volume:');
  const venue =
    cleanText(volume) || meta(doc, 'citation_conference_title') || meta(doc, 'citation_journal_title');
  const paper = foundPaper({
    id: ids.id,
    title,
    authors,
    abstract,
    url: key ? aclPaperUrl(key) : (url.href.split('#')[0] ?? url.href),
    pdfUrl,
    site: 'acl',
    altIds: ids.altIds,
    year,
    venue,
    element,
  });
  return { papers: [paper], warnings };
}

export const aclPaper: SiteAdapter = {
  id: 'acl-paper',
  label: 'ACL Anthology paper pages',
  // One pattern per id form: new ids start with the year (`2021.…`, 2020 on), old ones are `P19-1001`.
  patterns: patternsOn(ACL_HOSTS, '/2*', '/*-*'),
  matches: (url) => isAclHost(url) && aclIdFromPath(url.pathname) !== undefined,
  entry: 'section#main',
  // At the end of the title (an <h2> holding the PDF link).
  slot: (entry) => ({ parent: entry.querySelector('#title') ?? entry, placement: 'inline' }),
  text: 'abstract',
  extract,
};
