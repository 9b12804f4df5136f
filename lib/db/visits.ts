import type { SiteId } from '../paper';
import { siteOfAdapter, siteOfUrl } from '../sites/registry';
import { bound } from './bound';
import type { PaperSiftDb, VisitRecord } from './schema';

/** How many page visits are kept for site health. */
export const KEEP_VISITS = 200;

/**
 * Records a page visit (its site taken from the adapter, else the URL, unless given) and keeps only the last
 * `keep`. A visit of no known site is not recorded.
 */
export async function recordVisit(
  db: PaperSiftDb,
  visit: Omit<VisitRecord, 'id' | 'site'> & { site?: SiteId },
  keep = KEEP_VISITS,
): Promise<void> {
  const site = visit.site ?? siteOfAdapter(visit.adapter) ?? siteOfUrl(visit.url);
  if (!site) return;
  await db.transaction('rw', ['visits'], async (tx) => {
    const t = bound(tx, ['visits']);
    await t.visits.add({ ...visit, site });
    const n = await t.visits.count();
    if (n > keep) {
      const old = await t.visits
        .orderBy('id')
        .limit(n - keep)
        .primaryKeys();
      await t.visits.bulkDelete(old);
    }
  });
}

/** The visits kept, newest first. */
export async function listVisits(db: PaperSiftDb): Promise<VisitRecord[]> {
  return db.visits.orderBy('id').reverse().toArray();
}

/** One adapter's health over the visits kept. */
export interface AdapterHealth {
  site: VisitRecord['site'];
  adapter: string;
  visits: number;
  lastAt: number;
  /** Entries found on the last visits, newest first (at most 10). */
  recentEntries: number[];
  /** Visits that found no entry, newest first (at most 5). */
  empty: { at: number; url: string; warnings: string[] }[];
  /** Warnings of the last visit. */
  lastWarnings: string[];
}

/** Site health per adapter, from the visits (newest first, as `listVisits` returns them). */
export function siteHealth(visits: readonly VisitRecord[]): AdapterHealth[] {
  const by = new Map<string, AdapterHealth>();
  for (const v of visits) {
    let h = by.get(v.adapter);
    if (!h) {
      h = {
        site: v.site,
        adapter: v.adapter,
        visits: 0,
        lastAt: v.at,
        recentEntries: [],
        empty: [],
        lastWarnings: v.warnings,
      };
      by.set(v.adapter, h);
    }
    h.visits++;
    if (h.recentEntries.length < 10) h.recentEntries.push(v.entries);
    if (v.entries === 0 && h.empty.length < 5) h.empty.push({ at: v.at, url: v.url, warnings: v.warnings });
  }
  return [...by.values()].sort((a, b) => a.site.localeCompare(b.site) || a.adapter.localeCompare(b.adapter));
}
