// What a kiosk's page shows besides its live status (pure): its latest fleet events with the component each fault
// concerns, and its transactions by outcome. Neither holds personal data: events are state changes, and the counts
// are counts.
import { z } from 'zod';
import type { FleetEvent } from '@guichet/shared';

export const KioskEventView = z.object({
  at: z.string(),
  type: z.string(),
  component: z.string().nullable(),
  detail: z.string().nullable(),
});
export type KioskEventView = z.infer<typeof KioskEventView>;

/** How many of a kiosk's events its page lists. */
export const RECENT_EVENTS = 20;

/** The kiosk's last `limit` events, newest first; a fault's clearing names the component its detection did. */
export function recentKioskEvents(
  events: readonly FleetEvent[],
  kioskId: string,
  limit = RECENT_EVENTS,
): KioskEventView[] {
  const components = new Map<string, string>();
  const mine: KioskEventView[] = [];
  for (const e of events) {
    if (e.kioskId !== kioskId) continue;
    const faultId = 'faultId' in e ? e.faultId : undefined;
    if (e.type === 'fault.detected') components.set(e.faultId, e.component);
    const component = ('component' in e ? e.component : undefined) ?? (faultId ? components.get(faultId) : undefined);
    const detail = ('code' in e ? e.code : undefined) ?? ('reason' in e ? e.reason : undefined);
    mine.push({ at: e.at, type: e.type, component: component ?? null, detail: detail ?? null });
  }
  return mine.slice(-limit).reverse();
}

/** Transactions of the last TRANSACTION_DAYS days, by what became of them at the hub. */
export const TransactionCounts = z.object({
  days: z.number().int(),
  committed: z.number().int(),
  cancelled: z.number().int(),
  refused: z.number().int(),
  inProgress: z.number().int(),
});
export type TransactionCounts = z.infer<typeof TransactionCounts>;

export const TRANSACTION_DAYS = 30;
