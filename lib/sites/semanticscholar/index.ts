/** Semantic Scholar: paper pages (the paper, and the rows of its citation and reference lists). */
import { defineSite } from '../types';
import { s2Paper } from './paper';

export const semanticscholar = defineSite({
  id: 'semanticscholar',
  label: 'Semantic Scholar',
  hosts: ['www.semanticscholar.org'],
  adapters: [s2Paper],
});
