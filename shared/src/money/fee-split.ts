// Exact split of an amount between parties by integer weights (docs/domain.md "Money": a split never loses or
// invents a cent; the parts add up to the whole, with a stated rounding rule).
//
// Rounding rule — largest remainder (Hamilton): each party first gets floor(total × weight / Σweights) cents;
// the cents left over (fewer than the number of parties) go one each to the parties with the largest
// remainders (total × weight mod Σweights); equal remainders are broken by the order the parties are listed,
// earlier first. So every part is its exact share rounded down or up by less than one cent, and the same
// input always gives the same split. A negative total (a refund) is split as its absolute value, then negated,
// so a refund exactly reverses the split of the charge. Products are computed in BigInt: no overflow, no floats.
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import type { Cents } from './cents';
import { cents } from './cents';

/** A party that receives part of a fee: `province`, `contractor`, `state`, `portal`, … */
export const PartyId = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'a party id is kebab-case');
export type PartyId = z.infer<typeof PartyId>;

/** A party's weight in a split: basis points (5000 = 50 %) or any integer weights, relative to their sum. */
export const SplitShare = z.object({ party: PartyId, weight: z.int().nonnegative() });
export type SplitShare = z.infer<typeof SplitShare>;

export const SplitShares = z
  .array(SplitShare)
  .min(1)
  .superRefine((shares, ctx) => {
    if (shares.reduce((sum, s) => sum + s.weight, 0) <= 0)
      ctx.addIssue({ code: 'custom', message: 'the weights of a split must not all be zero' });
    const seen = new Set<string>();
    shares.forEach((s, i) => {
      if (seen.has(s.party))
        ctx.addIssue({ code: 'custom', path: [i, 'party'], message: `party ${s.party} is listed twice` });
      seen.add(s.party);
    });
  });

export interface SplitPart {
  party: PartyId;
  cents: Cents;
}

/** Splits `total` by the shares' weights with the largest-remainder rule above; parts come in the shares' order. */
export function splitByWeights(total: Cents, shares: readonly SplitShare[]): SplitPart[] {
  const amount = cents(total);
  const validWeights = shares.every((s) => Number.isSafeInteger(s.weight) && s.weight >= 0);
  const weightSum = validWeights ? shares.reduce((sum, s) => sum + BigInt(s.weight), 0n) : 0n;
  if (weightSum <= 0n) {
    throw new GuichetError(
      'FEE_SPLIT_BAD_WEIGHTS',
      'a split needs at least one party and non-negative integer weights that are not all zero',
      {
        details: { parties: shares.map((s) => s.party) },
      },
    );
  }
  const magnitude = BigInt(Math.abs(amount));
  const floors = shares.map((s) => (magnitude * BigInt(s.weight)) / weightSum);
  const remainders = shares.map((s) => (magnitude * BigInt(s.weight)) % weightSum);
  let leftover = magnitude - floors.reduce((a, b) => a + b, 0n);
  const order = shares
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
  for (const i of order) {
    if (leftover === 0n) break;
    floors[i] = (floors[i] as bigint) + 1n;
    leftover -= 1n;
  }
  const sign = amount < 0 ? -1 : 1;
  return shares.map((s, i) => ({ party: s.party, cents: cents(sign * Number(floors[i] as bigint) || 0) }));
}
