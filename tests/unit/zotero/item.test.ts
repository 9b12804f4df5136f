import { describe, expect, it } from 'vitest';
import { noteHtml, splitName, toZoteroItem } from '../../../lib/zotero/item';

const paper = {
  id: 'arxiv:2607.20519',
  title: 'Adaptive Halting for Looped Transformers',
  authors: ['Ana Maria Popescu', 'Zhang, Wei', 'Plato', '  '],
  abstract: 'We study halting.',
  url: 'https://arxiv.org/abs/2607.20519',
  pdfUrl: 'https://arxiv.org/pdf/2607.20519',
  categories: ['cs.LG', 'stat.ML'],
};

describe('paper → Zotero item', () => {
  it('an arXiv paper is a preprint with its arXiv id, DOI, date, creators, tags, note and PDF link', () => {
    const item = toZoteroItem(
      { paper, user: { tags: ['thesis'], notes: 'Read §3 <b>first</b>\n\nthen & 4' } },
      'k',
    );
    expect(item).toEqual({
      id: 'k',
      itemType: 'preprint',
      title: paper.title,
      creators: [
        { creatorType: 'author', firstName: 'Ana Maria', lastName: 'Popescu' },
        { creatorType: 'author', firstName: 'Wei', lastName: 'Zhang' },
        { creatorType: 'author', lastName: 'Plato', fieldMode: 1 },
      ],
      abstractNote: 'We study halting.',
      date: '2026-07',
      url: paper.url,
      DOI: '10.48550/arXiv.2607.20519',
      extra: 'arXiv: 2607.20519\nCategories: cs.LG, stat.ML',
      repository: 'arXiv',
      archiveID: 'arXiv:2607.20519',
      libraryCatalog: 'arXiv.org',
      tags: [{ tag: 'thesis' }],
      notes: [{ note: '<p>Read §3 &lt;b&gt;first&lt;/b&gt;</p><p>then &amp; 4</p>' }],
      attachments: [
        {
          id: 'k-pdf',
          title: 'PDF (link)',
          url: paper.pdfUrl,
          mimeType: 'text/html',
          snapshot: false,
          linkMode: 'linked_url',
          parentItem: 'k',
        },
      ],
    });
  });

  it('a venue makes a conference paper or a journal article; a DOI id is used as the DOI', () => {
    const conf = toZoteroItem({ paper: { ...paper, venue: 'NeurIPS 2025', year: 2025 } }, 'k');
    expect(conf).toMatchObject({
      itemType: 'conferencePaper',
      proceedingsTitle: 'NeurIPS 2025',
      date: '2025',
    });
    expect(conf).not.toHaveProperty('repository');
    const journal = toZoteroItem(
      {
        paper: {
          ...paper,
          id: 'doi:10.1145/3292500.3330919',
          venue: 'Journal of Machine Learning Research',
          pdfUrl: 'javascript:alert(1)',
        },
      },
      'k',
    );
    expect(journal).toMatchObject({
      itemType: 'journalArticle',
      publicationTitle: 'Journal of Machine Learning Research',
      DOI: '10.1145/3292500.3330919',
      attachments: [],
    });
    expect(journal.extra).toBe('Categories: cs.LG, stat.ML');
  });

  it('splits names with particles, commas and single words', () => {
    expect(splitName('Jan van der Berg')).toEqual({
      creatorType: 'author',
      firstName: 'Jan',
      lastName: 'van der Berg',
    });
    expect(splitName('de Gaulle, Charles')).toEqual({
      creatorType: 'author',
      firstName: 'Charles',
      lastName: 'de Gaulle',
    });
    expect(splitName('OpenAI')).toEqual({ creatorType: 'author', lastName: 'OpenAI', fieldMode: 1 });
  });

  it('notes are text: markup is escaped', () => {
    expect(noteHtml('<script>x</script> "q"')).toBe('<p>&lt;script&gt;x&lt;/script&gt; &quot;q&quot;</p>');
  });
});
