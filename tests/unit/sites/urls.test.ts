/**
 * URL matrix (in the style of github-url-detection): real URLs per adapter, each claimed by exactly its adapter
 * and by no other; URLs of other sites and non-paper pages of the supported sites claimed by none.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, findAdapter } from '../../../lib/sites/index';
import { CLAIMED, UNCLAIMED } from './url-cases';

/**
 * Whether a URL is inside a manifest match pattern (`https://host/path*`): scheme and host exact, the path pattern
 * (`*` = any run of characters) matched against the path plus the query, as Chrome and Firefox do.
 */
function inPattern(url: URL, pattern: string): boolean {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const path = new RegExp(
    `^${(m[3] ?? '')
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return url.protocol === `${m[1]}:` && url.host === m[2] && path.test(url.pathname + url.search);
}

describe('URL matrix', () => {
  for (const [adapter, urls] of Object.entries(CLAIMED)) {
    it.each(urls)(`${adapter} claims %s, no other adapter does`, (url) => {
      const u = new URL(url);
      expect(ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id)).toEqual([adapter]);
      expect(findAdapter(url)?.id).toBe(adapter);
      expect(findAdapter(u)?.id).toBe(adapter);
    });
  }

  it("every claimed https URL is inside one of its adapter's match patterns (the content script runs there)", () => {
    for (const a of ADAPTERS) {
      const urls = (CLAIMED[a.id] ?? []).map((u) => new URL(u)).filter((u) => u.protocol === 'https:');
      expect(urls.length, a.id).toBeGreaterThan(0);
      for (const u of urls)
        expect(
          a.patterns.some((p) => inPattern(u, p)),
          `${a.id}: ${u.href}`,
        ).toBe(true);
    }
    // The matcher itself: query strings count, other hosts and paths do not.
    expect(
      inPattern(new URL('https://scholar.google.com/scholar?q=x'), 'https://scholar.google.com/scholar?*'),
    ).toBe(true);
    expect(
      inPattern(new URL('https://scholar.google.com/scholar_alerts'), 'https://scholar.google.com/scholar?*'),
    ).toBe(false);
    expect(
      inPattern(new URL('https://scholar.google.de/scholar?q=x'), 'https://scholar.google.com/scholar?*'),
    ).toBe(false);
  });

  it.each(UNCLAIMED)('no adapter claims %s', (url) => {
    expect(ADAPTERS.filter((a) => a.matches(new URL(url))).map((a) => a.id)).toEqual([]);
    expect(findAdapter(url)).toBeUndefined();
  });

  it('has a row for every adapter, and rejects strings that are not URLs', () => {
    expect(Object.keys(CLAIMED).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
    expect(findAdapter('arxiv.org/list/cs.LG/new')).toBeUndefined();
    expect(findAdapter('')).toBeUndefined();
  });
});
