/** arXiv: daily and archive listings, search results, abstract pages. */
import { defineSite } from '../types';
import { arxivAbs } from './abs';
import { ARXIV_HOSTS } from './common';
import { arxivList } from './list';
import { arxivSearch } from './search';

export const arxiv = defineSite({
  id: 'arxiv',
  label: 'arXiv',
  hosts: [...ARXIV_HOSTS],
  adapters: [arxivList, arxivSearch, arxivAbs],
});
