import { describe, expect, it } from 'vitest';
import { CentsSchema, NonNegativeCentsSchema, addCents, cents, subtractCents, sumCents } from './cents';

const guichetError = (code: string): unknown => expect.objectContaining({ name: 'GuichetError', code });

describe('cents', () => {
  it('accepts safe integers, negative ones included', () => {
    expect(cents(0)).toBe(0);
    expect(cents(-250)).toBe(-250);
    expect(cents(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([1.5, 0.1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, -(2 ** 60)])(
    'rejects %s with MONEY_NOT_INTEGER_CENTS',
    (value) => {
      expect(() => cents(value)).toThrow(guichetError('MONEY_NOT_INTEGER_CENTS'));
    },
  );

  it('adds, subtracts and sums exactly, and refuses to leave the safe range', () => {
    expect(addCents(cents(10), cents(-25))).toBe(-15);
    expect(subtractCents(cents(100), cents(1))).toBe(99);
    expect(sumCents([cents(1), cents(2), cents(3)])).toBe(6);
    expect(sumCents([])).toBe(0);
    expect(() => addCents(cents(Number.MAX_SAFE_INTEGER), cents(1))).toThrow(/safe integer/);
  });

  it('has zod schemas that reject fractions and, for prices, negatives', () => {
    expect(CentsSchema.parse(-5)).toBe(-5);
    expect(CentsSchema.safeParse(1.25).success).toBe(false);
    expect(CentsSchema.safeParse('100').success).toBe(false);
    expect(CentsSchema.safeParse(2 ** 53).success).toBe(false);
    expect(NonNegativeCentsSchema.safeParse(-1).success).toBe(false);
    expect(NonNegativeCentsSchema.parse(0)).toBe(0);
  });
});
