/**
 * The site registry: every site PaperSift reads, one line each. Everything else about sites is derived from here:
 * the ids stored with papers, the content script's matches and the host permissions, site labels, `siteOfUrl`.
 * Adding a site: its module in `lib/sites/<site>/`, its real pages with expected output, one line below (see
 * README.md in this folder).
 */
import { acl } from './acl';
import { arxiv } from './arxiv';
import { biorxiv } from './biorxiv';
import { dblp } from './dblp';
import { huggingface } from './huggingface';
import { scholar } from './scholar';
import { semanticscholar } from './semanticscholar';
import type { SiteAdapter } from './types';
import { web } from './web';

export const SITE_PLUGINS = [arxiv, huggingface, scholar, semanticscholar, dblp, acl, biorxiv, web] as const;

export type SiteId = (typeof SITE_PLUGINS)[number]['id'];

/** Every site id, in display order. */
export const SITES = SITE_PLUGINS.map((s) => s.id) as readonly SiteId[] as readonly [SiteId, ...SiteId[]];

/** Every adapter of every site. Their URL claims are disjoint: a URL is claimed by one adapter at most. */
export const ADAPTERS: readonly SiteAdapter[] = SITE_PLUGINS.flatMap((s) => s.adapters);

const SITE_OF_ADAPTER = new Map<string, SiteId>(
  SITE_PLUGINS.flatMap((s) => s.adapters.map((a) => [a.id, s.id])),
);
const SITE_OF_HOST = new Map<string, SiteId>(SITE_PLUGINS.flatMap((s) => s.hosts.map((h) => [h, s.id])));

/** The content script's match patterns = the host permissions: every adapter's, once each. */
export const CONTENT_MATCHES: readonly string[] = [...new Set(ADAPTERS.flatMap((a) => a.patterns))];

export function siteLabel(id: SiteId): string {
  return SITE_PLUGINS.find((s) => s.id === id)?.label ?? id;
}

/** The site an adapter belongs to. */
export function siteOfAdapter(adapterId: string): SiteId | undefined {
  return SITE_OF_ADAPTER.get(adapterId);
}

export function adapterById(adapterId: string | undefined): SiteAdapter | undefined {
  return adapterId === undefined ? undefined : ADAPTERS.find((a) => a.id === adapterId);
}

/** The site of a page URL, or undefined for a page on no supported site. */
export function siteOfUrl(url: string): SiteId | undefined {
  try {
    return SITE_OF_HOST.get(new URL(url).hostname.toLowerCase());
  } catch {
    return undefined;
  }
}

export function isSiteId(s: unknown): s is SiteId {
  return typeof s === 'string' && (SITES as readonly string[]).includes(s);
}
