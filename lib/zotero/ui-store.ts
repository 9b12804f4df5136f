import { signal } from '@preact/signals';
import type { ZoteroErrorReply, ZoteroSaveReply, ZoteroSaveRequest } from '../messaging/zotero';
import { plural } from '../plural';

// The popup's (or any page's) "Send to Zotero": the state of the last send and its actions. The background does the
// HTTP (`zoteroSave`); when Zotero is not running it answers with the papers as BibTeX, which the user may download.

export type ZoteroUiState =
  | { phase: 'idle' }
  | { phase: 'sending'; message: string }
  | { phase: 'done'; message: string }
  | { phase: 'failed'; message: string; notRunning: boolean; bibtex?: { text: string; fileName: string } };

export type SendZotero = (req: ZoteroSaveRequest) => Promise<ZoteroSaveReply | ZoteroErrorReply | undefined>;

const papers = (n: number) => plural(n, 'paper');

export function createZoteroStore(send: SendZotero, download: (text: string, fileName: string) => void) {
  const state = signal<ZoteroUiState>({ phase: 'idle' });

  async function sendIds(paperIds: string[]): Promise<void> {
    if (!paperIds.length || state.value.phase === 'sending') return;
    state.value = { phase: 'sending', message: `Sending ${papers(paperIds.length)} to Zotero…` };
    let reply: ZoteroSaveReply | ZoteroErrorReply | undefined;
    try {
      reply = await send({ paperIds });
    } catch (err) {
      reply = {
        error: `The extension's background did not answer (${String(err)}). Try again.`,
        kind: 'failed',
      };
    }
    if (!reply) reply = { error: "The extension's background did not answer. Try again.", kind: 'failed' };
    if ('error' in reply) {
      state.value = {
        phase: 'failed',
        message: reply.error,
        notRunning: reply.kind === 'not-running',
        ...(reply.bibtex && reply.fileName
          ? { bibtex: { text: reply.bibtex, fileName: reply.fileName } }
          : {}),
      };
      return;
    }
    const links = reply.attachments ? ` (${reply.attachments} with a PDF link)` : '';
    const missing = reply.missing.length ? `; ${papers(reply.missing.length)} no longer in the library` : '';
    state.value = { phase: 'done', message: `Sent ${papers(reply.items)} to Zotero${links}${missing}.` };
  }

  return {
    state,
    actions: {
      send: sendIds,
      downloadBibtex(): void {
        const s = state.value;
        if (s.phase === 'failed' && s.bibtex) download(s.bibtex.text, s.bibtex.fileName);
      },
      dismiss(): void {
        if (state.value.phase !== 'sending') state.value = { phase: 'idle' };
      },
    },
  };
}

export type ZoteroStore = ReturnType<typeof createZoteroStore>;
