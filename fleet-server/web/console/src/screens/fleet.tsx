// The fleet by site: counts, the map of Ontario, and the sites list by region (problems first). A site opens to
// its kiosks only when asked, so 10,000 kiosks do not become 10,000 links on first paint.
import { useMemo, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { formatNumber } from '../format';
import type { FleetState } from '../live/fleet-state';
import type { ConsoleKiosk } from '../live/console-types';
import { siteSummaries, type SiteSummary } from '../fleet/site-status';
import { OntarioMap, Marker } from '../map/ontario-map';
import { href } from '../route';

export function FleetScreen({ fleet }: { fleet: FleetState }) {
  const { t, lang } = useT();
  // A technician bound to a region (the fleet server scopes their snapshot to it) starts on that region: the
  // selector says so rather than "All regions", and the map starts fitted to its sites.
  const bound = fleet.principal.region;
  const [region, setRegion] = useState(bound ?? '');
  const all = useMemo(() => siteSummaries(fleet.sites.values(), fleet.kiosks.values()), [fleet.sites, fleet.kiosks]);
  const regions = useMemo(
    () => [...new Set([...all.map((s) => s.site.region ?? ''), bound ?? ''])].filter(Boolean).sort(),
    [all, bound],
  );
  const shown = region ? all.filter((s) => s.site.region === region) : all;
  const boundSites = useMemo(() => (bound ? all.filter((s) => s.site.region === bound) : []), [all, bound]);
  const focus = useMemo(
    () =>
      bound
        ? { label: t('map.region', { region: t(`region.${bound}`, { defaultValue: bound }) }), sites: boundSites }
        : undefined,
    [bound, boundSites, t],
  );

  const kioskCounts = { online: 0, offline: 0, 'out-of-service': 0, maintenance: 0 };
  for (const s of shown) for (const [k, n] of Object.entries(s.counts)) kioskCounts[k as keyof typeof kioskCounts] += n;

  return (
    <>
      <h1 tabIndex={-1}>{t('fleet.title')}</h1>
      <ul class="tiles" aria-label={t('fleet.kioskCounts')}>
        {(['online', 'out-of-service', 'offline', 'maintenance'] as const).map((status) => (
          <li key={status} class={`tile status-${status}`} data-count={status}>
            <span class="tile-number">{formatNumber(kioskCounts[status], lang)}</span>
            <span class="tile-label">{t(`kioskStatus.${status}`)}</span>
          </li>
        ))}
      </ul>
      <div class="filter">
        <label for="region">{t('fleet.region')}</label>
        <select id="region" value={region} onChange={(e) => setRegion(e.currentTarget.value)}>
          {!bound && <option value="">{t('fleet.allRegions')}</option>}
          {regions.map((r) => (
            <option key={r} value={r}>
              {t(`region.${r}`, { defaultValue: r })}
            </option>
          ))}
        </select>
      </div>
      <div class="fleet-layout">
        <OntarioMap summaries={shown} focus={focus} />
        <section class="sites" aria-labelledby="sites-heading">
          <h2 id="sites-heading">{t('fleet.sites', { count: shown.length })}</h2>
          <ul class="site-list">
            {shown.map((s) => (
              <SiteRow key={s.site.id} summary={s} />
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

function SiteRow({ summary }: { summary: SiteSummary }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState(false);
  const { site, counts, status, kiosks } = summary;
  const up = counts.online;
  return (
    <li class={`site site-${status}`} data-site={site.id} data-status={status}>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
            <Marker status={status} x={10} y={11} size={7} />
          </svg>
          <span class="site-name">{site.name ?? site.id}</span>
          <span class="site-meta">
            {site.city ?? ''} · <span class="site-status">{t(`siteStatus.${status}`)}</span> ·{' '}
            {t('fleet.upOf', { up: formatNumber(up, lang), total: formatNumber(kiosks.length, lang) })}
          </span>
        </summary>
        {open && (
          <ul class="kiosk-list">
            {kiosks.map((k) => (
              <KioskLink key={k.id} kiosk={k} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

function KioskLink({ kiosk }: { kiosk: ConsoleKiosk }) {
  const { t } = useT();
  return (
    <li data-kiosk={kiosk.id}>
      <a href={href.kiosk(kiosk.id)}>
        <span>
          {`${kiosk.id} — `}
          <span class={`status-text status-${kiosk.status}`}>{t(`kioskStatus.${kiosk.status}`)}</span>
          {kiosk.openFaults.length > 0 &&
            ` (${kiosk.openFaults.map((f) => t(`component.${f.component}`, { defaultValue: f.component })).join(', ')})`}
        </span>
      </a>
    </li>
  );
}
