/** Longest slice of our work per task, in ms (a long task is 50 ms). */
export const SLICE_MS = 8;

/**
 * Lets the page run (input, rendering) between two slices of our work, and comes back as soon as it can:
 * `scheduler.yield()` where there is one, else a message to ourselves (a timeout would be clamped to 4 ms).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Runs `fn` when the page is idle (soon: at most 50 ms later), never in the middle of the page's own work. */
export function whenIdle(win: Window | null, fn: () => void): void {
  if (win?.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 50 });
  else setTimeout(fn, 0);
}

/** Resolves at DOMContentLoaded (at once when the document is parsed). */
export function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** One stylesheet shared by every shadow root (constructable, adopted), or a <style> copy where that fails. */
export function styleInstaller(css: string): (root: ShadowRoot) => void {
  const copy = (root: ShadowRoot) => {
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.append(style);
  };
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return (root) => {
      try {
        root.adoptedStyleSheets = [sheet];
      } catch {
        // Firefox content scripts cannot hand a sheet they built to the page's shadow root (Xray wrappers).
        copy(root);
      }
    };
  } catch {
    return copy;
  }
}
