import { describe, expect, it, vi } from 'vitest';
import { createZoteroStore } from '../../../lib/zotero/ui-store';

describe('the popup\'s "Send to Zotero" state', () => {
  it('says what was sent', async () => {
    const send = vi.fn(async () => ({ ok: true as const, items: 3, attachments: 2, missing: ['arxiv:1'] }));
    const z = createZoteroStore(send, () => {});
    await z.actions.send(['a', 'b', 'c', 'arxiv:1']);
    expect(send).toHaveBeenCalledWith({ paperIds: ['a', 'b', 'c', 'arxiv:1'] });
    expect(z.state.value).toEqual({
      phase: 'done',
      message: 'Sent 3 papers to Zotero (2 with a PDF link); 1 paper no longer in the library.',
    });
  });

  it('Zotero not running: the message, and the BibTeX file to download', async () => {
    const download = vi.fn();
    const z = createZoteroStore(
      async () => ({
        error: 'Zotero is not running (ECONNREFUSED).',
        kind: 'not-running' as const,
        bibtex: '@misc{x}',
        fileName: 'papersift-zotero-2026-08-01.bib',
      }),
      download,
    );
    await z.actions.send(['a']);
    expect(z.state.value).toMatchObject({
      phase: 'failed',
      notRunning: true,
      message: 'Zotero is not running (ECONNREFUSED).',
    });
    z.actions.downloadBibtex();
    expect(download).toHaveBeenCalledWith('@misc{x}', 'papersift-zotero-2026-08-01.bib');
    z.actions.dismiss();
    expect(z.state.value).toEqual({ phase: 'idle' });
  });

  it('no answer from the background is a failure, not a success', async () => {
    const z = createZoteroStore(
      async () => undefined,
      () => {},
    );
    await z.actions.send(['a']);
    expect(z.state.value).toMatchObject({ phase: 'failed', notRunning: false });
  });
});
