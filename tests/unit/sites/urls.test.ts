/**
 * URL matrix (in the style of github-url-detection): real URLs per adapter, each claimed by exactly its adapter
 * and by no other; URLs of other sites and non-paper pages of the supported sites claimed by none.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, findAdapter } from '../../../lib/sites/index';

const CLAIMED: Record<string, string[]> = {
  'arxiv-list': [
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/list/cs.LG/new?skip=0&show=2000',
    'https://arxiv.org/list/cs.LG/new#item12',
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org/list/cs.LG/recent?skip=25&show=25',
    'https://arxiv.org/list/astro-ph/pastweek?show=1000',
    'https://arxiv.org/list/astro-ph.CO/pastweek?skip=0&show=1000',
    'https://arxiv.org/list/cs/2301?skip=0&show=3',
    'https://arxiv.org/list/cs/9101',
    'https://arxiv.org/list/math/2024',
    'https://arxiv.org/list/hep-th/new',
    'https://arxiv.org/list/physics.acc-ph/new',
    'https://arxiv.org/list/q-bio.NC/recent',
    'https://www.arxiv.org/list/cs.AI/new',
    'http://arxiv.org/list/stat.ML/new',
  ],
  'arxiv-search': [
    'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&abstracts=show&size=200&order=',
    'https://arxiv.org/search/?query=transformer&searchtype=all&source=header',
    'https://arxiv.org/search?query=transformer&searchtype=all',
    'https://arxiv.org/search/cs?searchtype=author&query=Vaswani%2C+A',
    'https://arxiv.org/search/astro-ph?searchtype=author&query=Semelin,+B',
    'https://arxiv.org/search/advanced?advanced=&terms-0-term=attention&terms-0-field=title&size=50&order=-announced_date_first',
    'https://arxiv.org/search/advanced',
    'https://www.arxiv.org/search/?query=llm&searchtype=all',
  ],
  'arxiv-abs': [
    'https://arxiv.org/abs/2407.21783',
    'https://arxiv.org/abs/2407.21783v2',
    'https://arxiv.org/abs/1706.03762v7',
    'https://arxiv.org/abs/0704.0001',
    'https://arxiv.org/abs/hep-th/9901001',
    'https://arxiv.org/abs/hep-th/9901001v1',
    'https://arxiv.org/abs/math.GT/0309136',
    'https://arxiv.org/abs/2004.10162?context=cs',
    'https://www.arxiv.org/abs/2106.09608',
  ],
  'hf-daily': [
    'https://huggingface.co/papers',
    'https://huggingface.co/papers?date=2024-08-01',
    'https://huggingface.co/papers/date/2024-08-01',
    'https://huggingface.co/papers/week/2025-W52',
    'https://huggingface.co/papers/month/2025-10',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers?q=diffusion',
    'http://huggingface.co/papers',
  ],
  'hf-paper': [
    'https://huggingface.co/papers/2407.21783',
    'https://huggingface.co/papers/2509.24002',
    'https://huggingface.co/papers/2407.21783#community',
  ],
  'scholar-search': [
    'https://scholar.google.co.jp/scholar?hl=en&q=%22Learning+deep+architectures+for+AI%22&as_ylo=&as_yhi=&start=&num=',
    'https://scholar.google.co.jp/scholar?q=%22Unsupervised+feature+learning+and+deep+learning%3A+A+review+and+new+perspectives%22&btnG=&hl=en',
    'https://scholar.google.co.jp/scholar?hl=en&cluster=5362332738201102290&num=1',
    'https://scholar.google.com/scholar?start=10&q=algorithmic+trading+strategies+cryptocurrency',
    'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=graph+neural+networks&btnG=',
    'https://scholar.google.com/scholar?cites=5331804836605365413&as_sdt=2005&sciodt=0,5&hl=en',
    'https://scholar.google.com/scholar?q=related:pYyS8T9g_kkJ:scholar.google.com/&hl=en&as_sdt=0,5',
    'https://scholar.google.com/scholar?as_q=&as_epq=attention+is+all+you+need&as_occt=title&hl=en',
    'https://scholar.google.de/scholar?hl=de&q=transformer',
    'https://scholar.google.co.uk/scholar?q=reinforcement+learning&hl=en&as_ylo=2024',
    'http://scholar.google.com/scholar?q=hypernetworks',
  ],
  'scholar-profile': [
    'http://scholar.google.com/citations?user=A5NhLJkAAAAJ&hl=en',
    'https://scholar.google.com/citations?hl=en&user=amIMrIEAAAAJ',
    'https://scholar.google.com/citations?hl=en&user=P1RwlvoAAAAJ',
    'https://scholar.google.com/citations?user=P1RwlvoAAAAJ&hl=zh-CN',
    'https://scholar.google.com/citations?hl=en&user=amIMrIEAAAAJ&view_op=list_works&sortby=pubdate',
    'https://scholar.google.com/citations?user=amIMrIEAAAAJ&cstart=20&pagesize=80',
    'https://scholar.google.co.jp/citations?user=kukA0LcAAAAJ&hl=ja',
  ],
  's2-paper': [
    'https://www.semanticscholar.org/paper/Where-the-Crosswalk-Ends%3A-Mapping-Crosswalk-via-in-Moran/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
    'https://www.semanticscholar.org/paper/What%E2%80%99s-in-a-Meow-A-Study-on-Human-Classification-of-Prato-Previde-Cannas/d1de4343d4076843583ca5826f345be6cb5cd75c',
    'https://www.semanticscholar.org/paper/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
    'https://www.semanticscholar.org/paper/b2f47f05010d6049fea1083e15c1eddc6449fe9a#citing-papers',
    'https://www.semanticscholar.org/paper/b2f47f05010d6049fea1083e15c1eddc6449fe9a?sort=is-influential#citing-papers',
  ],
  'dblp-search': [
    'https://dblp.org/search?q=calefato',
    'https://dblp.org/search/?q=attention+is+all+you+need',
    'https://dblp.org/search?q=author%3AFabio_Calefato%3A',
    'https://dblp.uni-trier.de/search?q=calefato',
  ],
  'dblp-list': [
    'https://dblp.org/db/conf/at/at2012.html',
    'https://dblp.org/db/conf/nips/neurips2023.html',
    'https://dblp.org/db/conf/icse/icse2021.html#NovielliCLML21',
    'https://dblp.org/db/journals/corr/corr2307.html',
    'https://dblp.org/db/journals/ese/ese27.html',
    'https://dblp.uni-trier.de/db/conf/esem/esem2023.html',
    // Author pages: the pid links of the saved pages' author names, with and without `.html`.
    'https://dblp.org/pid/48/5662.html',
    'https://dblp.org/pid/48/5662',
    'https://dblp.org/pid/s/CarlesSierra.html',
    'https://dblp.org/pid/238/0016.html',
    'https://dblp.uni-trier.de/pid/29/4646.html',
  ],
  'acl-person': [
    'https://aclanthology.org/people/a/andreas-madsack/',
    'https://aclanthology.org/people/andreas-madsack/',
    'https://aclanthology.org/people/andreas-madsack/unverified/',
    'https://aclanthology.org/people/teven-le-scao/unverified/',
    'https://aclanthology.org/people/alexander-m-rush/',
  ],
  'acl-paper': [
    'https://aclanthology.org/2021.naacl-main.208/',
    'https://aclanthology.org/2021.naacl-main.208',
    'https://aclanthology.org/2022.in2writing-1.1/',
    'https://aclanthology.org/W19-4201/',
    'https://aclanthology.org/K18-3004/',
  ],
  'biorxiv-article': [
    'https://www.biorxiv.org/content/10.1101/696633v1',
    'https://www.biorxiv.org/content/10.1101/2020.03.22.002386v3',
    'https://www.biorxiv.org/content/10.1101/696633v1.full',
    'https://www.biorxiv.org/content/10.1101/2020.03.22.002386v3.abstract',
    'https://www.medrxiv.org/content/10.1101/2020.03.22.20040758v1',
  ],
  'biorxiv-list': [
    'https://www.biorxiv.org/content/early/recent?page=1',
    'https://www.biorxiv.org/content/early/recent',
    'https://www.medrxiv.org/content/early/recent',
  ],
};

const UNCLAIMED = [
  // arXiv pages that are not paper listings, searches or abstract pages
  'https://arxiv.org/',
  'https://arxiv.org/help',
  'https://arxiv.org/pdf/2407.21783',
  'https://arxiv.org/pdf/2407.21783v2',
  'https://arxiv.org/html/2407.21783v1',
  'https://arxiv.org/format/2407.21783',
  'https://arxiv.org/abs/',
  'https://arxiv.org/abs/not-an-id',
  'https://arxiv.org/list/cs.LG/new/extra',
  'https://arxiv.org/a/vaswani_a_1',
  'https://arxiv.org/archive/cs',
  'https://info.arxiv.org/help/api/index.html',
  'https://export.arxiv.org/abs/2407.21783',
  // Hugging Face pages that are not paper listings or paper pages
  'https://huggingface.co/',
  'https://huggingface.co/models',
  'https://huggingface.co/datasets/allenai/c4',
  'https://huggingface.co/spaces/akhaliq/AnimeGANv2',
  'https://huggingface.co/papers/2407.21783/community',
  'https://huggingface.co/papers/not-a-paper',
  'https://huggingface.co/papers/week/2025-52',
  'https://huggingface.co/api/daily_papers',
  'https://huggingface.co/collections/akhaliq/papers-6512e04d6ea6e21c1e2ea4a4',
  // Google Scholar pages that are not result lists or profiles' article lists
  'https://scholar.google.com/',
  'https://scholar.google.com/schhp?hl=en',
  'https://scholar.google.com/scholar?hl=en',
  'https://scholar.google.com/scholar?q=&hl=en',
  'https://scholar.google.com/scholar_settings?hl=en',
  'https://scholar.google.com/scholar_alerts?view_op=list_alerts&hl=en',
  'https://scholar.google.com/scholar?scilib=1&hl=en',
  'https://scholar.google.com/citations?hl=en',
  'https://scholar.google.com/citations?view_op=search_authors&mauthors=bengio&hl=en',
  'https://scholar.google.com/citations?view_op=view_citation&hl=en&user=A5NhLJkAAAAJ&citation_for_view=A5NhLJkAAAAJ:TQgYirikUcIC',
  'https://scholar.google.com/citations?view_op=top_venues&hl=en',
  'https://scholar.google.com/citations?user=not-a-user&hl=en',
  'https://scholar.googleusercontent.com/scholar?q=cache:8kIZgzgPiqQJ:scholar.google.com/',
  'https://scholar.google.com.evil.example/scholar?q=x',
  'https://www.google.com/search?q=scholar',
  // Semantic Scholar pages that are not paper pages
  'https://www.semanticscholar.org/',
  'https://www.semanticscholar.org/search?q=crosswalk&sort=relevance',
  'https://www.semanticscholar.org/author/Marcel-E.-Moran/32690314',
  'https://www.semanticscholar.org/venue?name=Animals',
  'https://www.semanticscholar.org/reader/599bd882d57ed8a7642a0d01fe4f73a55276db26',
  'https://www.semanticscholar.org/paper/Where-the-Crosswalk-Ends/704dde842312c5eabb8c76ecf86b48e9fe68e4fe/figure/0',
  'https://www.semanticscholar.org/paper/not-a-paper-id',
  'https://www.semanticscholar.org/me/library',
  'https://semanticscholar.org/paper/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
  'https://api.semanticscholar.org/graph/v1/paper/704dde842312c5eabb8c76ecf86b48e9fe68e4fe',
  // DBLP pages that are not publication lists
  'https://dblp.org/',
  'https://dblp.org/search',
  'https://dblp.org/search?q=',
  'https://dblp.org/search/publ/api?q=calefato&format=json',
  'https://dblp.org/search/publ/inc?q=calefato&s=ydvspcc&h=30&b=1',
  'https://dblp.org/search/author/api?q=calefato',
  'https://dblp.org/db/conf/at/index.html',
  'https://dblp.org/db/conf/at/',
  'https://dblp.org/db/conf/',
  'https://dblp.org/db/journals/tse/index.html',
  'https://dblp.org/rec/conf/esem/CalefatoQLK23.html',
  'https://dblp.org/rec/conf/esem/CalefatoQLK23.html?view=bibtex',
  'https://dblp.org/pid/48/5662.xml',
  'https://dblp.org/pid/48/5662.bib',
  'https://dblp.org/pers/hd/c/Calefato:Fabio',
  'https://dblp.org/db/about/team',
  // ACL Anthology pages that are not person or paper pages
  'https://aclanthology.org/',
  'https://aclanthology.org/faq/',
  'https://aclanthology.org/2021.naacl-main.208.pdf',
  'https://aclanthology.org/2021.naacl-main.208.bib',
  'https://aclanthology.org/volumes/2021.naacl-main/',
  'https://aclanthology.org/events/naacl-2021/',
  'https://aclanthology.org/venues/naacl/',
  'https://aclanthology.org/people/',
  'https://aclanthology.org/info/author-pages/',
  'https://aclanthology.org/attachments/2021.naacl-main.208.OptionalSupplementaryCode.zip',
  // bioRxiv/medRxiv pages that are not article pages or the listing
  'https://www.biorxiv.org/',
  'https://www.biorxiv.org/content/biorxiv/early/2019/07/11/696633.full.pdf',
  'https://www.biorxiv.org/content/10.1101/696633v1.full.pdf',
  'https://www.biorxiv.org/content/10.1101/696633v1.supplementary-material',
  'https://www.biorxiv.org/content/10.1101/696633v1.article-metrics',
  'https://www.biorxiv.org/content/early/2018/02/11/263731',
  'https://www.biorxiv.org/collection/bioinformatics',
  'https://www.biorxiv.org/search/crispr',
  'https://biorxiv.org/content/10.1101/696633v1',
  'https://connect.biorxiv.org/relate/content/181',
  // other sites (the negative fixtures' URLs) and look-alikes
  'https://paperswithcode.com/method/vae',
  'https://dblp.org.evil.example/search?q=x',
  'https://example.com/db/conf/at/at2012.html',
  'https://example.com/list/cs.LG/new',
  'https://arxiv.org.evil.example/abs/2407.21783',
  'https://huggingface.co.evil.example/papers',
  'file:///home/user/arxiv.org/list/cs.LG/new',
];

/**
 * Whether a URL is inside a manifest match pattern (`https://host/path*`): scheme and host exact, the path pattern
 * (`*` = any run of characters) matched against the path plus the query, as Chrome and Firefox do.
 */
