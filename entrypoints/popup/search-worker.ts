// The popup's search index, in a worker: reads the saved papers itself (same extension origin) and builds the
// index off the main thread, so opening the popup and typing never wait for it. See lib/library/search.ts.
import { readLibraryIndex, readPapers } from '../../lib/db/lists';
import { PaperSiftDb } from '../../lib/db/schema';
import { SearchHost, type SearchReply, type SearchRequest, toDoc } from '../../lib/library/search';

const scope = self as unknown as {
  postMessage(message: SearchReply): void;
  onmessage: ((e: MessageEvent<SearchRequest>) => void) | null;
};
const host = new SearchHost((reply) => scope.postMessage(reply));
scope.onmessage = (e) => host.handle(e.data);

async function start(): Promise<void> {
  const db = new PaperSiftDb();
  const { memberships } = await readLibraryIndex(db);
  const rows = await readPapers(db, [...new Set(memberships.map((m) => m.paperId))]);
  db.close();
  await host.load(
    rows.map(({ paper, user }) => toDoc({ paper, ...(user ? { user } : {}), addedAt: {}, savedAt: 0 })),
  );
}

start().catch((err: unknown) => scope.postMessage({ kind: 'error', message: String(err) }));
