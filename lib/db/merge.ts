import type { PaperRecord, PaperUserRecord } from '../shapes';

// How two copies of one paper's data combine: a later sighting over the stored record, an imported record over the
// local one, two records found to be one paper (lib/db/identity.ts), two users' rows of one paper. Ids and the
// title key are set by identity.ts `keyed` after the merge.

type Optional = 'abstract' | 'snippet' | 'pdfUrl' | 'year' | 'venue';

/** Each optional field from `first` when it has it, else from `second`; the longer abstract of the two. */
function optionals(first: PaperRecord, second: PaperRecord): Pick<PaperRecord, Optional> {
  const out: Pick<PaperRecord, Optional> = {};
  for (const k of ['snippet', 'pdfUrl', 'year', 'venue'] as const) {
    const value = first[k] ?? second[k];
    if (value !== undefined) (out as Record<string, unknown>)[k] = value;
  }
  const abstract =
    (second.abstract?.length ?? 0) > (first.abstract?.length ?? 0) ? second.abstract : first.abstract;
  if (abstract) out.abstract = abstract;
  return out;
}

/** Sites, first and last sighting of both, and the first reading of either. */
function sightings(
  a: PaperRecord,
  b: PaperRecord,
): Pick<PaperRecord, 'sites' | 'firstSeen' | 'lastSeen' | 'viewedAt'> {
  const viewed = [a.viewedAt, b.viewedAt].filter((t): t is number => t !== undefined);
  return {
    sites: [...a.sites, ...b.sites.filter((s) => !a.sites.includes(s))],
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    ...(viewed.length ? { viewedAt: Math.min(...viewed) } : {}),
  };
}

/**
 * A record written later over whatever the database holds by then (another context may have written the paper
 * meanwhile): the later metadata and classification (authors and categories only when it has some), the earliest
 * first sighting and the latest last one, sites united, the richer abstract, the first link.
 */
export function mergeRecords(current: PaperRecord, next: PaperRecord): PaperRecord {
  const { abstract: _a, snippet: _s, pdfUrl: _p, year: _y, venue: _v, ...rest } = next;
  const { pdfUrl: _later, ...fields } = optionals(next, current);
  const pdfUrl = current.pdfUrl ?? next.pdfUrl;
  return {
    ...rest,
    ...fields,
    ...(pdfUrl ? { pdfUrl } : {}),
    // A page that shows no authors or categories does not erase them.
    authors: next.authors.length ? next.authors : current.authors,
    categories: next.categories.length ? next.categories : current.categories,
    url: current.url,
    ...sightings(current, next),
  };
}

/** Merges a paper known locally with the same paper from a file: the richer data wins, nothing is dropped. */
export function mergePaper(local: PaperRecord, incoming: PaperRecord): PaperRecord {
  // The more recent classification wins; a record without any (a BibTeX entry) never replaces one.
  const classified = (p: PaperRecord) => Object.keys(p.scores).length > 0;
  const newer =
    classified(incoming) && (!classified(local) || incoming.lastSeen > local.lastSeen) ? incoming : local;
  return {
    id: local.id,
    title: local.title || incoming.title,
    authors: local.authors.length ? local.authors : incoming.authors,
    ...optionals(local, incoming),
    url: local.url,
    categories: local.categories.length ? local.categories : incoming.categories,
    ...sightings(local, incoming),
    topics: newer.topics,
    scores: newer.scores,
    evidence: newer.evidence,
  };
}

/** Per-paper user data: the newer record's status, notes and dismissal win; tags are the union. */
export function mergeUser(local: PaperUserRecord, incoming: PaperUserRecord): PaperUserRecord {
  const [older, newer] = incoming.updatedAt >= local.updatedAt ? [local, incoming] : [incoming, local];
  const seen = new Set<string>();
  const tags = [...newer.tags, ...older.tags].filter((t) => {
    const k = t.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const status = newer.status ?? older.status;
  const notes = newer.notes ?? older.notes;
  const dismissedAt = newer.dismissedAt ?? older.dismissedAt;
  return {
    id: local.id,
    ...(status ? { status } : {}),
    ...(notes ? { notes } : {}),
    tags,
    ...(dismissedAt !== undefined ? { dismissedAt } : {}),
    updatedAt: newer.updatedAt,
  };
}
