import type { Searcher } from './popup-store';
import type { Doc, SearchReply, SearchRequest } from './search';

/**
 * The popup's search index in a worker (entrypoints/popup/search-worker.ts). Requests made before `start` wait,
 * and of the queries only the last one does: the worker is started after the first paint.
 */
export class WorkerSearcher implements Searcher {
  private worker: Worker | undefined;
  private queue: SearchRequest[] = [];
  onReply: (reply: SearchReply) => void = () => {};

  /** `create`: the worker, made by the page (its URL is resolved by the bundler from the page's module). */
  constructor(private readonly create: () => Worker) {}

  start(): void {
    this.worker = this.create();
    this.worker.onmessage = (e: MessageEvent<SearchReply>) => this.onReply(e.data);
    this.worker.onerror = (e) =>
      this.onReply({ kind: 'error', message: e.message || 'the search worker failed' });
    for (const r of this.queue.splice(0)) this.worker.postMessage(r);
  }
  private send(r: SearchRequest): void {
    if (this.worker) this.worker.postMessage(r);
    else this.queue = [...this.queue.filter((x) => !(r.kind === 'query' && x.kind === 'query')), r];
  }
  query(seq: number, q: string): void {
    this.send({ kind: 'query', seq, q });
  }
  upsert(docs: Doc[]): void {
    this.send({ kind: 'upsert', docs });
  }
  remove(ids: string[]): void {
    this.send({ kind: 'remove', ids });
  }
}
