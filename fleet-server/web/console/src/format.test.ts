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

  it('writes a clock rounded up to the minute', () => {
    const t = fixedT('en');
    expect(formatDuration(5400, t)).toBe('1 h 30 min');
    expect(formatDuration(5339, t)).toBe('1 h 29 min');
    expect(formatDuration(61, t)).toBe('2 min');
    expect(formatDuration(-600, t)).toBe('10 min');
  });
});
