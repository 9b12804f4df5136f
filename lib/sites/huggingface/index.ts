/** Hugging Face: Daily Papers listings and single paper pages (a single-page app). */
import { defineSite } from '../types';
import { HF_HOSTS } from './common';
import { hfDaily } from './daily';
import { hfPaper } from './paper';

export const huggingface = defineSite({
  id: 'huggingface',
  label: 'Hugging Face',
  hosts: [...HF_HOSTS],
  adapters: [hfDaily, hfPaper],
});
