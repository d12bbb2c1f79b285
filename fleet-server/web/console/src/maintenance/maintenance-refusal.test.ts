// A maintenance refusal in the technician's language, with instants in Ontario time as the console writes them.
import { describe, expect, it } from 'vitest';
import { fixedT } from '../i18n';
import { maintenanceRefusal } from './maintenance-refusal';

const context = { kioskId: 'K-002', start: new Date('2026-12-01T13:00:00Z'), end: new Date('2026-12-11T13:00:00Z') };
const say = (code: string, lang: 'en' | 'fr', message = 'raw server words 2026-12-01T13:00:00.000Z') =>
  maintenanceRefusal({ code, message }, context, fixedT(lang), lang);

describe('maintenance refusal', () => {
  it('says a window in the past with its start in local time, in both languages', () => {
    expect(say('MAINTENANCE_IN_PAST', 'en')).toBe(
      'The start, Dec 1, 2026, 8:00 a.m., is already past: maintenance can only be planned ahead, because downtime cannot be excused after the fact.',
    );
    expect(say('MAINTENANCE_IN_PAST', 'fr')).toBe(
      'Le début, 1 déc. 2026, 08 h 00, est déjà passé : un entretien se planifie seulement à l’avance, car un arrêt ne peut pas être excusé après coup.',
    );
  });

  it('says a window too long with the seven-day limit, and an end before its start', () => {
    expect(say('MAINTENANCE_TOO_LONG', 'en')).toBe(
      'A window may last at most 7 days (Dec 1, 2026, 8:00 a.m. to Dec 11, 2026, 8:00 a.m. is longer): plan longer work as several windows.',
    );
    expect(say('MAINTENANCE_TOO_LONG', 'fr')).toBe(
      'Une plage peut durer au plus 7 jours (du 1 déc. 2026, 08 h 00 au 11 déc. 2026, 08 h 00, c’est plus long) : planifiez les longs travaux en plusieurs plages.',
    );
    expect(say('MAINTENANCE_BAD_WINDOW', 'fr')).toBe(
      'La fin, 11 déc. 2026, 08 h 00, doit suivre le début, 1 déc. 2026, 08 h 00.',
    );
  });

  it('never shows the server’s English or UTC instants for a code it knows', () => {
    for (const code of [
      'MAINTENANCE_IN_PAST',
      'MAINTENANCE_BAD_WINDOW',
      'MAINTENANCE_TOO_LONG',
      'MAINTENANCE_BAD_REQUEST',
      'KIOSK_UNKNOWN',
      'MAINTENANCE_UNKNOWN',
      'MAINTENANCE_ALREADY_CANCELLED',
      'MAINTENANCE_OVER',
    ])
      for (const lang of ['en', 'fr'] as const) {
        const text = say(code, lang);
        expect(text, `${code} ${lang}`).not.toMatch(/raw server words|\d{4}-\d\d-\d\dT|maintenance\.error/);
        expect(text.length, `${code} ${lang}`).toBeGreaterThan(10);
      }
    expect(say('KIOSK_UNKNOWN', 'fr')).toBe('Le serveur du parc ne connaît pas la borne K-002.');
    expect(say('MAINTENANCE_BAD_REQUEST', 'en')).toBe(
      'The fleet server did not accept this plan: enter a start, an end and a reason (500 characters at most).',
    );
  });

  it('falls back to the server’s message only for a code it does not know', () => {
    expect(say('SOMETHING_NEW', 'fr', 'new rule')).toBe('Refusé par le serveur du parc : new rule');
    expect(say('SOMETHING_NEW', 'en', '')).toBe('Refused by the fleet server: SOMETHING_NEW');
  });
});
