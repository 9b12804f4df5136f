/**
 * Google Scholar Citations profiles: `/citations?user=<id>` (the article list; markup unchanged from 2020 to 2026).
 * Entries are the rows `tr.gsc_a_tr` of `#gsc_a_b`: `a.gsc_a_at` (title; its `href`, or `data-href` in 2020, is the
 * citation page `…&citation_for_view=USER:KEY`), a first `div.gs_gray` (authors, often cut with "..."), a second
 * (venue, with a hidden ", year" `span.gs_oph`), `td.gsc_a_c` (cited-by link `cites=<cluster id>`), `td.gsc_a_y`.
 *
 * Titles only. The page holds the first 20 rows; "Show more" (`#gsc_bpf_more`) appends up to 100 rows at a time to
 * `#gsc_a_b` by script and updates "Articles 1–N" (`#gsc_a_nn`): each run reads the rows present at that time.
 */

import { chooseIds, scholarKey } from '../../ids';
import { foundPaper, readEach } from '../found';
import { cleanText, collapse, hasClass, httpUrl, patternsOn, yearOf } from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';
import {
  arxivFromVenue,
  clusterFromLink,
  clusterKey,
  isScholarHost,
  SCHOLAR_HOSTS,
  splitAuthors,
} from './common';

const USER = /^[A-Za-z0-9_-]{12}$/;
const RANGE = /(\d+)\s*[–—-]\s*(\d+)\s*$/;

const isHiddenYear = (el: Element): boolean => el.tagName === 'SPAN' && hasClass(el, 'gs_oph');

function cell(row: Element, cls: string): Element | undefined {
  for (let c = row.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (c.tagName === 'TD' && hasClass(c, cls)) return c;
  }
  return undefined;
}

function grayLines(td: Element | undefined): Element[] {
  const out: Element[] = [];
  for (let c = td?.firstElementChild ?? null; c !== null; c = c.nextElementSibling) {
    if (c.tagName === 'DIV' && hasClass(c, 'gs_gray')) out.push(c);
  }
  return out;
}

/** `USER:KEY` of a citation page link (`citation_for_view=`). */
function citationKey(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return scholarKey(new URL(link).searchParams.get('citation_for_view') ?? '');
  } catch {
    return undefined;
  }
}

function readRow(row: Element, base: URL): FoundPaper | string {
  const td = cell(row, 'gsc_a_t');
  const a = td?.querySelector('a.gsc_a_at');
  const title = cleanText(a);
  // The 2020 markup keeps the link in data-href (href is javascript:void(0)).
  const link = httpUrl(a?.getAttribute('data-href'), base) ?? httpUrl(a?.getAttribute('href'), base);
  const key = citationKey(link);
  if (!title) return `no title${key ? ` (${key})` : ''}`;
  // A cited-by link names the article's cluster (merged articles list several: `cites=1,2`, not one id).
  const cites = cell(row, 'gsc_a_c')?.querySelector('a[href]')?.getAttribute('href');
  const [authorsEl, venueEl] = grayLines(td);
  const venue = cleanText(venueEl, { skip: isHiddenYear });
  const ids = chooseIds([arxivFromVenue(venue), key, clusterKey(clusterFromLink(cites, 'cites'))]);
  if (!ids || !link) return `"${title}" has no citation link`;
  const year = yearOf(cleanText(cell(row, 'gsc_a_y'))) ?? yearOf(venueEl?.textContent);
  return foundPaper({
    id: ids.id,
    title,
    authors: splitAuthors(cleanText(authorsEl)),
    url: link,
    site: 'scholar',
    altIds: ids.altIds,
    year,
    venue,
    element: row,
  });
}

function extract(doc: Document, url: URL): Extraction {
  const rows = doc.querySelectorAll('tr.gsc_a_tr');
  const { papers, warnings } = readEach(rows, (row) => readRow(row, url), 'scholar-profile: skipped row');
  // "Articles 1–20": the rows the page says it shows (the "Show more" script keeps it up to date).
  const shown = collapse(doc.getElementById('gsc_a_nn')?.textContent ?? '');
  const range = RANGE.exec(shown);
  const to = range ? Number(range[2]) : undefined;
  if (rows.length === 0) {
    if (to !== undefined && to > 0) {
      warnings.push(`scholar-profile: the page says "${shown}" but its article table has no rows`);
    } else if (!doc.getElementById('gsc_a_t')) {
      warnings.push('scholar-profile: no article table (#gsc_a_t) on the page');
    }
  } else if (range && Number(range[1]) === 1 && to !== rows.length) {
    warnings.push(`scholar-profile: the page says "${shown}", its table has ${rows.length} rows`);
  }
  return { papers, warnings };
}

export const scholarProfile: SiteAdapter = {
  id: 'scholar-profile',
  label: 'Google Scholar profiles',
  patterns: patternsOn(SCHOLAR_HOSTS, '/citations?*'),
  matches(url) {
    if (!isScholarHost(url) || url.pathname !== '/citations') return false;
    const view = url.searchParams.get('view_op');
    return USER.test(url.searchParams.get('user') ?? '') && (view === null || view === 'list_works');
  },
  entry: 'tr.gsc_a_tr',
  slot(entry) {
    // The venue line is cut short by Scholar ("…"): its end has room; the title link is a block of its own.
    const lines = grayLines(cell(entry, 'gsc_a_t'));
    return { parent: lines[1] ?? lines[0] ?? cell(entry, 'gsc_a_t') ?? entry, placement: 'inline' };
  },
  text: 'title',
  extract,
};
