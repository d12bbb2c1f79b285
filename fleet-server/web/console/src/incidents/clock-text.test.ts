// The repair clock as the technician reads it, in both languages: left floored, over rounded up.
import { describe, expect, it } from 'vitest';
import { fixedT } from '../i18n';
import { FIXTURE_AT, incidentFixture } from '../live/incident-fixture';
import { clockText } from './clock-text';

const AT = FIXTURE_AT;

const incident = (left: number, running = true) => incidentFixture('i', left, running);

describe('clock text', () => {
  it('says 1 h 59 min left, not 2 h 00 min, with 119.2 minutes left', () => {
    expect(clockText(incident(7152), AT, fixedT('en'))).toBe('1 h 59 min left');
    expect(clockText(incident(7152), AT, fixedT('fr'))).toBe('Reste 1 h 59 min');
  });

  it('says less than a minute in the last minute, and counts down from the server instant', () => {
    expect(clockText(incident(100), AT + 41_000, fixedT('en'))).toBe('less than 1 min left');
    expect(clockText(incident(100), AT + 41_000, fixedT('fr'))).toBe('Reste moins d’une minute');
    expect(clockText(incident(45, false), AT, fixedT('en'))).toBe(
      'Paused (outside service hours): less than 1 min left',
    );
  });

  it('rounds the time over up once breached', () => {
    expect(clockText(incident(-61), AT, fixedT('en'))).toBe('Breached: over by 2 min');
    expect(clockText(incident(10), AT + 10_500, fixedT('fr'))).toBe('Délai dépassé de 1 min');
  });
});
