/**
 * Reading the page: its entries, in slices of work that never block the page for long, while it loads when the
 * adapter can; and sending them to the background, which classifies and records them and answers with verdicts.
 */
import type { PageSeenReply } from '../messaging/page';
import type { ErrorReply } from '../messaging/protocol';
import { extractPageSteps } from '../sites';
import type { Extraction, FoundPaper, ProgressiveReader } from '../sites/types';
import { isError, type PageContext } from './context';
import type { Entry } from './entries';
import { parsed, SLICE_MS, yieldToPage } from './schedule';

/** Papers per pageSeen message: small enough that serialising one never blocks the page for long. */
const CHUNK = 250;
/** The first message is smaller: the first screens come back first. */
const FIRST_CHUNK = 50;
/** While the page loads, its entries are read this often (ms): a timer runs between the parser's chunks. */
const PUMP_MS = 25;
/** ... in bites of this many entries (a few ms of work), as many as fit in a slice. */
const PUMP_BITE = 100;

/** The whole page's extraction, in slices (a 2,000-entry listing is never one long task). Undefined if stopped. */
export async function extractInSlices(
  ctx: PageContext,
  url: string,
): Promise<(Extraction & { adapter?: string }) | undefined> {
  const steps = extractPageSteps(ctx.doc, url);
  let ts = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) {
      ctx.stats.extractMs += performance.now() - ts;
      ctx.step(ts);
      return r.value;
    }
    if (performance.now() - ts > SLICE_MS) {
      ctx.step(ts);
      ctx.stats.extractMs += performance.now() - ts;
      await yieldToPage();
      if (ctx.stopped) return undefined;
      ts = performance.now();
    }
  }
}

/**
 * The background classifies and records the entries: it reads what it knows of them (never waiting on a write:
 * it writes a moment later, in one go), classifies them on its own thread and answers. Each chunk is serialised
 * in a task of its own (never a long one); all are in flight at once and answered in turn, and each answer is
 * handed to `apply` as it comes, the first screens first. Returns how many entries the background refused.
 */
export async function sendForVerdicts(
  ctx: PageContext,
  fresh: Entry[],
  url: string,
  apply: (chunk: Entry[], reply: PageSeenReply) => void,
): Promise<number> {
  const adapter = ctx.adapter?.id ?? '';
  const chunks: Entry[][] = [];
  for (let i = 0; i < fresh.length; ) {
    const size = i === 0 ? FIRST_CHUNK : CHUNK;
    chunks.push(fresh.slice(i, i + size));
    i += size;
  }
  const replies: Promise<PageSeenReply | ErrorReply>[] = [];
  for (const [k, chunk] of chunks.entries()) {
    if (k > 0) await yieldToPage();
    if (ctx.stopped) return 0;
    replies.push(
      ctx.api
        .pageSeen({
          url,
          adapter,
          visitStartedAt: ctx.options.visitStartedAt,
          papers: chunk.map((e) => e.meta),
        })
        .catch((e: unknown) => ({ error: String(e) })),
    );
  }
  let refused = 0;
  for (const [k, chunk] of chunks.entries()) {
    const reply = await replies[k];
    if (ctx.stopped) return refused;
    if (isError(reply)) {
      ctx.warn(`background refused the page: ${reply?.error ?? 'no reply'}`);
      continue;
    }
    const t = performance.now();
    ctx.stats.backgroundClassifyMs += reply.timing?.classifyMs ?? 0;
    ctx.stats.backgroundTotalMs += reply.timing?.totalMs ?? 0;
    refused += reply.rejected.length;
    for (const r of reply.rejected)
      ctx.warn(`entry ${chunk[r.index]?.meta.id ?? r.index} not recorded: ${r.reason}`);
    apply(chunk, reply);
    ctx.step(t);
  }
  return refused;
}

/**
 * The first load of a long listing, read as the parser builds it: `onFresh` gets the entries the parser has
 * finished, slice by slice, while the page is still loading, so that by DOMContentLoaded little is left. Resolves
 * with the adapter's final extraction once the document is parsed and read (undefined if stopped).
 */
export async function readWhileLoading(
  ctx: PageContext,
  reader: ProgressiveReader,
  onFresh: (papers: FoundPaper[]) => void,
): Promise<Extraction | undefined> {
  // Reads what the parser has finished, in bites, for one slice of time (a parser chunk can finish a thousand
  // entries at once). Says whether it found any.
  const readSlice = (done: boolean): boolean => {
    const t = performance.now();
    const fresh: FoundPaper[] = [];
    do {
      const papers = reader.next(done, PUMP_BITE);
      if (!papers.length) break;
      fresh.push(...papers);
    } while (performance.now() - t < SLICE_MS);
    ctx.stats.extractMs += performance.now() - t;
    if (fresh.length) onFresh(fresh);
    ctx.step(t);
    return fresh.length > 0;
  };
  // While the page loads, a timer: it runs between the parser's chunks and costs the parser nothing (a
  // MutationObserver on the document would queue a record for every node inserted: +100 ms of parsing on the
  // 2,000-entry page).
  ctx.guard(() => readSlice(false));
  const ticker = setInterval(() => ctx.guard(() => readSlice(false)), PUMP_MS);
  await parsed(ctx.doc);
  clearInterval(ticker);
  if (ctx.stopped) return undefined;
  // What is left, a slice a task.
  while (readSlice(true)) {
    await yieldToPage();
    if (ctx.stopped) return undefined;
  }
  return reader.finish();
}
