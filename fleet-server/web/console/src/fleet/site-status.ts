// Sites as the fleet view shows them (pure): each site's kiosks by status, and one site status — the worst of
// its kiosks — so a technician sees where to drive. Computed once per state version, not per render.
import type { ConsoleKiosk, ConsoleSite, KioskStatus } from '../live/console-types';

export type SiteStatus = 'down' | 'maintenance' | 'ok' | 'empty';

export interface SiteSummary {
  site: ConsoleSite;
  kiosks: ConsoleKiosk[];
  counts: Record<KioskStatus, number>;
  status: SiteStatus;
}

/** down: a kiosk offline or out of service; maintenance: a kiosk in maintenance; ok: all online. */
export function siteStatusOf(counts: Record<KioskStatus, number>): SiteStatus {
  const total = counts.online + counts.offline + counts['out-of-service'] + counts.maintenance;
  if (total === 0) return 'empty';
  if (counts.offline + counts['out-of-service'] > 0) return 'down';
  if (counts.maintenance > 0) return 'maintenance';
  return 'ok';
}

const ORDER: Record<SiteStatus, number> = { down: 0, maintenance: 1, ok: 2, empty: 3 };

/** Every site with its kiosks; sites needing attention first, then by name. */
export function siteSummaries(sites: Iterable<ConsoleSite>, kiosks: Iterable<ConsoleKiosk>): SiteSummary[] {
  const bySite = new Map<string, ConsoleKiosk[]>();
  for (const kiosk of kiosks) {
    const list = bySite.get(kiosk.siteId);
    if (list) list.push(kiosk);
    else bySite.set(kiosk.siteId, [kiosk]);
  }
  const summaries: SiteSummary[] = [];
  for (const site of sites) {
    const list = (bySite.get(site.id) ?? []).sort((a, b) => a.id.localeCompare(b.id));
    const counts: Record<KioskStatus, number> = { online: 0, offline: 0, 'out-of-service': 0, maintenance: 0 };
    for (const k of list) counts[k.status]++;
    summaries.push({ site, kiosks: list, counts, status: siteStatusOf(counts) });
  }
  return summaries.sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || (a.site.name ?? a.site.id).localeCompare(b.site.name ?? b.site.id),
  );
}

export function countByStatus(summaries: SiteSummary[]): Record<SiteStatus, number> {
  const counts: Record<SiteStatus, number> = { down: 0, maintenance: 0, ok: 0, empty: 0 };
  for (const s of summaries) counts[s.status]++;
  return counts;
}
