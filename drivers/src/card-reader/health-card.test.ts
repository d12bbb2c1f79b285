// Ontario health card on the ASSUMED layout of health-card-layout.ts.
import { describe, expect, it } from 'vitest';
import { hasHealthCardPrefix, parseHealthCard } from './health-card';

describe('parseHealthCard', () => {
  it('reads health number, version code, name, expiry and birth date, cross-checked with track 2', () => {
    expect(parseHealthCard('B6100541234567897^DOE/JANE^2711AB19800101', '6100541234567897=2711')).toEqual({
      kind: 'health-card',
      healthNumber: '1234-567-897',
      versionCode: 'AB',
      familyName: 'DOE',
      givenNames: 'JANE',
      expiry: '2027-11-30',
      birthDate: '1980-01-01',
    });
  });

  it('refuses a bad check digit, a missing version code, a track 2 that disagrees', () => {
    expect(() => parseHealthCard('B6100541234567898^DOE/JANE^2711AB19800101', undefined)).toThrow(
      expect.objectContaining({ code: 'CARD_LAYOUT_MISMATCH' }),
    );
    expect(() => parseHealthCard('B6100541234567897^DOE/JANE^271119800101', undefined)).toThrow(
      expect.objectContaining({ code: 'CARD_LAYOUT_MISMATCH' }),
    );
    expect(() => parseHealthCard('B6100541234567897^DOE/JANE^2711AB19800101', '6100549876543217=2711')).toThrow(
      expect.objectContaining({ code: 'CARD_LAYOUT_MISMATCH' }),
    );
    expect(() => parseHealthCard('B6100541234567897^DOE JANE^2711AB19800101', undefined)).toThrow(
      expect.objectContaining({ code: 'CARD_LAYOUT_MISMATCH' }),
    );
  });

  it('recognises its prefix on the raw bytes of either track', () => {
    expect(hasHealthCardPrefix(Buffer.from('%B6100541234'), Buffer.alloc(0))).toBe(true);
    expect(hasHealthCardPrefix(Buffer.alloc(0), Buffer.from(';6100541234'))).toBe(true);
    expect(hasHealthCardPrefix(Buffer.from('%B4556737586'), Buffer.from(';4556737586'))).toBe(false);
  });
});
