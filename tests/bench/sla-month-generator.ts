// Generates a realistic month for the SLA benchmark: UK-scale fleet (sites with varied service hours and
// zones, closures, mid-month commissioning) and an event log of ~4 faults per kiosk, in docs/sla.md formats.
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';

type Hours = SitesFile['sites'][number]['hours'];
const all = (open: string, close: string) => [[open, close]] as [string, string][];

/** Service hours by kind of site, as the contract's sites have them. */
const HOURS: Record<string, Hours> = {
  mall: {
    mon: all('10:00', '21:00'),
    tue: all('10:00', '21:00'),
    wed: all('10:00', '21:00'),
    thu: all('10:00', '21:00'),
    fri: all('10:00', '21:00'),
    sat: all('09:30', '21:00'),
    sun: all('11:00', '17:00'),
  },
  library: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '20:00'],
    ],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '20:00'],
    ],
    wed: [
      ['09:00', '12:00'],
      ['13:00', '20:00'],
    ],
    thu: [
      ['09:00', '12:00'],
      ['13:00', '20:00'],
    ],
    fri: all('09:00', '17:00'),
    sat: all('10:00', '16:00'),
  },
  'service-centre': {
    mon: all('08:30', '17:30'),
    tue: all('08:30', '17:30'),
    wed: all('08:30', '17:30'),
    thu: all('08:30', '17:30'),
    fri: all('08:30', '16:30'),
  },
  station: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, all('00:00', '24:00')])),
  hospital: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, all('07:00', '22:00')]),
  ),
};
const KINDS = Object.keys(HOURS);
const ZONES = ['Europe/London', 'Europe/London', 'Europe/London', 'Europe/London', 'Europe/Dublin', 'Europe/Guernsey'];
const COMPONENTS = ['printer', 'payment', 'touch', 'network', 'software', 'power', 'card-reader'];

/** mulberry32: a small deterministic generator, so every run benchmarks the same month. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedMonth {
  sites: SitesFile;
  events: FleetEvent[];
  eventsText: string;
  from: Date;
  to: Date;
}

const OPENS = ['07:00', '07:30', '08:00', '08:30', '09:00', '09:30', '10:00'];
const CLOSES = ['17:00', '17:30', '18:00', '19:00', '20:00', '21:00', '22:00'];

/** A timetable of its own: each weekday opens and closes at one of the usual times, Sunday often closed. */
function ownTimetable(pick: <T>(list: readonly T[]) => T, rnd: () => number): Hours {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].filter((d) => d !== 'sun' || rnd() < 0.5);
  return Object.fromEntries(days.map((d) => [d, all(pick(OPENS), pick(CLOSES))]));
}

export function generateMonth(
  kioskCount: number,
  fromIso: string,
  toIso: string,
  faultsPerKiosk = 4,
  seed = 4,
  ownTimetables = false,
): GeneratedMonth {
  const rnd = random(seed);
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const span = to - from;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const siteCount = Math.ceil(kioskCount / 10);
  const sites: SitesFile['sites'] = Array.from({ length: siteCount }, (_, i) => {
    const kind = pick(KINDS);
    const closure = new Date(from + Math.floor(rnd() * span)).toISOString().slice(0, 10);
    const hours = ownTimetables && kind !== 'station' ? ownTimetable(pick, rnd) : HOURS[kind]!;
    return {
      id: `site-${i}`,
      name: `${kind} ${i}`,
      kind,
      timezone: pick(ZONES),
      hours,
      closures: rnd() < 0.3 ? [closure] : [],
    };
  });
  const kiosks: SitesFile['kiosks'] = Array.from({ length: kioskCount }, (_, i) => {
    const late = rnd() < 0.05 ? new Date(from + Math.floor(rnd() * span)).toISOString() : '2025-01-01T00:00:00.000Z';
    const gone = rnd() < 0.01 ? new Date(from + Math.floor(rnd() * span)).toISOString() : null;
    return {
      id: `K-${String(i).padStart(5, '0')}`,
      siteId: `site-${i % siteCount}`,
      commissionedAt: late,
      decommissionedAt: gone,
    };
  });
  const events: FleetEvent[] = [];
  let n = 0;
  for (const kiosk of kiosks) {
    const faults = Math.max(0, Math.round(faultsPerKiosk + (rnd() - 0.5) * 4));
    for (let f = 0; f < faults; f++) {
      const at = from + Math.floor(rnd() * span);
      const faultId = `F${++n}`;
      const since = rnd() < 0.1 ? { since: new Date(at - Math.floor(rnd() * 600_000)).toISOString() } : {};
      events.push({
        at: new Date(at).toISOString(),
        kioskId: kiosk.id,
        type: 'fault.detected',
        faultId,
        component: pick(COMPONENTS),
        ...since,
      });
      if (rnd() < 0.98) {
        const duration = Math.floor(300_000 + -Math.log(1 - rnd()) * 2 * 3_600_000);
        events.push({ at: new Date(at + duration).toISOString(), kioskId: kiosk.id, type: 'fault.cleared', faultId });
      }
    }
    if (rnd() < 0.5) {
      const start = from + Math.floor(rnd() * span);
      const maintenanceId = `M${++n}`;
      events.push({
        at: new Date(start).toISOString(),
        kioskId: kiosk.id,
        type: 'maintenance.started',
        maintenanceId,
        reason: 'planned service',
      });
      events.push({
        at: new Date(start + 3_600_000 + Math.floor(rnd() * 7_200_000)).toISOString(),
        kioskId: kiosk.id,
        type: 'maintenance.ended',
        maintenanceId,
      });
    }
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const eventsText = events.map((e) => `${JSON.stringify(e)}\n`).join('');
  return { sites: { sites, kiosks }, events, eventsText, from: new Date(from), to: new Date(to) };
}
