import type { SiteId } from '../paper';
import { bound } from './bound';
import type { PaperSiftDb } from './schema';

// Settings are small key/value records. Keys are typed here; values are plain JSON. Absent key = default.

/** A built-in topic's user settings (absent fields: the built-in default). */
export interface BuiltinTopicSetting {
  enabled?: boolean;
  color?: string;
}

export interface SiteSetting {
  enabled: boolean;
}

export interface Settings {
  builtinTopics: Record<string, BuiltinTopicSetting>;
  sites: Partial<Record<SiteId, SiteSetting>>;
  /** Per site, the in-page filter bar's choice: an opaque JSON value defined by the page code, stored as given. */
  filterBars: Partial<Record<SiteId, unknown>>;
}

const TOPIC = 'topic:';
const SITE = 'site:';
const FILTER_BAR = 'filterBar:';

export async function getSetting(db: Pick<PaperSiftDb, 'settings'>, key: string): Promise<unknown> {
  return (await db.settings.get(key))?.value;
}

export async function putSetting(
  db: Pick<PaperSiftDb, 'settings'>,
  key: string,
  value: unknown,
): Promise<void> {
  if (value === undefined) await db.settings.delete(key);
  else await db.settings.put({ key, value });
}

/** Every setting, typed. */
export async function getSettings(db: Pick<PaperSiftDb, 'settings'>): Promise<Settings> {
  const out: Settings = { builtinTopics: {}, sites: {}, filterBars: {} };
  for (const { key, value } of await db.settings.toArray()) {
    if (key.startsWith(TOPIC)) out.builtinTopics[key.slice(TOPIC.length)] = value as BuiltinTopicSetting;
    else if (key.startsWith(SITE)) out.sites[key.slice(SITE.length) as SiteId] = value as SiteSetting;
    else if (key.startsWith(FILTER_BAR)) out.filterBars[key.slice(FILTER_BAR.length) as SiteId] = value;
  }
  return out;
}

/** Changes a built-in topic's on/off or colour (fields absent from `change` stay as they are). */
export async function setBuiltinTopic(
  db: PaperSiftDb,
  id: string,
  change: BuiltinTopicSetting,
): Promise<void> {
  await db.transaction('rw', ['settings'], async (tx) => {
    const t = bound(tx, ['settings']);
    const prev = ((await getSetting(t, TOPIC + id)) as BuiltinTopicSetting | undefined) ?? {};
    await putSetting(t, TOPIC + id, { ...prev, ...change });
  });
}

export async function setSiteEnabled(db: PaperSiftDb, site: SiteId, enabled: boolean): Promise<void> {
  await putSetting(db, SITE + site, { enabled });
}

/** Whether PaperSift works on a site (on unless turned off). */
export async function isSiteEnabled(db: PaperSiftDb, site: SiteId): Promise<boolean> {
  return ((await getSetting(db, SITE + site)) as SiteSetting | undefined)?.enabled ?? true;
}

export async function getFilterBar(db: PaperSiftDb, site: SiteId): Promise<unknown> {
  return getSetting(db, FILTER_BAR + site);
}

/** Stores the page code's filter-bar choice for a site as given (undefined deletes it). */
export async function putFilterBar(db: PaperSiftDb, site: SiteId, value: unknown): Promise<void> {
  await putSetting(db, FILTER_BAR + site, value);
}
