/** DBLP: search results and venue tables of contents (one `li.entry` reader). */
import { defineSite } from '../types';
import { DBLP_HOSTS } from './common';
import { dblpList } from './list';
import { dblpSearch } from './search';

export const dblp = defineSite({
  id: 'dblp',
  label: 'DBLP',
  hosts: [...DBLP_HOSTS],
  adapters: [dblpSearch, dblpList],
});
