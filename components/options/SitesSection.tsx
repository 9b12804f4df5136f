import type { AdapterHealth } from '../../lib/db/visits';
import { plural } from '../../lib/plural';
import { SITES, type SiteId, siteLabel } from '../../lib/sites/registry';
import { Section } from './Section';

const visitsText = (n: number) => plural(n, 'page visit');

export interface SitesSectionProps {
  sites: Record<SiteId, boolean>;
  health: readonly AdapterHealth[];
  onSite: (site: SiteId, enabled: boolean) => void;
}

/** Sites on/off, and each page kind's health: entries found on the last visits, visits that found none. */
export function SitesSection(p: SitesSectionProps) {
  return (
    <Section id="sites" title="Sites">
      <div class="flex gap-6">
        {SITES.map((s) => (
          <label key={s} class="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={p.sites[s]}
              onChange={(e) => p.onSite(s, e.currentTarget.checked)}
            />
            {siteLabel(s)}
          </label>
        ))}
      </div>
      <h3 class="mt-3 font-medium">
        Health{p.health.length > 0 && ` (last ${visitsText(p.health.reduce((n, h) => n + h.visits, 0))})`}
      </h3>
      {p.health.length === 0 ? (
        <p class="text-sm text-slate-600">No page visited yet.</p>
      ) : (
        <table class="mt-1 w-full text-sm" data-testid="site-health">
          <thead>
            <tr class="text-left text-slate-600">
              <th>Site</th>
              <th>Page kind</th>
              <th>Visits</th>
              <th>Entries found on the last visits</th>
              <th>Last visit</th>
            </tr>
          </thead>
          <tbody>
            {p.health.map((h) => (
              <tr key={h.adapter} class="border-t border-slate-100 align-top">
                <td class="py-1">{siteLabel(h.site)}</td>
                <td>{h.adapter}</td>
                <td>{h.visits}</td>
                <td>
                  {h.recentEntries.join(', ')}
                  {h.empty.length > 0 && (
                    <ul class="mt-1 text-red-800" data-testid="health-warning">
                      {h.empty.map((e) => (
                        <li key={`${e.at}${e.url}`}>
                          ⚠ no entry found on {e.url} ({new Date(e.at).toLocaleString()})
                          {e.warnings.length > 0 && `: ${e.warnings.join('; ')}`}
                        </li>
                      ))}
                    </ul>
                  )}
                  {h.lastWarnings.length > 0 && h.recentEntries[0] !== 0 && (
                    <div class="text-amber-800">⚠ {h.lastWarnings.join('; ')}</div>
                  )}
                </td>
                <td>{new Date(h.lastAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
