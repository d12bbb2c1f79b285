// MagTek USB HID swipe-reader input reports as typed offset tables, one per report layout, chosen by the report's
// length. The plain HID swipe reader (MagTek "USB HID Swipe Reader Technical Reference Manual" 99875191, §4 "Card
// data") sends 337 bytes with clear tracks; a MagneSafe reader (MagTek "MagneSafe V5" HID reference, as MagTek's
// own WebHID parser reads it: github.com/MagTek-PaulDeignan/WebHID_Public js/API_DynamagParse.js) sends 856 or 887
// bytes: encrypted tracks, MagnePrint, serial number, KSN, then the masked tracks, which are what we classify.
export const MAGTEK_REPORT_LENGTH = 337;

/** Offsets of the fixed header bytes. Decode status: bit 0 set = the track could not be decoded. */
export const MAGTEK_HEADER = {
  decodeStatus: [0, 1, 2],
  dataLength: [3, 4, 5],
  encodeType: 6,
} as const;

export const DECODE_STATUS_ERROR_BIT = 0x01;

export interface TrackField {
  track: 1 | 2 | 3;
  offset: number;
  size: number;
}

/** Track data fields: fixed 110 bytes each, the valid part given by the track's data length byte. */
export const MAGTEK_TRACK_FIELDS = [
  { track: 1, offset: 7, size: 110 },
  { track: 2, offset: 117, size: 110 },
  { track: 3, offset: 227, size: 110 },
] as const satisfies readonly TrackField[];

export type MagtekLayoutName = 'swipe-reader' | 'magnesafe';

export interface MagtekReportLayout {
  name: MagtekLayoutName;
  /** Report lengths (without a report id) that use this layout. */
  lengths: readonly number[];
  decodeStatus: readonly [number, number, number];
  /** Length bytes of the tracks we read (the masked tracks on a MagneSafe). */
  dataLength: readonly [number, number, number];
  encodeType: number;
  tracks: readonly [TrackField, TrackField, TrackField];
  /** The tracks read are the reader's masked copy: a payment card's middle PAN digits are masked. */
  masked: boolean;
}

export const MAGTEK_LAYOUTS: Readonly<Record<MagtekLayoutName, MagtekReportLayout>> = {
  'swipe-reader': {
    name: 'swipe-reader',
    lengths: [MAGTEK_REPORT_LENGTH],
    decodeStatus: [0, 1, 2],
    dataLength: [3, 4, 5],
    encodeType: 6,
    tracks: MAGTEK_TRACK_FIELDS,
    masked: false,
  },
  // 0-2 decode status, 3-5 encrypted lengths, 6 encode type, 7-342 encrypted tracks (3 × 112), 343-347
  // MagnePrint status, 348 MagnePrint length, 349-476 MagnePrint, 477-492 serial number, 493-494 encryption
  // status, 495-504 DUKPT KSN, 505-507 masked track lengths, 508-843 masked tracks (3 × 112), 844-851 session id;
  // the 887-byte report adds absolute lengths and counters after that.
  magnesafe: {
    name: 'magnesafe',
    lengths: [856, 887],
    decodeStatus: [0, 1, 2],
    dataLength: [505, 506, 507],
    encodeType: 6,
    tracks: [
      { track: 1, offset: 508, size: 112 },
      { track: 2, offset: 620, size: 112 },
      { track: 3, offset: 732, size: 112 },
    ],
    masked: true,
  },
};

/** The longest report any layout has (bounds the hex a decode line may hold). */
export const MAGTEK_MAX_REPORT_LENGTH = Math.max(...Object.values(MAGTEK_LAYOUTS).flatMap((l) => l.lengths));

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

/**
 * USB ids of MagTek's swipe readers (vendor 0x0801). 0x0001 is keyboard emulation, the factory default of many
 * readers: the operating system types the card into whatever has focus, so we refuse it. 0x0002 is the same
 * reader in HID mode; 0x0011 a MagneSafe reader in HID mode.
 */
export const MAGTEK_USB = {
  vendorId: 0x0801,
  keyboardProductId: 0x0001,
  hidProductId: 0x0002,
  magneSafeProductId: 0x0011,
  productIds: [0x0002, 0x0011],
} as const;

/** HID usage pages from 0xFF00 up are vendor-defined: MagTek's HID-mode report. Below is e.g. 0x01 keyboard. */
export const VENDOR_DEFINED_USAGE_PAGE = 0xff00;
