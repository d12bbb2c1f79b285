// Locale formatting as technicians read it: percentages and dates per language, clocks in h/min.
import { describe, expect, it } from 'vitest';
import { fixedT } from './i18n';
import { formatDateTime, formatDuration, formatPercent } from './format';

describe('format', () => {
  it('writes percentages per locale', () => {
    expect(formatPercent(0.9712, 'en')).toBe('97.1%');
    expect(formatPercent(0.9712, 'fr')).toBe('97,1 %');
    expect(formatPercent(null, 'fr')).toBe('—');
  });

  it('writes dates in Ontario time, per locale', () => {
    expect(formatDateTime('2026-11-30T15:05:00Z', 'en')).toBe('Nov 30, 2026, 10:05 a.m.');
    expect(formatDateTime('2026-11-30T15:05:00Z', 'fr')).toBe('30 nov. 2026, 10 h 05');
  });

  it('never overstates time left: floored to the minute, "less than 1 min" under a minute', () => {
    const en = fixedT('en');
    const fr = fixedT('fr');
    expect(formatDuration(5400, en)).toBe('1 h 30 min');
    // 119.2 minutes left is 1 h 59 min, not "2 h 00 min".
    expect(formatDuration(119.2 * 60, en)).toBe('1 h 59 min');
    expect(formatDuration(119.2 * 60, fr)).toBe('1 h 59 min');
    expect(formatDuration(5339, en)).toBe('1 h 28 min');
    expect(formatDuration(61, en)).toBe('1 min');
    expect(formatDuration(59.9, en)).toBe('less than 1 min');
    expect(formatDuration(1, fr)).toBe('moins d’une minute');
  });

  it('rounds time over a limit up, so a breach is never understated', () => {
    const en = fixedT('en');
    expect(formatDuration(-600, en, 'over')).toBe('10 min');
    expect(formatDuration(1, en, 'over')).toBe('1 min');
    expect(formatDuration(119.2 * 60, en, 'over')).toBe('2 h 00 min');
  });
});
