/**
 * Text helpers shared by the adapters. They read the DOM only (no layout: `innerText` is never used, it would
 * force a reflow on a 2,000-entry page) and never modify it.
 */

// Runs of 2+ whitespace, or a single whitespace that is not a plain space. Replacing only these (not every single
// space, as /\s+/g does) makes collapsing 2,000 abstracts several times faster.
const WHITESPACE_TO_FIX = /\s{2,}|[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const WHITESPACE_TO_FIX_ALL = new RegExp(WHITESPACE_TO_FIX.source, 'g');

/** Collapses every run of whitespace (NBSP included) to one space and trims. */
export function collapse(s: string): string {
  const t = s.trim();
  // Most names and many titles need nothing more: test (stops at the first hit) before replacing.
  return WHITESPACE_TO_FIX.test(t) ? t.replace(WHITESPACE_TO_FIX_ALL, ' ') : t;
}

/** ASCII whitespace, the class attribute's separator. */
function isHtmlSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';
}

/** Whether `el` has the class `name` (a string test on the attribute: cheaper than classList in jsdom). */
export function hasClass(el: Element, name: string): boolean {
  const cls = classOf(el);
  if (cls.length < name.length) return false;
  if (cls === name) return true;
  let i = cls.indexOf(name);
  while (i !== -1) {
    const before = i === 0 ? ' ' : cls.charAt(i - 1);
    const after = i + name.length >= cls.length ? ' ' : cls.charAt(i + name.length);
    if (isHtmlSpace(before) && isHtmlSpace(after)) return true;
    i = cls.indexOf(name, i + 1);
  }
  return false;
}

/**
 * The descendants of `root` (depth first, document order) that `match`, without a selector engine or a live
 * collection: entries are small subtrees, walked with firstElementChild/nextElementSibling.
 */
export function findAll(root: Element, match: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  collect(root, match, out);
  return out;
}

function collect(el: Element, match: (el: Element) => boolean, out: Element[]): void {
  for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (match(c)) out.push(c);
    if (c.firstElementChild !== null) collect(c, match, out);
  }
}

/** The first descendant of `root` (document order) that matches, or undefined. */
export function findFirst(root: Element, match: (el: Element) => boolean): Element | undefined {
  for (let c = root.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (match(c)) return c;
    if (c.firstElementChild !== null) {
      const found = findFirst(c, match);
      if (found) return found;
    }
  }
  return undefined;
}

export interface CleanTextOptions {
  /**
   * Elements to leave out with their subtree, e.g. arXiv's `span.descriptor` ("Title:") or the search page's
   * "△ Less" toggle.
   */
  skip?: (el: Element) => boolean;
}

const SKIPPED_TAGS = new Set(['STYLE', 'NOSCRIPT', 'TEMPLATE']);

function classOf(el: Element): string {
  // className is a plain string on HTML elements (cheap), an SVGAnimatedString on SVG ones (MathJax SVG output).
  const cls: unknown = el.className;
  return typeof cls === 'string' ? cls : (el.getAttribute('class') ?? '');
}

/** Whether an element is MathJax output (v2 spans, SVG/CHTML frames, v3 custom elements). */
export function isMathJaxElement(el: Element): boolean {
  const tag = el.tagName;
  if (tag.length > 4 && (tag.startsWith('MJX-') || tag.startsWith('mjx-'))) return true;
  // MathJax v2 output roots are spans and divs; other tags (links, emphasis) need no class test.
  if (tag !== 'SPAN' && tag !== 'DIV' && tag !== 'span' && tag !== 'div') return false;
  const cls = classOf(el);
  return cls.includes('MathJax') || cls.includes('MJX');
}

function isTexScript(el: Element): boolean {
  return el.tagName === 'SCRIPT' && (el.getAttribute('type') ?? '').startsWith('math/tex');
}

/** The TeX source of a MathJax v2 `<script type="math/tex">`, with the delimiters the raw page uses. */
function texOf(script: Element): string {
  const tex = script.textContent ?? '';
  const display = (script.getAttribute('type') ?? '').includes('mode=display');
  return display ? `$$${tex}$$` : `$${tex}$`;
}

/**
 * The text of a MathJax element that has no TeX script after it (e.g. MathJax 3, which keeps no source):
 * `data-latex` when present, else the assistive MathML text, else the element's own text. Empty for previews.
 */
function mathFallback(el: Element): string {
  const cls = classOf(el);
  if (cls.includes('MathJax_Preview')) return '';
  const latex = el.getAttribute('data-latex') ?? el.querySelector('[data-latex]')?.getAttribute('data-latex');
  if (latex) return `$${latex}$`;
  const assistive = el.querySelector('.MJX_Assistive_MathML, mjx-assistive-mml');
  if (assistive) return ` ${assistive.textContent ?? ''} `;
  return ` ${el.textContent ?? ''} `;
}

