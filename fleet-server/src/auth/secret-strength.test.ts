// The admin token's strength estimate, by value: length, classes × distinct characters, repeats and runs.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminTokenProblem, estimatedBits, repeatPeriod } from './secret-strength';

describe('admin token strength', () => {
  it('finds the period of a repeated pattern', () => {
    expect(repeatPeriod('abcabcabc')).toBe(3);
    expect(repeatPeriod('aaaa')).toBe(1);
    expect(repeatPeriod('abcabcab')).toBe(3);
    expect(repeatPeriod('abcd')).toBe(4);
  });

  it('estimates bits from classes, distinct characters, repeats and runs', () => {
    expect(estimatedBits('a'.repeat(64))).toBe(0);
    expect(estimatedBits('ab'.repeat(32))).toBe(2); // the pattern "ab": 2 characters × 1 bit
    expect(estimatedBits('abcdefghijklmnopqrstuvwxyz')).toBe(9); // 24 of 26 continue a run
    // One period counts; only 0, 1, a and b are not run continuations: 4 × log2(16 distinct).
    expect(estimatedBits('0123456789abcdef'.repeat(4))).toBe(4 * 4);
    expect(estimatedBits('Zq8!')).toBe(8); // 4 × log2(4 distinct), below the 95 of its classes
  });

  it('refuses short tokens and guessable long ones, without quoting them', () => {
    expect(adminTokenProblem('x'.repeat(31))).toMatch(/^must be at least 32 characters/);
    for (const weak of ['a'.repeat(40), 'abcd1234'.repeat(5), 'abcdefghijklmnopqrstuvwxyz0123456789']) {
      const problem = adminTokenProblem(weak);
      expect(problem).toMatch(/^is too guessable \(about \d+ bits estimated, at least 128 needed/);
      expect(problem).not.toContain(weak.slice(0, 8));
    }
    expect(adminTokenProblem(`${'Q7v!'.repeat(4)}zz${'x'.repeat(30)} y`)).toBe('must not contain spaces');
  });

  it('accepts what `openssl rand -base64 32` and `openssl rand -hex 32` make', () => {
    for (let i = 0; i < 200; i++) {
      expect(adminTokenProblem(crypto.randomBytes(32).toString('base64'))).toBeUndefined();
      expect(adminTokenProblem(crypto.randomBytes(32).toString('hex'))).toBeUndefined();
      expect(adminTokenProblem(crypto.randomBytes(32).toString('base64url'))).toBeUndefined();
    }
  });
});
