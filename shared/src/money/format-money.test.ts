import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from './cents';
import { centsToDecimalString, formatCents } from './format-money';
import { parseDollars } from './parse-dollars';

describe('formatCents', () => {
  it('formats Canadian English amounts', () => {
    expect(formatCents(cents(100), 'en-CA')).toBe('$1.00');
    expect(formatCents(cents(123456), 'en-CA')).toBe('$1,234.56');
    expect(formatCents(cents(5), 'en-CA')).toBe('$0.05');
    expect(formatCents(cents(-123456), 'en-CA')).toBe('-$1,234.56');
  });

  it('formats Canadian French amounts with plain spaces (no-break and narrow no-break spaces normalised)', () => {
    expect(formatCents(cents(100), 'fr-CA')).toBe('1,00 $');
    expect(formatCents(cents(123456), 'fr-CA')).toBe('1 234,56 $');
    expect(formatCents(cents(123456789), 'fr-CA')).toBe('1 234 567,89 $');
    expect(formatCents(cents(-123456), 'fr-CA')).toBe('-1 234,56 $');
  });

  it('never prints a negative zero and marks US dollars when asked', () => {
    expect(formatCents(cents(0), 'en-CA')).toBe('$0.00');
    expect(formatCents(cents(-0), 'fr-CA')).toBe('0,00 $');
    expect(formatCents(cents(100), 'en-CA', 'USD')).toBe('US$1.00');
  });

  it('formats amounts beyond float precision in dollars exactly', () => {
    expect(formatCents(cents(Number.MAX_SAFE_INTEGER), 'en-CA')).toBe('$90,071,992,547,409.91');
  });

  it('has only ASCII spaces, and its exact decimal string parses back to the same cents', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('en-CA' as const, 'fr-CA' as const), (n, locale) => {
        const text = formatCents(cents(n), locale);
        expect(text).not.toMatch(/[\u00a0\u202f\u2212]/);
        expect(parseDollars(centsToDecimalString(cents(n)))).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
