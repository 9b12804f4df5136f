/** Which adapter reads which page, and a never-throwing entry point. */

import { ADAPTERS } from './registry';
import type { Extraction, SiteAdapter } from './types';

export * from './registry';
export type { Extraction, FoundPaper, SiteAdapter } from './types';

function toUrl(url: string | URL): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The adapter for the page at `url`, or undefined (also for a string that is not a URL). */
export function findAdapter(url: string | URL): SiteAdapter | undefined {
  const u = toUrl(url);
  if (!u) return undefined;
  return ADAPTERS.find((a) => {
    try {
      return a.matches(u);
    } catch {
      return false;
    }
  });
}

/**
 * Extracts the papers of `doc` with the adapter for `url`. Never throws: an adapter exception becomes a warning.
 * `adapter` is the id of the adapter used, absent when no adapter handles the URL (then no papers, no warning).
 */
export function extractPage(doc: Document, url: string | URL): Extraction & { adapter?: string } {
  const u = toUrl(url);
  if (!u) return { papers: [], warnings: [`not a URL: ${String(url)}`] };
  const adapter = findAdapter(u);
  if (!adapter) return { papers: [], warnings: [] };
  try {
    const { papers, warnings } = adapter.extract(doc, u);
    return { adapter: adapter.id, papers, warnings };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { adapter: adapter.id, papers: [], warnings: [`${adapter.id}: extraction failed: ${message}`] };
  }
}

/**
 * `extractPage` in steps (see `SiteAdapter.extractSteps`): the caller resumes the generator between slices of
 * work. Adapters without steps run in one. Never throws.
 */
export function* extractPageSteps(
  doc: Document,
  url: string | URL,
): Generator<void, Extraction & { adapter?: string }, void> {
  const u = toUrl(url);
  const adapter = u && findAdapter(u);
  if (!u || !adapter?.extractSteps) return extractPage(doc, url);
  try {
    const { papers, warnings } = yield* adapter.extractSteps(doc, u);
    return { adapter: adapter.id, papers, warnings };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { adapter: adapter.id, papers: [], warnings: [`${adapter.id}: extraction failed: ${message}`] };
  }
}
