import { describe, expect, it } from 'vitest';
import { DollarsSchema, parseDollars } from './parse-dollars';

const guichetError = (code: string): unknown => expect.objectContaining({ name: 'GuichetError', code });

describe('parseDollars', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['120', 12000],
    ['0.01', 1],
    ['0', 0],
    ['-0.00', 0],
    ['-3.07', -307],
    ['1.10', 110],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parses %s to %i cents', (text, expected) => {
    expect(parseDollars(text)).toBe(expected);
    expect(Object.is(parseDollars(text), -0)).toBe(false);
  });

  it.each(['', '12.505', '1,234.56', '$12', '1e3', ' 12', '12.', '.5', 'twelve', '+1', '-'])(
    'rejects %j with MONEY_BAD_DECIMAL',
    (text) => {
      expect(() => parseDollars(text)).toThrow(guichetError('MONEY_BAD_DECIMAL'));
    },
  );

  it('rejects amounts too large to count in cents', () => {
    expect(() => parseDollars('90071992547409.92')).toThrow(guichetError('MONEY_NOT_INTEGER_CENTS'));
  });

  it('works as a zod schema for configuration files', () => {
    expect(DollarsSchema.parse('120.00')).toBe(12000);
    const bad = DollarsSchema.safeParse('120,00');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/at most two decimals/);
  });
});
