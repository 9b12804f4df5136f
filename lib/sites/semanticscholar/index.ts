/** Semantic Scholar: paper pages (the paper, and the rows of its citation and reference lists). */
import { defineSite } from '../types';
import { S2_HOSTS, s2Paper } from './paper';

export const semanticscholar = defineSite({
  id: 'semanticscholar',
  label: 'Semantic Scholar',
  hosts: S2_HOSTS,
  adapters: [s2Paper],
});
