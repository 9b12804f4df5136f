import type { TopicClassifier } from '../../../lib/classify/types';
import type { UserTopicsState } from '../../../lib/classify/user-state';
import { createList, readLibraryIndex, readPapers } from '../../../lib/db/lists';
import { setSaved } from '../../../lib/db/papers';
import { DEFAULT_LIST_ID, type PaperSiftDb } from '../../../lib/db/schema';
import { setNotes, setStatus, setTags } from '../../../lib/db/user';
import { type LibraryItem, membershipsByPaper } from '../../../lib/library/items';
import { createOptionsStore, type ImportFile } from '../../../lib/library/options-store';
import { LibraryService } from '../../../lib/service/library';
import { ModelCache } from '../../../lib/service/model';
import { probeClassify, recordSeen, samplePapers } from '../db/fixtures';

export const papers = samplePapers();

/**
 * A library of the 36 sample papers: all recorded, the first 30 saved (a day apart, newest = index 29), 10 of them
 * also in "Thesis"; statuses, notes and tags on a few.
 */
export async function buildLibrary(db: PaperSiftDb): Promise<{ thesisId: string }> {
  await recordSeen(db, papers, probeClassify, 1_000);
  const day = 86_400_000;
  const t0 = Date.UTC(2026, 6, 1);
  for (const [i, p] of papers.slice(0, 30).entries())
    await setSaved(db, p, true, probeClassify, t0 + i * day);
  const thesis = await createList(db, 'Thesis', t0);
  for (const [i, p] of papers.slice(0, 10).entries())
    await setSaved(db, p, true, probeClassify, t0 + 40 * day + i, thesis.id);
  const id = (i: number) => papers[i]?.id as string;
  await setStatus(db, [id(0), id(1)], 'read', t0);
  await setStatus(db, [id(2)], 'reading', t0);
  await setNotes(
    db,
    id(3),
    'Compare with the halting gates of\nthe looped transformer "paper" (§3, 50% faster; a & b)',
    t0,
  );
  await setTags(db, id(3), ['thesis', 'to-cite'], t0);
  await setTags(db, id(4), ['baseline'], t0);
  return { thesisId: thesis.id };
}

export async function loadItems(db: PaperSiftDb): Promise<Map<string, LibraryItem>> {
  const { memberships } = await readLibraryIndex(db);
  const byPaper = membershipsByPaper(memberships);
  const rows = await readPapers(db, [...byPaper.keys()]);
  return new Map(
    rows.map(({ paper, user }) => {
      const m = byPaper.get(paper.id) ?? { addedAt: {}, savedAt: 0 };
      return [paper.id, { paper, ...(user ? { user } : {}), addedAt: m.addedAt, savedAt: m.savedAt }];
    }),
  );
}

export { DEFAULT_LIST_ID };

/**
 * The options page's store on a database, its writes handled by a LibraryService on the same database with the
 * topic model `build` makes (as the background's), and the files it downloads.
 */
export function optionsPage(
  db: PaperSiftDb,
  build: (state: UserTopicsState) => TopicClassifier,
  now: number,
) {
  const models = new ModelCache(db, build);
  const library = new LibraryService(
    db,
    () => now,
    () => {},
    models,
  );
  const downloads: { text: string; name: string; mime: string }[] = [];
  const store = createOptionsStore(db, (req) => library.handle(req), {
    download: (text, name, mime) => downloads.push({ text, name, mime }),
    now: () => now,
  });
  return { store, downloads, library, models };
}

/** A file as the options page's import reads it. */
export const importFile = (name: string, text: string): ImportFile => ({
  name,
  size: text.length,
  text: async () => text,
});
