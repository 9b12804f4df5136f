/**
 * ACL Anthology person pages: `/people/<x>/<name>/` (2023) and `/people/<name>/` (2026 redesign, also
 * `/people/<name>/unverified/` for unclaimed profiles). Papers are grouped under `<h4>YEAR</h4>`; each row is
 * `p.d-sm-flex.align-items-stretch` (2023) or `div.d-sm-flex.align-items-stretch` (2026): a column of badges
 * (pdf, bib, abs, video) and `span.d-block` with `strong > a[href=/<id>/]` (title), the author links and the volume
 * link. The abstract, where the page has one, is the collapsed `div.abstract-collapse` after the row (the "abs"
 * badge names it). Edited volumes (title linking `/volumes/…`) are not papers.
 */

import { foundPaper, readEach } from '../found';
import { cleanText, collapse, hasClass, httpUrl, patternsOn, yearOf } from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';
import { ACL_HOSTS, aclIdFromPath, aclPaperUrl, isAclHost, peopleLinks } from './common';

const PERSON_PATH = /^\/people\/[a-z0-9-]+\/(?:[a-z0-9-]+\/)?$/;
const ROW = '.d-sm-flex.align-items-stretch';

/** The year heading before the row. */
function rowYear(row: Element): number | undefined {
  for (let p = row.previousElementSibling; p !== null; p = p.previousElementSibling) {
    if (p.tagName === 'H4') return yearOf(p.textContent);
  }
  return undefined;
}

/** The row's abstract: the element its "abs" badge points to, else a `div.abstract-collapse` right after it. */
function rowAbstract(row: Element): string {
  const doc = row.ownerDocument;
  const toggle = row.querySelector('a[href^="#abstract-"]');
  const target = toggle ? doc.getElementById((toggle.getAttribute('href') ?? '').slice(1)) : null;
  const next = row.nextElementSibling;
  const box = target ?? (next && hasClass(next, 'abstract-collapse') ? next : null);
  return box ? cleanText(box) : '';
}

function readRow(row: Element, base: URL): FoundPaper | string | null {
  // The row's text column (title, authors, volume); the badge column before it is a `d-block` too.
  const titleLink = row.querySelector('strong a[href]');
  if (!titleLink) return 'no title link';
  const info = titleLink.closest('span.d-block') ?? row;
  const href = titleLink.getAttribute('href') ?? '';
  if (/\/volumes\//.test(href)) return null; // an edited volume, not a paper
  const id = aclIdFromPath(new URL(href, base).pathname);
  if (!id) return `no anthology id in the title link (${href})`;
  const title = cleanText(titleLink);
  if (!title) return `${id} has no title`;
  const pdf = row.querySelector('a[href$=".pdf"]');
  const pdfUrl = httpUrl(pdf?.getAttribute('href'), base);
  const volume = info.querySelector('a[href*="/volumes/"]');
  const venue = volume ? cleanText(volume) : '';
  const abstract = rowAbstract(row);
  const year = rowYear(row);
  return foundPaper({
    id,
    title,
    authors: peopleLinks(info),
    abstract,
    url: aclPaperUrl(id),
    pdfUrl,
    site: 'acl',
    year,
    venue: collapse(venue),
    element: row,
  });
}

function extract(doc: Document, url: URL): Extraction {
  const main = doc.getElementById('main') ?? doc.body;
  if (!main) return { papers: [], warnings: ['acl-person: empty document'] };
  const rows = main.querySelectorAll(ROW);
  const { papers, warnings } = readEach(rows, (row) => readRow(row, url), 'acl-person: skipped row');
  // Year headings promise papers under them.
  if (papers.length === 0 && main.querySelector('h4') !== null && rows.length === 0) {
    warnings.push('acl-person: the page has year headings but no paper rows (changed or truncated page?)');
  }
  return { papers, warnings };
}

export const aclPerson: SiteAdapter = {
  id: 'acl-person',
  label: 'ACL Anthology author pages',
  patterns: patternsOn(ACL_HOSTS, '/people/*'),
  matches: (url) => isAclHost(url) && PERSON_PATH.test(url.pathname),
  entry: ROW,
  // At the end of the title line (inside its <strong>, before the line break).
  slot: (entry) => ({ parent: entry.querySelector('strong') ?? entry, placement: 'inline' }),
  text: 'abstract',
  extract,
};
