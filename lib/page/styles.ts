import type { PageTopic } from '../messaging/page';
import { FOLD_CSS } from './fold';

/** A colour we may put in a stylesheet: hex only (colours come from the user's settings, never raw into CSS). */
export function safeColor(c: string, fallback = '#475569'): string {
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(c) ? c : fallback;
}

function cssString(s: string): string {
  return `"${s.replace(/["\\\n\r]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The page-level rules: highlight of matching entries, dim/hide by the filter, keyboard focus. All are keyed on our
 * data attributes, so nothing of the page changes unless an entry carries them; none changes an element's box
 * (inset shadow, background tint, opacity, outline), except hiding, which the user asked for. On arXiv an entry is
 * a <dt> and the <dd> that follows it: rules cover both.
 */
export function pageCss(topics: readonly PageTopic[]): string {
  const both = (sel: string) => `${sel}, dt${sel} + dd`;
  const rules = [
    `${both('[data-papersift-match]')} { box-shadow: inset 4px 0 0 0 var(--papersift-c) !important; background-color: color-mix(in srgb, var(--papersift-c) 9%, transparent) !important; }`,
    `${both('[data-papersift-view="dim"]')} { opacity: 0.35 !important; }`,
    `${both('[data-papersift-view="hide"]')} { display: none !important; }`,
    `${both('[data-papersift-focus]')} { outline: 2px solid #f59e0b !important; outline-offset: 1px; }`,
    // j/k bring the focused entry's top here: its title and abstract in view, not under a sticky header.
    '[data-papersift-focus] { scroll-margin-top: 12vh; }',
    'papersift-bar { position: fixed !important; right: 12px; bottom: 12px; z-index: 2147483646; }',
    ...FOLD_CSS,
  ];
  for (const t of topics) {
    rules.push(
      `${both(`[data-papersift-match=${cssString(t.id)}]`)} { --papersift-c: ${safeColor(t.color)}; }`,
    );
  }
  return rules.join('\n');
}

/** Adds `css` to the document as an adopted sheet (a `<style>` where that is not supported); returns its removal. */
export function addPageSheet(doc: Document, css: string): { remove: () => void } {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return {
      remove: () => {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      },
    };
  } catch {
    const style = doc.createElement('style');
    style.textContent = css;
    (doc.head ?? doc.documentElement).append(style);
    return { remove: () => style.remove() };
  }
}
