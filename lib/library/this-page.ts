/**
 * "This page" in the popup: on a page no site module knows, the toolbar button reads the page's own paper (its
 * citation_* tags, schema.org or COinS, lib/sites/web) and offers to save it, classified. The extension gets to
 * read the tab through activeTab (the user's click), never through a host permission for every site.
 */
import { signal } from '@preact/signals';
import type { PaperVerdict } from '../messaging/page';
import type { PaperMeta } from '../paper';
import { findAdapter } from '../sites';

export type ThisPageState =
  /** Nothing to offer: no tab, a page of a supported site (its own tools are there), or not a web page. */
  | { phase: 'none' }
  | { phase: 'reading' }
  | { phase: 'found'; paper: PaperMeta; verdict?: PaperVerdict; saved: boolean; saving?: boolean }
  | { phase: 'empty'; reason: string }
  | { phase: 'error'; message: string };

export interface ThisPageDeps {
  /** The tab the user was on when they opened the popup. */
  activeTab(): Promise<{ id: number; url: string } | undefined>;
  /** Runs the reader in the tab (lib/sites/web through entrypoints/reader.ts). */
  read(tabId: number): Promise<{ papers: PaperMeta[]; warnings: string[] }>;
  /** The background records the sighting and classifies it. */
  classify(paper: PaperMeta, url: string): Promise<PaperVerdict | undefined>;
  save(paper: PaperMeta, saved: boolean): Promise<boolean>;
}

export function createThisPage(deps: ThisPageDeps) {
  const state = signal<ThisPageState>({ phase: 'none' });

  async function load(): Promise<void> {
    const tab = await deps.activeTab().catch(() => undefined);
    if (!tab || !/^https?:\/\//.test(tab.url) || findAdapter(tab.url)) return;
    state.value = { phase: 'reading' };
    try {
      const { papers, warnings } = await deps.read(tab.id);
      const paper = papers[0];
      if (!paper) {
        state.value = { phase: 'empty', reason: warnings[0] ?? 'no paper on this page' };
        return;
      }
      state.value = { phase: 'found', paper, saved: false };
      const verdict = await deps.classify(paper, tab.url);
      state.value = { phase: 'found', paper, saved: !!verdict?.saved, ...(verdict ? { verdict } : {}) };
    } catch (e) {
      // Pages the browser keeps from extensions (the web store, other extensions' pages) refuse the script.
      state.value = { phase: 'error', message: `PaperSift cannot read this page (${String(e)}).` };
    }
  }

  async function toggleSave(): Promise<void> {
    const s = state.value;
    if (s.phase !== 'found' || s.saving) return;
    state.value = { ...s, saving: true };
    try {
      const saved = await deps.save(s.paper, !s.saved);
      state.value = { ...s, saving: false, saved };
    } catch (e) {
      state.value = { phase: 'error', message: `Saving failed: ${String(e)}` };
    }
  }

  return { state, load, toggleSave };
}

export type ThisPage = ReturnType<typeof createThisPage>;
