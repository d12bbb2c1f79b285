// Card brands by IIN prefix range (ISO/IEC 7812 issuer identification numbers as published by the networks:
// Visa 4; Mastercard 51-55 and 2221-2720; Amex 34, 37; Discover 6011, 644-649, 65; JCB 3528-3589;
// Diners 300-305, 36, 38-39; UnionPay 62). Interac-only debit cards use 589297 (Canadian ATM/POS debit).
export type CardBrand =
  'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'interac' | 'unknown';

interface BrandRange {
  brand: Exclude<CardBrand, 'unknown'>;
  /** Inclusive range over the first `digits` digits of the PAN. */
  digits: number;
  from: number;
  to: number;
}

/** Longest prefixes first, so a narrower range wins over a wider one. */
export const BRAND_RANGES: readonly BrandRange[] = [
  { brand: 'interac', digits: 6, from: 589297, to: 589297 },
  { brand: 'mastercard', digits: 4, from: 2221, to: 2720 },
  { brand: 'discover', digits: 4, from: 6011, to: 6011 },
  { brand: 'jcb', digits: 4, from: 3528, to: 3589 },
  { brand: 'diners', digits: 3, from: 300, to: 305 },
  { brand: 'discover', digits: 3, from: 644, to: 649 },
  { brand: 'amex', digits: 2, from: 34, to: 34 },
  { brand: 'amex', digits: 2, from: 37, to: 37 },
  { brand: 'diners', digits: 2, from: 36, to: 36 },
  { brand: 'diners', digits: 2, from: 38, to: 39 },
  { brand: 'mastercard', digits: 2, from: 51, to: 55 },
  { brand: 'unionpay', digits: 2, from: 62, to: 62 },
  { brand: 'discover', digits: 2, from: 65, to: 65 },
  { brand: 'visa', digits: 1, from: 4, to: 4 },
];

/** Brand of a PAN given as ASCII digit bytes (never turned into a string). */
export function cardBrand(pan: Uint8Array): CardBrand {
  for (const range of BRAND_RANGES) {
    if (pan.length < range.digits) continue;
    let prefix = 0;
    for (let i = 0; i < range.digits; i++) prefix = prefix * 10 + ((pan[i] as number) - 0x30);
    if (prefix >= range.from && prefix <= range.to) return range.brand;
  }
  return 'unknown';
}
