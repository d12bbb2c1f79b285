// The MagTek USB HID swipe reader's Input Report as a typed offset table (MagTek "USB HID Swipe Reader
// Technical Reference Manual" 99875191, section 4 "Card data"): one 337-byte report per swipe, no report id.
export const MAGTEK_REPORT_LENGTH = 337;

/** Offsets of the fixed header bytes. Decode status: bit 0 set = the track could not be decoded. */
export const MAGTEK_HEADER = {
  decodeStatus: [0, 1, 2],
  dataLength: [3, 4, 5],
  encodeType: 6,
} as const;

export const DECODE_STATUS_ERROR_BIT = 0x01;

/** Track data fields: fixed 110 bytes each, the valid part given by the track's data length byte. */
export const MAGTEK_TRACK_FIELDS = [
  { track: 1, offset: 7, size: 110 },
  { track: 2, offset: 117, size: 110 },
  { track: 3, offset: 227, size: 110 },
] as const;

/** "Card encode type" byte values (manual table "Card encode type"). */
export const CARD_ENCODE_TYPES = {
  0: 'iso-aba',
  1: 'aamva',
  2: 'cadl',
  3: 'blank',
  4: 'other',
  5: 'undetermined',
  6: 'none',
} as const satisfies Record<number, string>;
export type CardEncodeType = (typeof CARD_ENCODE_TYPES)[keyof typeof CARD_ENCODE_TYPES] | 'unknown';

/** USB ids of MagTek's HID swipe readers (vendor 0x0801; product 0x0001 = HID mode, 0x0011 = SureSwipe HID). */
export const MAGTEK_USB = { vendorId: 0x0801, productIds: [0x0001, 0x0011] } as const;
