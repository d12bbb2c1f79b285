// What each alert says, in English and French: the kiosk, the site, what happened, the time left, the console link.
import { describe, expect, it } from 'vitest';
import type { Alert } from './evaluate-alerts';
import { consoleLink, formatDuration, renderAlert, type AlertDirectory } from './render-alert';

const directory: AlertDirectory = {
  kiosk: (id) => (id === 'K-001' ? { siteId: 'union' } : undefined),
  site: (id) => (id === 'union' ? { name: 'Union Station', timezone: 'America/Toronto' } : undefined),
};

const incident = {
  incidentId: 'K-001-1772463600000',
  kioskId: 'K-001',
  siteId: 'union',
  detectedAt: '2026-03-02T15:00:00.000Z',
  components: ['printer', 'network'],
  repairSecondsUsed: 7260.5,
  repairSecondsLeft: 0,
  withinSla: false,
};

describe('renderAlert', () => {
  it('says a breach in both languages with the clock, the local time and the console link', () => {
    const alert: Alert = {
      key: `incident.breached:${incident.incidentId}`,
      trigger: 'incident.breached',
      subject: incident.incidentId,
      audience: 'both',
      at: '2026-03-02T17:01:00.000Z',
      incident,
    };
    const rendered = renderAlert(alert, directory, 'https://fleet.example.org/');
    expect(rendered.subject).toBe(
      '[Guichet] Repair time exceeded / Délai de réparation dépassé — K-001 @ Union Station (union)',
    );
    expect(rendered.text.split('\n')).toEqual([
      'Repair time exceeded',
      '',
      'Kiosk: K-001',
      'Site: Union Station (union)',
      'Failed: receipt printer, network link (kiosk not heard from)',
      'Detected: 2026-03-02 10:00 America/Toronto (2026-03-02T15:00:00.000Z)',
      'Repair clock: 2 h 01 min used, limit exceeded',
      'Console: https://fleet.example.org/console/#/kiosks/K-001',
      '',
      '—— Français ——',
      '',
      'Délai de réparation dépassé',
      '',
      'Borne : K-001',
      'Site : Union Station (union)',
      'En panne : imprimante de reçus, liaison réseau (borne muette)',
      'Détectée : 2026-03-02 10:00 America/Toronto (2026-03-02T15:00:00.000Z)',
      'Délai de réparation : 2 h 01 min écoulées, limite dépassée',
      'Console : https://fleet.example.org/console/#/kiosks/K-001',
      '',
    ]);
    expect(Object.keys(rendered.body).sort()).toEqual(
      ['alertKey', 'at', 'console', 'incident', 'kioskId', 'siteId', 'siteName', 'subject', 'text', 'trigger'].sort(),
    );
  });

  it('gives the fleet fraction, the threshold and the kiosks down, with French decimal commas', () => {
    const alert: Alert = {
      key: 'fleet.degraded:2026-03-02T17:00:00.000Z',
      trigger: 'fleet.degraded',
      subject: '2026-03-02T17:00:00.000Z',
      audience: 'both',
      at: '2026-03-02T17:00:00.000Z',
      fleet: {
        operationalFraction: 0.9523,
        threshold: 0.97,
        upKiosks: 40,
        scheduledKiosks: 42,
        kiosksDown: ['K-001', 'K-002'],
      },
    };
    const { subject, text } = renderAlert(alert, directory);
    expect(subject).toBe('[Guichet] Fleet below 97.0 % operational / Parc sous 97,0 % opérationnel');
    expect(text).toContain('Operational: 95.2 % (40 of 42 scheduled kiosks)');
    expect(text).toContain('Opérationnel : 95,2 % (40 sur 42 bornes en service)');
    expect(text).toContain('Bornes en panne : K-001, K-002');
    expect(text).toContain('Console: /console/');
  });

  it('formats durations rounded down, and kiosk links escaped', () => {
    expect([0, 59, 60, 1799.9, 3600, 7199].map(formatDuration)).toEqual([
      '0 min',
      '0 min',
      '1 min',
      '29 min',
      '1 h 00 min',
      '1 h 59 min',
    ]);
    expect(consoleLink('K 1/2')).toBe('/console/#/kiosks/K%201%2F2');
  });
});
