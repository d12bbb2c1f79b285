// The one key of an incident across the fleet (human state, alerts, the console): the kiosk and the instant the SLA
// engine detected it, e.g. `K-001-1795123200000`. An engine incident is unique per kiosk and detection instant.

export function incidentId(kioskId: string, detectedAt: Date): string {
  return `${kioskId}-${detectedAt.getTime()}`;
}

/** The kiosk and detection instant of an id, or undefined when it is not one (kiosk ids may hold dashes). */
export function parseIncidentId(id: string): { kioskId: string; detectedAtMs: number } | undefined {
  const match = /^(.+)-(\d{1,15})$/.exec(id);
  if (!match) return undefined;
  return { kioskId: match[1]!, detectedAtMs: Number(match[2]) };
}
