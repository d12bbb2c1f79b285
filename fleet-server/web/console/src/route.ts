// The console's hash routes (pure): #/ fleet, #/incidents, #/kiosks/<id>, #/maintenance[/<kioskId>], #/sla.
export type Route =
  | { screen: 'fleet' }
  | { screen: 'incidents' }
  | { screen: 'kiosk'; kioskId: string }
  | { screen: 'maintenance'; kioskId?: string }
  | { screen: 'sla' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'incidents':
      return { screen: 'incidents' };
    case 'kiosks':
      return parts[1] ? { screen: 'kiosk', kioskId: parts[1] } : { screen: 'fleet' };
    case 'maintenance':
      return parts[1] ? { screen: 'maintenance', kioskId: parts[1] } : { screen: 'maintenance' };
    case 'sla':
      return { screen: 'sla' };
    default:
      return { screen: 'fleet' };
  }
}

export const href = {
  fleet: '#/',
  incidents: '#/incidents',
  kiosk: (id: string) => `#/kiosks/${encodeURIComponent(id)}`,
  maintenance: (id?: string) => (id ? `#/maintenance/${encodeURIComponent(id)}` : '#/maintenance'),
  sla: '#/sla',
};
