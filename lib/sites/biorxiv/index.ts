/** bioRxiv and medRxiv (the same Highwire platform): article pages and the "All Articles" listing. */
import { defineSite } from '../types';
import { biorxivArticle } from './article';
import { BIORXIV_HOSTS } from './common';
import { biorxivList } from './list';

export const biorxiv = defineSite({
  id: 'biorxiv',
  label: 'bioRxiv/medRxiv',
  hosts: [...BIORXIV_HOSTS],
  adapters: [biorxivArticle, biorxivList],
});