/** Whether the next element sibling is the TeX script MathJax v2 keeps after its rendering. */
function followedByTex(el: Element): boolean {
  const next = el.nextElementSibling;
  return next !== null && isTexScript(next);
}

function walk(el: Element, out: string[], skip: ((el: Element) => boolean) | undefined): void {
  for (let node = el.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 3) {
      out.push((node as Text).data);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    if (skip?.(child)) continue;
    const tag = child.tagName;
    if (tag === 'SCRIPT') {
      if (isTexScript(child)) out.push(texOf(child));
      continue;
    }
    if (SKIPPED_TAGS.has(tag)) continue;
    if (isMathJaxElement(child)) {
      // MathJax v2 keeps the TeX in the script right after the rendering (or after its display wrapper).
      if (!followedByTex(child)) out.push(mathFallback(child));
      continue;
    }
    if (child.firstElementChild === null) out.push(child.textContent ?? '');
    else walk(child, out, skip);
  }
}

/**
 * The clean text of an element: whitespace collapsed, `skip`ped elements left out, MathJax rendering removed and,
 * where MathJax v2 kept the TeX source in a `<script type="math/tex">`, that source restored as `$…$` (`$$…$$` for
 * display math), so a browser-rendered page gives the same text as the raw server HTML.
 * Walks the subtree once; no cloning, no layout.
 */
export function cleanText(el: Element | null | undefined, options: CleanTextOptions = {}): string {
  if (!el) return '';
  if (el.firstElementChild === null) return collapse(el.textContent ?? '');
  const out: string[] = [];
  walk(el, out, options.skip);
  return collapse(out.join(''));
}

/** arXiv's field labels: `<span class="descriptor">Title:</span>` and the like. */
export function isDescriptor(el: Element): boolean {
  return el.tagName === 'SPAN' && hasClass(el, 'descriptor');
}

/** Strips list punctuation around an author name: trailing commas, "and", whitespace. */
export function cleanAuthor(s: string): string {
  const name = collapse(s);
  if (!name.endsWith(',') && !name.startsWith(',') && !/^and\s/i.test(name)) return name;
  return name
    .replace(/^(?:,\s*|and\s+)+/i, '')
    .replace(/\s*,+$/, '')
    .trim();
}

/** Parses an integer written with thousands separators ("77,800"). */
export function parseCount(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number.parseInt(s.replace(/[,\s\u00a0\u202f]/g, ''), 10);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `href` resolved against `base` when it is an http(s) URL, else undefined (`javascript:`, `mailto:`, fragments
 * of nothing, malformed). Adapters give absolute links only.
 */
export function httpUrl(href: string | null | undefined, base: string | URL): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href.trim(), base);
    return isHttp(u) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const isHttp = (u: URL): boolean => u.protocol === 'https:' || u.protocol === 'http:';

/** Whether `url` is an http(s) URL on one of `hosts` (exact, lower-case host names): how a site claims a page. */
export function isHttpOn(url: URL, hosts: readonly string[] | ReadonlySet<string>): boolean {
  return isHttp(url) && ('has' in hosts ? hosts.has(url.hostname) : hosts.includes(url.hostname));
}

/**
 * Manifest match patterns for some paths on every one of a site's hosts (host by host, paths in the order given), so
 * that a site's hosts are written once and each adapter's patterns follow them.
 */
export function patternsOn(hosts: Iterable<string>, ...paths: string[]): string[] {
  return [...hosts].flatMap((h) => paths.map((p) => `https://${h}${p}`));
}

/** The first four-digit year (1800–2199) in a date or text ("2021/6", "June 2021", "2019-07-11"), else undefined. */
export function yearOf(s: string | null | undefined): number | undefined {
  const m = /(?:^|\D)(1[89]\d{2}|2[01]\d{2})(?!\d)/.exec(s ?? '');
  return m?.[1] ? Number(m[1]) : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntity(whole: string, name: string): string {
  if (name[0] === '#') {
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}

/**
 * The text of an HTML fragment held in an attribute (Highwire's `citation_abstract`): headings and reference marks
 * (`<sup>1,2</sup>` after a word) left out, inline tags dropped, block tags as spaces, entities decoded, whitespace
 * collapsed. A string operation: no element is created.
 */
export function htmlText(html: string): string {
  return collapse(
    html
      .replace(/<(h[1-6])\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/([^\d\s])<sup\b[^>]*>[\d,\s–-]+<\/sup>/gi, '$1')
      .replace(/<\/?(?:a|b|i|em|strong|sub|sup|span|u|sc|small|font|mml:[a-z]+)\b[^>]*>/gi, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity),
  );
}
