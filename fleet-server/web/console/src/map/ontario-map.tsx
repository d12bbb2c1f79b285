// The fleet map: Ontario's outline (committed vector data, no tiles) and every site with coordinates, projected
// with d3-geo. Status is shape + colour + a legend in words; the site list beside it is the keyboard and
// screen-reader way in, so the drawing itself is one labelled image.
import { useMemo, useState } from 'preact/hooks';
import { geoConicConformal, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import outline from './ontario-outline.json';
import { useT } from '../i18n';
import type { SiteStatus, SiteSummary } from '../fleet/site-status';
import { sitesBox } from './region-view';

const WIDTH = 640;
const HEIGHT = 560;
const PAD = 12;

/** Southern Ontario, where most sites are: the "South" view fits this box. */
const SOUTH: GeoPermissibleObjects = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [-83.2, 41.9],
        [-74.3, 41.9],
        [-74.3, 46.7],
        [-83.2, 46.7],
        [-83.2, 41.9],
      ],
    ],
  },
};

type View = 'province' | 'south' | 'region';

export function Marker({ status, x, y, size }: { status: SiteStatus; x: number; y: number; size: number }) {
  switch (status) {
    case 'down':
      return (
        <path
          class="mark down"
          d={`M${x},${y - size * 1.25}L${x + size * 1.15},${y + size * 0.85}L${x - size * 1.15},${y + size * 0.85}Z`}
        />
      );
    case 'maintenance':
      return (
        <rect class="mark maintenance" x={x - size * 0.85} y={y - size * 0.85} width={size * 1.7} height={size * 1.7} />
      );
    case 'ok':
      return <circle class="mark ok" cx={x} cy={y} r={size * 0.9} />;
    case 'empty':
      return <circle class="mark empty" cx={x} cy={y} r={size * 0.7} />;
  }
}

interface Label {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** City names, greedily: the city with most sites first, none overlapping a placed one. */
function cityLabels(points: { city: string; x: number; y: number }[], fontSize: number, gap: number): Label[] {
  const byCity = new Map<string, { n: number; x: number; y: number }>();
  for (const p of points) {
    const c = byCity.get(p.city) ?? { n: 0, x: 0, y: 0 };
    byCity.set(p.city, { n: c.n + 1, x: c.x + p.x, y: c.y + p.y });
  }
  const placed: Label[] = [];
  const cities = [...byCity.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  for (const [city, c] of cities) {
    const x = c.x / c.n;
    const y = c.y / c.n;
    if (x < 0 || x > WIDTH || y < 0 || y > HEIGHT) continue;
    // A label runs right of its point, about 0.58 em a letter: skip one that would touch another.
    const width = city.length * fontSize * 0.58 + gap * 2;
    if (placed.some((l) => x < l.x + l.width && l.x < x + width && Math.abs(l.y - y) < fontSize * 1.5)) continue;
    placed.push({ text: city, x, y, width });
  }
  return placed;
}

/** On a phone the drawing is shrunk about 1.8 times: bigger marks and labels (in drawing units) stay legible. */
function isNarrow(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches;
}

/**
 * `focus`: the region a technician is bound to, with its sites: the map starts fitted to those sites' coordinates
 * (a "region" view beside the province and the south), so a Toronto technician does not start on all of Ontario.
 */
export function OntarioMap({
  summaries,
  focus,
}: {
  summaries: SiteSummary[];
  focus?: { label: string; sites: SiteSummary[] };
}) {
  const { t } = useT();
  const focusBox = useMemo(() => (focus ? sitesBox(focus.sites.map((s) => s.site)) : null), [focus]);
  const [chosen, setView] = useState<View | null>(null);
  const view: View = chosen ?? (focusBox ? 'region' : 'province');
  const [narrow] = useState(isNarrow);
  const size = (view === 'province' ? 6 : 8) * (narrow ? 1.6 : 1);
  const fontSize = narrow ? 22 : 13;
  const drawing = useMemo(() => {
    const projection = geoConicConformal()
      .parallels([44, 53])
      .rotate([85, 0])
      .fitExtent(
        [
          [PAD, PAD],
          [WIDTH - PAD, HEIGHT - PAD],
        ],
        view === 'region' && focusBox ? focusBox : view === 'south' ? SOUTH : (outline as GeoPermissibleObjects),
      );
    const path = geoPath(projection)(outline as GeoPermissibleObjects) ?? '';
    const points: { summary: SiteSummary; x: number; y: number; city: string }[] = [];
    for (const summary of summaries) {
      const { latitude, longitude } = summary.site;
      if (latitude === null || longitude === null) continue;
      const xy = projection([longitude, latitude]);
      if (!xy) continue;
      points.push({ summary, x: xy[0], y: xy[1], city: summary.site.city ?? '' });
    }
    // Problems drawn last, so they sit on top of the healthy sites around them.
    const rank: Record<SiteStatus, number> = { empty: 0, ok: 1, maintenance: 2, down: 3 };
    points.sort((a, b) => rank[a.summary.status] - rank[b.summary.status]);
    return {
      path,
      points,
      labels: cityLabels(
        points.filter((p) => p.city),
        fontSize,
        size + 3,
      ),
    };
  }, [summaries, view, focusBox, fontSize, size]);

  const counts = { down: 0, maintenance: 0, ok: 0, empty: 0 };
  for (const s of summaries) counts[s.status]++;

  return (
    <figure class="map">
      <div class="map-tools" role="group" aria-label={t('map.view')}>
        <button type="button" aria-pressed={view === 'province'} onClick={() => setView('province')}>
          {t('map.province')}
        </button>
        <button type="button" aria-pressed={view === 'south'} onClick={() => setView('south')}>
          {t('map.south')}
        </button>
        {focus && focusBox && (
          <button type="button" aria-pressed={view === 'region'} onClick={() => setView('region')}>
            {focus.label}
          </button>
        )}
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('map.summary', { down: counts.down, maintenance: counts.maintenance, ok: counts.ok })}
        data-view={view}
      >
        <path class="province" d={drawing.path} />
        <g>
          {drawing.points.map((p) => (
            <g key={p.summary.site.id} data-site={p.summary.site.id} data-status={p.summary.status}>
              <Marker status={p.summary.status} x={p.x} y={p.y} size={size} />
            </g>
          ))}
        </g>
        <g class="labels" aria-hidden="true">
          {drawing.labels.map((l) => (
            <text key={l.text} x={l.x + size + 3} y={l.y + fontSize * 0.35} font-size={fontSize}>
              {l.text}
            </text>
          ))}
        </g>
      </svg>
      <figcaption>
        <ul class="legend">
          {(['down', 'maintenance', 'ok'] as const).map((status) => (
            <li key={status}>
              <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
                <Marker status={status} x={10} y={11} size={7} />
              </svg>
              {t(`siteStatus.${status}`)} <span class="count">({counts[status]})</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
