/** bioRxiv (Highwire/Drupal): article pages and the "All Articles" listing. */
import { defineSite } from '../types';
import { biorxivArticle } from './article';
import { BIORXIV_HOSTS } from './common';
import { biorxivList } from './list';

export const biorxiv = defineSite({
  id: 'biorxiv',
  label: 'bioRxiv',
  hosts: [...BIORXIV_HOSTS],
  adapters: [biorxivArticle, biorxivList],
});
