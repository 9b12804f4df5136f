/** Link helpers shared by the adapters. */

/** The absolute http(s) URL of `href` relative to the page, or undefined (`javascript:`, `#…`, malformed). */
export function absoluteUrl(href: string | null | undefined, base: URL): string | undefined {
  if (!href || href.startsWith('#')) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
