// A maintenance refusal in the technician's words (pure): the fleet server's error codes
// (fleet-server/src/incidents/maintenance/maintenance-rules.ts and the kiosk routes) become sentences of the
// console in its language, with the window's instants as the console shows every date; the server's own English
// message is shown only for a code the console does not know.
import type { TFunction } from 'i18next';
import { formatDateTime } from '../format';
import type { Lang } from '../i18n';

import { MAX_MAINTENANCE_DAYS } from './maintenance-limits';

export { MAX_MAINTENANCE_DAYS };

export interface Refusal {
  code: string;
  message: string;
}

/** What the console sent (or the window it acted on), to say the refusal with its own instants. */
export interface RefusalContext {
  kioskId: string;
  start?: Date | string;
  end?: Date | string;
}

const KEYS: Record<string, string> = {
  MAINTENANCE_IN_PAST: 'maintenance.error.inPast',
  MAINTENANCE_BAD_WINDOW: 'maintenance.error.badWindow',
  MAINTENANCE_TOO_LONG: 'maintenance.error.tooLong',
  MAINTENANCE_BAD_REQUEST: 'maintenance.error.badRequest',
  KIOSK_UNKNOWN: 'maintenance.error.kioskUnknown',
  MAINTENANCE_UNKNOWN: 'maintenance.error.windowUnknown',
  MAINTENANCE_ALREADY_CANCELLED: 'maintenance.error.alreadyCancelled',
  MAINTENANCE_OVER: 'maintenance.error.over',
};

const iso = (d: Date | string | undefined): string | null =>
  d === undefined ? null : typeof d === 'string' ? d : Number.isNaN(d.getTime()) ? null : d.toISOString();

export function maintenanceRefusal(refusal: Refusal, context: RefusalContext, t: TFunction, lang: Lang): string {
  const key = KEYS[refusal.code];
  if (!key) return t('maintenance.refused', { message: refusal.message || refusal.code });
  return t(key, {
    id: context.kioskId,
    start: formatDateTime(iso(context.start), lang),
    end: formatDateTime(iso(context.end), lang),
    days: MAX_MAINTENANCE_DAYS,
  });
}
