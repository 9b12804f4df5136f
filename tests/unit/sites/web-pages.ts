/**
 * The real saved pages the generic reader (`readPaperMeta`, lib/sites/web) is tested on, with what it must give.
 * These pages belong to their sites' adapters in pages.json; here they are only read the way "Save this page"
 * would read them. Pages that yield a paper have a reviewed `expected/web/<page name>.json`
 * (`npx tsx tests/fixtures/generate-expected.ts --web`); the others list the warning they give.
 */

import { readFileSync } from 'node:fs';
import { paperMeta } from '../../../lib/sites/found';
import { readPaperMeta } from '../../../lib/sites/web/index';
import { type Expected, FIXTURES, parseHtml } from './helpers';

export interface WebPage {
  /** Relative to tests/fixtures/. */
  file: string;
  url: string;
  /** The reviewed output, for pages that yield a paper. */
  expected?: string;
  /** The warning of a page that yields none. */
  warning?: string;
}

const NONE = 'web: no citation_* meta tags, schema.org ScholarlyArticle or COinS';

export const WEB_PAGES: WebPage[] = [
  ...[
    ['arxiv-abs/arxiv-abs-1706.03762-browse-0.3.4-2026', 'https://arxiv.org/abs/1706.03762'],
    ['arxiv-abs/arxiv-abs-2004.10162-2020-04', 'https://arxiv.org/abs/2004.10162'],
    ['arxiv-abs/arxiv-abs-2106.09608-2021-12', 'https://arxiv.org/abs/2106.09608'],
    [
      'biorxiv/biorxiv-article-page-10.1101-696633v1-2019',
      'https://www.biorxiv.org/content/10.1101/696633v1',
    ],
    [
      'biorxiv/biorxiv-article-page-10.1101-2020.03.22.002386v3-2026',
      'https://www.biorxiv.org/content/10.1101/2020.03.22.002386v3',
    ],
    [
      'acl/acl-anthology-paper-page-2021.naacl-main.208-2026-02',
      'https://aclanthology.org/2021.naacl-main.208/',
    ],
    [
      'semanticscholar/s2-paper-page-704dde84-crosswalk-2024-02',
      'https://www.semanticscholar.org/paper/Where-the-Crosswalk-Ends%3A-Mapping-Crosswalk-via-in-Moran/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
    ],
  ].map(([name, url]) => ({
    file: `pages/${name}.html`,
    url: url ?? '',
    expected: `expected/web/${name?.split('/').pop()}.json`,
  })),
  {
    file: 'pages/semanticscholar/s2-paper-page-d1de4343-meow-2024-02.html',
    url: 'https://www.semanticscholar.org/paper/What%E2%80%99s-in-a-Meow-A-Study-on-Human-Classification-of-Prato-Previde-Cannas/d1de4343d4076843583ca5826f345be6cb5cd75c',
    expected: 'expected/web/s2-paper-page-d1de4343-meow-2024-02.json',
  },
  {
    file: 'pages/hf-paper/hf-paper-2509.24002-2025-10.html',
    url: 'https://huggingface.co/papers/2509.24002',
    warning: NONE,
  },
  {
    file: 'pages/pwc/pwc-method-page-vae-2024-12.html',
    url: 'https://paperswithcode.com/method/vae',
    warning: NONE,
  },
  {
    file: 'pages/acl/acl-anthology-person-page-2023.html',
    url: 'https://aclanthology.org/people/a/andreas-madsack/',
    warning: NONE,
  },
  {
    file: 'pages/dblp/dblp-conf-toc-at2012-2023-08-reindented.html',
    url: 'https://dblp.org/db/conf/at/at2012.html',
    warning: `${NONE} (56 schema.org ScholarlyArticle items in microdata (a list); 56 COinS (a list))`,
  },
  {
    file: 'pages/dblp/dblp-search-calefato-2024-01-prettified.html',
    url: 'https://dblp.org/search?q=calefato',
    warning: `${NONE} (30 schema.org ScholarlyArticle items in microdata (a list); 30 COinS (a list))`,
  },
  {
    file: 'pages/biorxiv/biorxiv-listing-all-articles-page2-2018-02-11-bs4-prettified.html',
    url: 'https://www.biorxiv.org/content/early/recent?page=1',
    warning: NONE,
  },
];

/** The page parsed at its real URL (a fresh document each call). */
export function loadWebPage(page: WebPage): Document {
  return parseHtml(readFileSync(`${FIXTURES}${page.file}`, 'utf8'), page.url);
}

/** What readPaperMeta gives for a page, in the expected-JSON shape (adapter: null: it runs on demand). */
export function readWebPage(page: WebPage, doc: Document = loadWebPage(page)): Expected {
  const r = readPaperMeta(doc, page.url);
  return {
    adapter: null,
    url: page.url,
    count: r.papers.length,
    warnings: r.warnings,
    papers: r.papers.map(paperMeta),
  };
}
