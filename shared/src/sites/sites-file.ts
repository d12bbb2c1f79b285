// The sites file of docs/sla.md: sites with IANA time zones and weekly service hours, and the kiosks
// installed at them. The fleet server loads it, exports it, and the SLA engine reads it.
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock time HH:MM, 00:00 to 24:00 ("24:00" closes at the next midnight). */
export const LocalTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a local time HH:MM between 00:00 and 24:00');

export const OpeningInterval = z
  .tuple([LocalTime, LocalTime])
  .refine(([open, close]) => open < close, { message: 'an opening interval must open before it closes' });

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().min(1).refine(isValidTimeZone, { message: 'not a known IANA time zone' });

export const IsoInstant = z.iso.datetime({ offset: true });
export const LocalDate = z.iso.date();

export const WeeklyHours = z.partialRecord(z.enum(WEEKDAYS), z.array(OpeningInterval));

export const Site = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  kind: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  /** The technicians' region the site belongs to (a technician may be bound to one). */
  region: z.string().min(1).optional(),
  /** WGS 84 position, for the console's map. */
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  timezone: TimeZone,
  hours: WeeklyHours,
  closures: z.array(LocalDate).optional(),
});
export type Site = z.infer<typeof Site>;

export const KioskRecord = z.looseObject({
  id: z.string().min(1),
  siteId: z.string().min(1),
  commissionedAt: IsoInstant.nullable().optional(),
  decommissionedAt: IsoInstant.nullable().optional(),
});
export type KioskRecord = z.infer<typeof KioskRecord>;

export const SitesFile = z.object({ sites: z.array(Site), kiosks: z.array(KioskRecord) }).superRefine((file, ctx) => {
  const siteIds = new Set<string>();
  file.sites.forEach((site, i) => {
    if (siteIds.has(site.id))
      ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `duplicate site id ${site.id}` });
    siteIds.add(site.id);
  });
  const kioskIds = new Set<string>();
  file.kiosks.forEach((kiosk, i) => {
    if (kioskIds.has(kiosk.id))
      ctx.addIssue({ code: 'custom', path: ['kiosks', i, 'id'], message: `duplicate kiosk id ${kiosk.id}` });
    kioskIds.add(kiosk.id);
    if (!siteIds.has(kiosk.siteId))
      ctx.addIssue({ code: 'custom', path: ['kiosks', i, 'siteId'], message: `unknown site ${kiosk.siteId}` });
  });
});
export type SitesFile = z.infer<typeof SitesFile>;
