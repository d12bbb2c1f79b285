// A kiosk's recent events out of the fleet event log export (pure): what the kiosk page lists when the kiosk's own
// answer has none. The log holds state changes only (faults, maintenance), never personal data.
export interface KioskEvent {
  at: string;
  type: string;
  component?: string | null;
  detail?: string | null;
}

export const EVENT_DAYS = 7;
const EVENT_COUNT = 20;

/**
 * The kiosk's recent events from the fleet event log export (GET /api/v1/sla/events, NDJSON): fault detected and
 * cleared (with the fault's component), maintenance started and ended; newest first. Used when the kiosk's own
 * answer carries no `recentEvents`.
 */
export function recentEventsFromLog(ndjson: string, kioskId: string): KioskEvent[] {
  const components = new Map<string, string>();
  const events: KioskEvent[] = [];
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as {
      at: string;
      kioskId: string;
      type: string;
      faultId?: string;
      component?: string;
      code?: string;
      reason?: string;
    };
    if (e.kioskId !== kioskId) continue;
    if (e.type === 'fault.detected' && e.faultId && e.component) components.set(e.faultId, e.component);
    const component = e.component ?? (e.faultId ? components.get(e.faultId) : undefined) ?? null;
    events.push({ at: e.at, type: e.type, component, detail: e.code ?? e.reason ?? null });
  }
  return events.slice(-EVENT_COUNT).reverse();
}