function inPattern(url: URL, pattern: string): boolean {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const path = new RegExp(
    `^${(m[3] ?? '')
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return url.protocol === `${m[1]}:` && url.host === m[2] && path.test(url.pathname + url.search);
}

describe('URL matrix', () => {
  for (const [adapter, urls] of Object.entries(CLAIMED)) {
    it.each(urls)(`${adapter} claims %s, no other adapter does`, (url) => {
      const u = new URL(url);
      expect(ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id)).toEqual([adapter]);
      expect(findAdapter(url)?.id).toBe(adapter);
      expect(findAdapter(u)?.id).toBe(adapter);
    });
  }

  it("every claimed https URL is inside one of its adapter's match patterns (the content script runs there)", () => {
    for (const a of ADAPTERS) {
      const urls = (CLAIMED[a.id] ?? []).map((u) => new URL(u)).filter((u) => u.protocol === 'https:');
      expect(urls.length, a.id).toBeGreaterThan(0);
      for (const u of urls)
        expect(
          a.patterns.some((p) => inPattern(u, p)),
          `${a.id}: ${u.href}`,
        ).toBe(true);
    }
    // The matcher itself: query strings count, other hosts and paths do not.
    expect(
      inPattern(new URL('https://scholar.google.com/scholar?q=x'), 'https://scholar.google.com/scholar?*'),
    ).toBe(true);
    expect(
      inPattern(new URL('https://scholar.google.com/scholar_alerts'), 'https://scholar.google.com/scholar?*'),
    ).toBe(false);
    expect(
      inPattern(new URL('https://scholar.google.de/scholar?q=x'), 'https://scholar.google.com/scholar?*'),
    ).toBe(false);
  });

  it.each(UNCLAIMED)('no adapter claims %s', (url) => {
    expect(ADAPTERS.filter((a) => a.matches(new URL(url))).map((a) => a.id)).toEqual([]);
    expect(findAdapter(url)).toBeUndefined();
  });

  it('has a row for every adapter, and rejects strings that are not URLs', () => {
    expect(Object.keys(CLAIMED).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
    expect(findAdapter('arxiv.org/list/cs.LG/new')).toBeUndefined();
    expect(findAdapter('')).toBeUndefined();
  });
});
