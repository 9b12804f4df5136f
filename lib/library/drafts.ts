/** What is typed into a paper's notes or tags (tags as typed: comma-separated). */
export interface Draft {
  notes?: string;
  tags?: string;
}

/** Waiting time after a keystroke before what is typed is saved. */
export const DRAFT_DELAY_MS = 400;

/** Tags as typed ("thesis, to-cite") → the tags ("thesis", "to-cite"). */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Saves notes and tags while they are typed: a change waits `delayMs` for the next keystroke, then `save` gets it;
 * `flush` hands over at once whatever waits (the editor loses the focus or closes, the popup is hidden or closes: a
 * toolbar popup closes as soon as it loses focus, and nothing typed may be lost then). `save` must send its write
 * before it returns or awaits anything but a microtask: a closing page runs no later task.
 */
export function createDrafts(save: (id: string, draft: Draft) => Promise<unknown>, delayMs = DRAFT_DELAY_MS) {
  const waiting = new Map<string, { draft: Draft; timer: ReturnType<typeof setTimeout> }>();

  /** Resolves when the writes it started are done. */
  async function flush(id?: string): Promise<void> {
    const started: Promise<unknown>[] = [];
    for (const [key, w] of [...waiting]) {
      if (id !== undefined && key !== id) continue;
      clearTimeout(w.timer);
      waiting.delete(key);
      started.push(save(key, w.draft));
    }
    await Promise.all(started);
  }

  return {
    /** What was typed into one paper's editor (the fields given replace the ones waiting). */
    put(id: string, change: Draft): void {
      const w = waiting.get(id);
      if (w) clearTimeout(w.timer);
      waiting.set(id, {
        draft: { ...w?.draft, ...change },
        timer: setTimeout(() => void flush(id), delayMs),
      });
    },
    /** Saves now what waits: one paper's, or every paper's. */
    flush,
    /** Something typed is not handed to `save` yet. */
    waiting(id: string): boolean {
      return waiting.has(id);
    },
  };
}
