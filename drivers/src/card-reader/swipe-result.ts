// What one swipe becomes, as a zod schema: the only shape that leaves the card-reader driver (events, CLI).
// A payment card is brand + last 4 only; an unreadable swipe carries a reason code, never track characters.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A licence of any AAMVA jurisdiction: what is present, and which fields could not be verified. */
export const DriverLicenceResult = z.object({
  kind: z.literal('driver-licence'),
  jurisdiction: z.string().regex(/^[A-Z]{2}$/),
  iin: z.string().regex(/^\d{6}$/),
  /** Formatted (Ontario A1234-56789-01234) only where the jurisdiction's rule verified it; else as encoded. */
  licenceNumber: z.string().min(1).max(32),
  familyName: z.string(),
  givenNames: z.string(),
  city: z.string(),
  address: z.string(),
  postalCode: z.string().optional(),
  licenceClass: z.string().optional(),
  sex: z.enum(['M', 'F', 'X']).optional(),
  expiry: z.union([isoDate, z.literal('none')]).optional(),
  birthDate: isoDate.optional(),
  verified: z.object({
    jurisdiction: z.boolean(),
    licenceNumber: z.boolean(),
    name: z.boolean(),
    expiry: z.boolean(),
    birthDate: z.boolean(),
  }),
});

export const HealthCardResult = z.object({
  kind: z.literal('health-card'),
  healthNumber: z.string().regex(/^\d{4}-\d{3}-\d{3}$/),
  versionCode: z.string().regex(/^[A-Z]{2}$/),
  familyName: z.string().min(1),
  givenNames: z.string(),
  expiry: isoDate,
  birthDate: isoDate,
});

export const PaymentCardRefusedResult = z.object({
  kind: z.literal('payment-card-refused'),
  brand: z.enum(['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay', 'interac', 'unknown']),
  last4: z.string().regex(/^\d{4}$/),
});

export const UnreadableResult = z.object({
  kind: z.literal('unreadable'),
  /** A stable GuichetError-style code: CARD_BLANK, CARD_TRACK_BAD_LRC, CARD_UNKNOWN_LAYOUT, … */
  reason: z.string().regex(/^[A-Z0-9_]+$/),
});

export const SwipeResult = z.discriminatedUnion('kind', [
  DriverLicenceResult,
  HealthCardResult,
  PaymentCardRefusedResult,
  UnreadableResult,
]);
export type SwipeResult = z.infer<typeof SwipeResult>;
export type SwipeKind = SwipeResult['kind'];
