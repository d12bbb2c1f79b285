// The repair clock in words (pure), as the queue and the kiosk page show it: time left floored (never overstated),
// time over rounded up; a paused clock says why.
import type { TFunction } from 'i18next';
import { formatDuration } from '../format';
import type { ConsoleIncident } from '../live/console-types';
import { isBreached, secondsLeft } from '../live/repair-clock';

/** The clock in words; a paused clock says why: planned maintenance when the kiosk is in it, else service hours. */
export function clockText(incident: ConsoleIncident, serverNow: number, t: TFunction, inMaintenance = false): string {
  const left = secondsLeft(incident, serverNow);
  if (isBreached(incident, serverNow))
    return t('clock.breached', { time: formatDuration(Math.max(0, -left), t, 'over') });
  if (!incident.clockRunning)
    return t(inMaintenance ? 'clock.pausedMaintenance' : 'clock.paused', { time: formatDuration(left, t) });
  return t('clock.left', { time: formatDuration(left, t) });
}
