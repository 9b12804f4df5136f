/** Hugging Face: Daily Papers listings and single paper pages (a single-page app). */
import { defineSite } from '../types';
import { hfDaily } from './daily';
import { hfPaper } from './paper';

export const huggingface = defineSite({
  id: 'huggingface',
  label: 'Hugging Face',
  hosts: ['huggingface.co'],
  adapters: [hfDaily, hfPaper],
});
