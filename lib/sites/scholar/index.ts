/** Google Scholar: result lists (search, cluster, cited by) and Citations profiles, on .com and country hosts. */
import { defineSite } from '../types';
import { SCHOLAR_HOSTS } from './common';
import { scholarProfile } from './profile';
import { scholarSearch } from './search';

export const scholar = defineSite({
  id: 'scholar',
  label: 'Google Scholar',
  hosts: SCHOLAR_HOSTS,
  adapters: [scholarSearch, scholarProfile],
});
