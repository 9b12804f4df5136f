/**
 * The site registry, enumerated: every site and every adapter has what lib/sites/README.md ("Adding a site") asks
 * for — real fixture pages with reviewed output, URL cases, manifest patterns that cover them, an entry selector
 * and a tool slot that work on every entry of its real pages — so that a new site missing any of it fails here.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../lib/sites/index';
import {
  ADAPTERS,
  CONTENT_MATCHES,
  SITE_PLUGINS,
  SITES,
  siteOfAdapter,
  siteOfUrl,
} from '../../../lib/sites/registry';
import { cachedPage, manifest } from './helpers';
import { CLAIMED } from './url-cases';
import { WEB_PAGES } from './web-pages';

const pages = manifest();

describe('registry', () => {
  it('has unique site and adapter ids; each adapter belongs to one site', () => {
    expect(new Set(SITES).size).toBe(SITES.length);
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SITE_PLUGINS) for (const a of s.adapters) expect(siteOfAdapter(a.id)).toBe(s.id);
  });

  it('derives the content-script matches (= host permissions) from the adapters, and nothing else', () => {
    expect([...CONTENT_MATCHES].sort()).toEqual([...new Set(ADAPTERS.flatMap((a) => a.patterns))].sort());
    for (const p of CONTENT_MATCHES) expect(p).toMatch(/^https:\/\/[a-z0-9.-]+\/\S*$/);
  });

  it('the on-demand reader is the one site without hosts and adapters; it has real pages of its own', () => {
    const bare = SITE_PLUGINS.filter((s) => !s.adapters.length || !s.hosts.length).map((s) => s.id);
    expect(bare).toEqual(['web']);
    expect(WEB_PAGES.filter((p) => p.expected).length).toBeGreaterThan(3);
  });

  for (const site of SITE_PLUGINS.filter((s) => s.adapters.length)) {
    describe(`${site.id} (${site.label})`, () => {
      it('claims its own hosts: siteOfUrl files its pages under it', () => {
        for (const a of site.adapters)
          for (const url of CLAIMED[a.id] ?? []) expect(siteOfUrl(url), url).toBe(site.id);
      });

      for (const adapter of site.adapters) {
        const own = pages.filter((p) => p.adapter === adapter.id);

        it(`${adapter.id}: has real pages with entries and reviewed output, and URL cases`, () => {
          expect(own.filter((p) => p.entries > 0 && p.expected).length).toBeGreaterThan(0);
          expect(CLAIMED[adapter.id]?.length ?? 0).toBeGreaterThan(0);
          expect(adapter.patterns.length).toBeGreaterThan(0);
          expect(adapter.label).not.toBe('');
        });

        it(`${adapter.id}: its entry selector and tool slot work on every entry of its real pages`, () => {
          for (const p of own.filter((x) => x.entries > 0)) {
            const doc = cachedPage(p.file, p.url);
            const { papers } = extractPage(doc, p.url);
            expect(papers.length, p.file).toBe(p.entries);
            // The mutation watcher finds entries by the selector: the page's own query finds every one.
            const found = new Set(doc.querySelectorAll(adapter.entry));
            for (const paper of papers) {
              const el = paper.element;
              expect(el.matches(adapter.entry), `${p.file}: ${paper.id}`).toBe(true);
              expect(found.has(el), `${p.file}: ${paper.id}`).toBe(true);
              const slot = adapter.slot(el);
              expect(el === slot.parent || el.contains(slot.parent), `${p.file}: ${paper.id}`).toBe(true);
              for (const node of adapter.extent?.(el) ?? [el]) expect(node.parentNode).toBe(el.parentNode);
            }
          }
        });
      }
    });
  }
});
