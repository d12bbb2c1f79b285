// The real-time status bytes of DLE EOT n (n = 1..4), as a typed bit table (Epson ESC/POS Command Reference,
// "DLE EOT": https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/dle_eot.html). Every reply byte has
// bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 — the fixed pattern 0x12 that lets us reject garbage.
import type { RealTimeStatusFunction } from './escpos-commands';

export const STATUS_FIXED_MASK = 0b1001_0011;
export const STATUS_FIXED_VALUE = 0b0001_0010;

export type StatusFlag =
  | 'drawerPin3High'
  | 'offline'
  | 'waitingForOnlineRecovery'
  | 'feedButtonPressed'
  | 'coverOpen'
  | 'feedingByButton'
  | 'stoppedByPaperEnd'
  | 'errorOccurred'
  | 'mechanicalError'
  | 'autocutterError'
  | 'unrecoverableError'
  | 'autoRecoverableError'
  | 'paperNearEnd'
  | 'paperEnd';

/** Which bits of the reply to DLE EOT n set a flag. Sensor flags span two bits (Epson sets both together). */
export const STATUS_BITS: Readonly<Record<RealTimeStatusFunction, ReadonlyArray<{ flag: StatusFlag; mask: number }>>> =
  {
    1: [
      { flag: 'drawerPin3High', mask: 1 << 2 },
      { flag: 'offline', mask: 1 << 3 },
      { flag: 'waitingForOnlineRecovery', mask: 1 << 5 },
      { flag: 'feedButtonPressed', mask: 1 << 6 },
    ],
    2: [
      { flag: 'coverOpen', mask: 1 << 2 },
      { flag: 'feedingByButton', mask: 1 << 3 },
      { flag: 'stoppedByPaperEnd', mask: 1 << 5 },
      { flag: 'errorOccurred', mask: 1 << 6 },
    ],
    3: [
      { flag: 'mechanicalError', mask: 1 << 2 },
      { flag: 'autocutterError', mask: 1 << 3 },
      { flag: 'unrecoverableError', mask: 1 << 5 },
      { flag: 'autoRecoverableError', mask: 1 << 6 },
    ],
    4: [
      { flag: 'paperNearEnd', mask: 0b0000_1100 },
      { flag: 'paperEnd', mask: 0b0110_0000 },
    ],
  };

/** Status conditions in order of severity: the first one present decides the printer's health. */
export const STATUS_CONDITIONS: ReadonlyArray<{
  flag: StatusFlag;
  state: 'fault' | 'warning';
  code: string;
  detail: string;
}> = [
  { flag: 'coverOpen', state: 'fault', code: 'PRINTER_COVER_OPEN', detail: 'the printer cover is open' },
  { flag: 'paperEnd', state: 'fault', code: 'PRINTER_PAPER_END', detail: 'the paper roll is empty' },
  { flag: 'stoppedByPaperEnd', state: 'fault', code: 'PRINTER_PAPER_END', detail: 'printing stopped: paper end' },
  {
    flag: 'unrecoverableError',
    state: 'fault',
    code: 'PRINTER_UNRECOVERABLE_ERROR',
    detail: 'unrecoverable printer error',
  },
  {
    flag: 'mechanicalError',
    state: 'fault',
    code: 'PRINTER_MECHANICAL_ERROR',
    detail: 'mechanical error (head or paper jam)',
  },
  { flag: 'autocutterError', state: 'fault', code: 'PRINTER_CUTTER_ERROR', detail: 'autocutter error' },
  { flag: 'errorOccurred', state: 'fault', code: 'PRINTER_ERROR', detail: 'the printer reports an error' },
  { flag: 'offline', state: 'fault', code: 'PRINTER_OFFLINE', detail: 'the printer is offline' },
  {
    flag: 'paperNearEnd',
    state: 'warning',
    code: 'PRINTER_PAPER_NEAR_END',
    detail: 'paper near end: restock the roll',
  },
];
