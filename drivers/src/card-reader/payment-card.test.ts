// Luhn, brands by IIN and payment-card detection on raw bytes (ISO/IEC 7812, 7813).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardBrand } from './card-brands';
import { luhnValid, luhnValidString } from './luhn';
import { findPaymentPan, looksFinancial, sightPaymentCard } from './payment-card';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('Luhn', () => {
  it('accepts known valid numbers and rejects a changed digit', () => {
    for (const pan of ['4556737586899855', '5555555555554444', '378282246310005', '6011111111111117', '79927398713'])
      expect(luhnValidString(pan)).toBe(true);
    expect(luhnValidString('4556737586899856')).toBe(false);
    expect(luhnValidString('79927398710')).toBe(false);
    expect(luhnValid(b('12a4'))).toBe(false);
  });

  it('property: one changed digit always breaks the check', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const digits = body.join('');
          const check = [...'0123456789'].find((c) => luhnValidString(digits + c)) as string;
          const pan = digits + check;
          const i = at % pan.length;
          const changed = pan.slice(0, i) + String((Number(pan[i]) + delta) % 10) + pan.slice(i + 1);
          expect(luhnValidString(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('card brands', () => {
  it('maps IIN ranges to brands', () => {
    const cases: Array<[string, string]> = [
      ['4556737586899855', 'visa'],
      ['5555555555554444', 'mastercard'],
      ['2221000000000009', 'mastercard'],
      ['378282246310005', 'amex'],
      ['6011111111111117', 'discover'],
      ['3530111333300000', 'jcb'],
      ['5892970000000000', 'interac'],
      ['9999999999999995', 'unknown'],
    ];
    for (const [pan, brand] of cases) expect(cardBrand(b(pan))).toBe(brand);
  });
});

describe('payment card detection', () => {
  it('finds a Luhn-valid PAN on track 1 format B or track 2, and sights only brand and last 4', () => {
    const pan = findPaymentPan(b('%B4556737586899855^TEST/CARD^2812101?'), b(''));
    expect(pan && sightPaymentCard(pan)).toEqual({ brand: 'visa', last4: '9855' });
    expect(findPaymentPan(b(''), b(';5555555555554444=2812?'))).toBeDefined();
  });

  it('ignores Luhn-invalid numbers, too-short numbers and non-format-B tracks', () => {
    expect(findPaymentPan(b('%B4556737586899856^X/Y^2812?'), b(''))).toBeUndefined();
    expect(looksFinancial(b('%B4556737586899856^X/Y^2812?'), b(''))).toBe(true);
    expect(findPaymentPan(b('%B42^X/Y^2812?'), b(';42=1?'))).toBeUndefined();
    expect(findPaymentPan(b('%ONTORONTO^DOE$JANE^1 MAIN^?'), b(''))).toBeUndefined();
  });
});
