// What a scanned licence barcode becomes, as zod schemas: the only shapes that leave the id-scanner driver
// (events, CLI). A refusal carries a reason and an error code, never a character of the barcode.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const IdDocument = z.object({
  /** From the subfile type: DL is a driver's licence, ID an identification card (e.g. Ontario Photo Card). */
  kind: z.enum(['driver-licence', 'id-card']),
  /** The issuer, from the IIN: province, territory or state abbreviation. */
  jurisdiction: z.string().regex(/^[A-Z]{2}$/),
  jurisdictionName: z.string(),
  /** CAN or USA: from DCG when present, else from the issuer. */
  country: z.enum(['CAN', 'USA']),
  iin: z.string().regex(/^\d{6}$/),
  aamvaVersion: z.number().int().min(0).max(99),
  /** 0 for version 00/01 files, which have no jurisdiction version. */
  jurisdictionVersion: z.number().int().min(0).max(99),
  /** DAQ as encoded (spaces trimmed): each jurisdiction has its own format. */
  licenceNumber: z.string().min(1),
  familyName: z.string().min(1),
  /** First and middle names in card order, one space apart (DAC + DAD, or DCT, or the given part of DAA). */
  givenNames: z.string(),
  birthDate: isoDate,
  expiry: isoDate,
  issueDate: isoDate.optional(),
  /** DAG, then DAH after a comma when present. */
  address: z.string().optional(),
  city: z.string().optional(),
  /** DAJ: the province or state of the address (not necessarily the issuer's). */
  province: z.string().optional(),
  /** Canadian "A1A 1A1", US "12345" or "12345-6789"; anything else as encoded and listed in `unverified`. */
  postalCode: z.string().optional(),
  sex: z.enum(['M', 'F', 'X']).optional(),
  height: z.object({ value: z.number().int().nonnegative(), unit: z.enum(['cm', 'in']) }).optional(),
  /** DCF, the document discriminator (identifies this card, not the person). */
  documentDiscriminator: z.string().optional(),
  /**
   * Element ids whose value was read by a fallback rule and should be confirmed by the person: a date in the
   * other AAMVA order than the version and country prescribe, a postal code in no known shape.
   */
  unverified: z.array(z.string()),
});
export type IdDocument = z.infer<typeof IdDocument>;

export const SCAN_REFUSAL_REASONS = [
  /** Another kind of barcode: QR code, boarding pass, product code. */
  'not-aamva',
  /** An AAMVA file without a licence or ID subfile. */
  'not-a-licence',
  /** An issuer outside the AAMVA table. */
  'unknown-issuer',
  /** An AAMVA licence that does not parse (truncated, bad header, missing mandatory element, bad date). */
  'malformed',
  /** The imager stopped sending in the middle of a frame. */
  'partial-read',
] as const;

export const ScanRefused = z.object({
  kind: z.literal('refused'),
  reason: z.enum(SCAN_REFUSAL_REASONS),
  /** The GuichetError code behind the refusal, e.g. IDSCAN_NOT_AAMVA. */
  code: z.string().regex(/^[A-Z0-9_]+$/),
});
export type ScanRefused = z.infer<typeof ScanRefused>;

export const ScanResult = z.union([IdDocument, ScanRefused]);
export type ScanResult = z.infer<typeof ScanResult>;
