import { describe, expect, it } from 'vitest';
import {
  arxivIdFromPath,
  arxivKey,
  bareArxivId,
  canonicalId,
  parseArxivId,
  parseDoi,
  titleKey,
} from '../../../lib/ids';

describe('arXiv ids', () => {
  it.each([
    ['2407.21783', 'arxiv:2407.21783'],
    ['2407.21783v2', 'arxiv:2407.21783'],
    ['arXiv:2407.21783', 'arxiv:2407.21783'],
    ['arxiv:2407.21783v12', 'arxiv:2407.21783'],
    ['  arXiv: 2407.21783 ', 'arxiv:2407.21783'],
    ['0704.0001', 'arxiv:0704.0001'],
    ['1412.9999v3', 'arxiv:1412.9999'],
    ['/abs/2407.21783', 'arxiv:2407.21783'],
    ['/abs/2407.21783v2', 'arxiv:2407.21783'],
    ['/pdf/2407.21783', 'arxiv:2407.21783'],
    ['/pdf/2407.21783v1.pdf', 'arxiv:2407.21783'],
    ['https://arxiv.org/abs/2407.21783v2', 'arxiv:2407.21783'],
    ['https://arxiv.org/pdf/2407.21783', 'arxiv:2407.21783'],
    ['https://www.arxiv.org/abs/2407.21783?context=cs', 'arxiv:2407.21783'],
    ['https://export.arxiv.org/abs/2407.21783', 'arxiv:2407.21783'],
    ['http://arxiv.org/html/2407.21783v1', 'arxiv:2407.21783'],
    ['arxiv.org/abs/2407.21783', 'arxiv:2407.21783'],
    ['hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['hep-th/9901001v2', 'arxiv:hep-th/9901001'],
    ['arXiv:hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['/abs/hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'arxiv:hep-th/9901001'],
    ['math.GT/0309136', 'arxiv:math/0309136'],
    ['https://arxiv.org/abs/math.GT/0309136v2', 'arxiv:math/0309136'],
    ['astro-ph/0001001', 'arxiv:astro-ph/0001001'],
    ['cond-mat/9912345', 'arxiv:cond-mat/9912345'],
  ])('%s -> %s', (input, key) => {
    expect(arxivKey(input)).toBe(key);
    expect(canonicalId(input)).toBe(key);
  });

  it.each([
    '',
    '2407.2178',
    '2413.21783', // month 13
    '2407.217833',
    'hello',
    'https://example.com/abs/2407.21783',
    'https://arxiv.org/list/cs.LG/new',
    '/abs/',
    'hep-th/99010',
    '10.1145/3773274.3774931',
  ])('%s is not an arXiv id', (input) => {
    expect(parseArxivId(input)).toBeUndefined();
    expect(arxivKey(input)).toBeUndefined();
  });

  it('reads ids from URL paths only under /abs, /pdf, /html, /format, /ps', () => {
    expect(arxivIdFromPath('/abs/2407.21783')).toBe('2407.21783');
    expect(arxivIdFromPath('/format/2407.21783')).toBe('2407.21783');
    expect(arxivIdFromPath('/list/2407.21783')).toBeUndefined();
    expect(bareArxivId('arXiv:2301.00001')).toBe('2301.00001');
  });
});

describe('other schemes', () => {
  it('DOIs become doi:<lower-case doi>', () => {
    expect(canonicalId('10.1145/3773274.3774931')).toBe('doi:10.1145/3773274.3774931');
    expect(canonicalId('doi:10.1016/J.PHYSB.2025.417533')).toBe('doi:10.1016/j.physb.2025.417533');
    expect(canonicalId('https://doi.org/10.1051/0004-6361/202557705')).toBe(
      'doi:10.1051/0004-6361/202557705',
    );
    expect(parseDoi('https://dx.doi.org/10.1101%2F2020.03.22.002386')).toBe('10.1101/2020.03.22.002386');
  });

  it('keeps an already prefixed id, rejects URLs and junk', () => {
    expect(canonicalId('pmid:12345')).toBe('pmid:12345');
    expect(canonicalId('https://example.com/paper')).toBeUndefined();
    expect(canonicalId('not an id')).toBeUndefined();
  });
});

describe('title key', () => {
  it('folds the title and takes the first author surname, whatever the site writes around it', () => {
    const key = 'attentionisallyouneed|vaswani';
    expect(titleKey('Attention Is All You Need', ['Ashish Vaswani', 'Noam Shazeer'])).toBe(key);
    // DBLP: a trailing period, other capitals; BibTeX: "Surname, Given".
    expect(titleKey('Attention is All you Need.', ['Ashish Vaswani'])).toBe(key);
    expect(titleKey('Attention is all you need', ['Vaswani, Ashish'])).toBe(key);
    // DBLP tells homonyms apart with a number; suffixes are no surname.
    expect(titleKey('Attention Is All You Need', ['Ashish Vaswani 0001'])).toBe(key);
    expect(titleKey('Attention Is All You Need', ['Ashish Vaswani Jr.'])).toBe(key);
    expect(titleKey('Attention Is All You Need', ['Vaswani, Jr., Ashish'])).toBe(key);
    expect(titleKey('Démoiréing with $\\alpha$-nets', ['É. Lévy'])).toBe('demoireingwithnets|levy');
    expect(titleKey('Short', ['A. Author'])).toBeUndefined();
  });
});
