// One scanner, two outputs: `tokenize` (hashes into buffers, no allocation: the classifier's hot loop) and
// `tokenStrings` (the same tokens spelled out: training, vocabularies). A term string must hash back to the
// token's hashes (`hashTerm`), or the model's terms would never be found at run time.
import { describe, expect, it } from 'vitest';
import { hashTerm, hashTermList } from '../../../lib/classify/hash.ts';
import modelJson from '../../../lib/classify/model.json';
import { tokA, tokB, tokBreak, tokenize, tokenStrings } from '../../../lib/classify/tokenize.ts';
import { readLabelled } from './data.ts';

const texts = [
  ...readLabelled('labels-train')
    .filter((_, i) => i % 5 === 0)
    .flatMap((p) => [p.title, p.abstract ?? '']),
  'STGNN and MARL agents: policies, analyses, losses — <img src=x onerror=alert(1)> &amp; $\\mathcal{O}(n^2)$',
  'Hypernetworks ("HyperNets") for GNNs/RL; e.g. 3-D graph-transformers, naïve Schrödinger bridges',
  'Overlong tokens are truncated alike: pneumonoultramicroscopicsilicovolcanoconiosis hypernetwork-generated',
];

describe('tokenize and tokenStrings', () => {
  it('give the same tokens, break flags and hashes on real titles and abstracts', () => {
    for (const text of texts) {
      const strings = tokenStrings(text);
      const n = tokenize(text);
      expect(n).toBe(strings.length);
      strings.forEach((t, i) => {
        expect([tokA[i], tokB[i]], `${t.term} in ${text.slice(0, 60)}`).toEqual(hashTerm(t.term));
        expect(tokBreak[i] === 1).toBe(t.brk);
      });
    }
  });

  it('lower-cases, stems plurals, drops stopwords and numbers, marks acronyms, breaks at punctuation', () => {
    const t = tokenStrings('The STGNN policies: Graph-Networks of 2 <b>loss</b>');
    expect(t.map((x) => x.term)).toEqual(['stgnn', '#gnn', 'policy', 'graph', 'network', 'loss']);
    expect(t.map((x) => x.brk)).toEqual([true, false, false, true, false, true]);
    expect(t[1]?.marker).toBe(true);
  });

  it('hashes a newline-joined term list as hashTerm hashes each term (the asset, compiled at start)', () => {
    const lists = [
      modelJson.terms,
      ['', 'a', 'T:a', 'T:graph neural', `${'x'.repeat(40)} ${'y'.repeat(50)}`, `T:${'z'.repeat(33)}`].join(
        '\n',
      ),
    ];
    for (const list of lists) {
      const terms = list.split('\n');
      const hashes = hashTermList(list);
      expect(hashes.length).toBe(2 * terms.length);
      terms.forEach((t, i) => {
        expect([hashes[2 * i], hashes[2 * i + 1]], t).toEqual(hashTerm(t));
      });
    }
  });
});
