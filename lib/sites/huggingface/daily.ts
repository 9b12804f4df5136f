/**
 * Hugging Face paper listings: `/papers`, `/papers?date=…`, `/papers/date/YYYY-MM-DD`, `/papers/week/YYYY-Www`,
 * `/papers/month/YYYY-MM`, `/papers/trending`, and the `/papers?q=…` search view (all of them render the same
 * `DailyPapers` hydration root and cards; the search view keeps its results in `searchResults`).
 *
 * Papers (with authors and abstracts) come from the HTML-escaped JSON in
 * `div.SVELTE_HYDRATER[data-target="DailyPapers"][data-props]` (`dailyPapers[].paper`), matched to their `<article>`
 * card (the entry element) by the card's `/papers/<id>` link. A card without JSON (or every card, when the JSON is
 * missing or broken, or stale after an in-app navigation) falls back to the card's title and link, with a warning;
 * JSON papers without a card are reported, not returned (they have no element to annotate).
 */

import { cleanText, patternsOn } from '../text';
import type { Extraction, FoundPaper, SiteAdapter } from '../types';
import {
  dailyPapersFromProps,
  HF_HOSTS,
  type HfPaperJson,
  hfFoundPaper,
  isHfHost,
  paperIdFromPath,
  readProps,
} from './common';

const LISTING_PATH =
  /^\/papers(?:\/(?:date\/\d{4}-\d{2}-\d{2}|week\/\d{4}-W\d{2}|month\/\d{4}-\d{2}|trending))?\/?$/;

/** How many ids a warning lists before "…". */
const LIST_IDS = 10;

function idList(ids: string[]): string {
  return ids.length > LIST_IDS ? `${ids.slice(0, LIST_IDS).join(', ')}, …` : ids.join(', ');
}

/** The card's paper id and title link: the `h3 > a` first, else any `/papers/<id>` link of the card. */
function cardLink(card: Element): { bare: string; titleEl: Element | undefined } | undefined {
  const h3Link = card.querySelector('h3 a[href]');
  const fromH3 = h3Link ? paperIdFromPath(h3Link.getAttribute('href') ?? '') : undefined;
  if (fromH3 && h3Link) return { bare: fromH3, titleEl: h3Link };
  const links = card.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const bare = paperIdFromPath(links[i]?.getAttribute('href') ?? '');
    if (bare) return { bare, titleEl: card.querySelector('h3') ?? undefined };
  }
  return undefined;
}

function extract(doc: Document, url: URL): Extraction {
  const papers: FoundPaper[] = [];
  const warnings: string[] = [];

  const props = readProps(doc, 'DailyPapers');
  let json: HfPaperJson[] | undefined;
  if (props.ok) {
    const daily = dailyPapersFromProps(props.props, url.searchParams.has('q'));
    if (!daily)
      warnings.push(
        'hf-daily: the DailyPapers data has no dailyPapers list; papers read from the cards only',
      );
    else {
      json = daily.papers;
      if (daily.invalid > 0)
        warnings.push(`hf-daily: ${daily.invalid} item(s) of dailyPapers have no paper id or title`);
    }
  } else {
    warnings.push(`hf-daily: ${props.reason}; papers read from the cards only (no authors, no abstracts)`);
  }
  const byId = new Map<string, HfPaperJson>();
  for (const p of json ?? []) {
    const bare = paperIdFromPath(`/papers/${p.id}`);
    if (bare && !byId.has(bare)) byId.set(bare, p);
  }

  const scope = props.element ?? doc.querySelector('main') ?? doc.body;
  const cards = scope ? scope.getElementsByTagName('article') : [];
  const matched = new Set<string>();
  const withoutJson: string[] = [];
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i];
    if (!card) continue;
    const link = cardLink(card);
    if (!link) {
      warnings.push(`hf-daily: skipped card ${i + 1}: no /papers/<arXiv id> link`);
      continue;
    }
    const { bare } = link;
    const data = byId.get(bare);
    if (data) {
      matched.add(bare);
      papers.push(
        hfFoundPaper(bare, {
          title: data.title,
          authors: data.authors,
          abstract: data.summary,
          element: card,
        }),
      );
      continue;
    }
    const title = cleanText(link.titleEl);
    if (!title) {
      warnings.push(`hf-daily: skipped card ${i + 1} (arxiv:${bare}): no title`);
      continue;
    }
    if (json) withoutJson.push(bare);
    papers.push(hfFoundPaper(bare, { title, authors: [], element: card }));
  }

  if (json) {
    if (json.length !== cards.length) {
      warnings.push(
        `hf-daily: the page data lists ${json.length} papers, the page shows ${cards.length} cards`,
      );
    }
    if (withoutJson.length > 0) {
      warnings.push(
        `hf-daily: ${withoutJson.length} card(s) have no entry in the page data (title from the card only): ${idList(withoutJson)}`,
      );
    }
    const unshown = [...byId.keys()].filter((id) => !matched.has(id));
    if (unshown.length > 0) {
      warnings.push(`hf-daily: ${unshown.length} paper(s) of the page data have no card: ${idList(unshown)}`);
    }
  }
  return { papers, warnings };
}

export const hfDaily: SiteAdapter = {
  id: 'hf-daily',
  label: 'Hugging Face daily papers',
  patterns: patternsOn(HF_HOSTS, '/papers*'),
  matches: (url) => isHfHost(url) && LISTING_PATH.test(url.pathname),
  entry: 'article',
  slot(entry) {
    // The card is positioned (Tailwind's `relative`) on the live site; where it is not (the site's stylesheet
    // failed to load), an overlay would float away, so the tools go inline after the title instead.
    const win = entry.ownerDocument.defaultView;
    const positioned = win ? win.getComputedStyle(entry).position !== 'static' : false;
    if (positioned) return { parent: entry, placement: 'overlay' };
    return { parent: entry.querySelector('h3') ?? entry, placement: 'inline' };
  },
  dynamic: true,
  text: 'abstract',
  extract,
};
