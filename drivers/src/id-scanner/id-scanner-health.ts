// The licence imager's heartbeat health: offline when the serial line is closed (unplugged), fault when the line
// keeps carrying bytes that are not STX…ETX frames (the imager lost its prefix/suffix programming or is in another
// USB mode), warning when scans keep failing to decode (a damaged card or a dirty imager window).
import type { DeviceHealth } from '../device-health';

export interface IdScannerCondition {
  connected: boolean;
  /** The error code that took it offline, if any. */
  offlineCode?: string | undefined;
  consecutiveLineFaults: number;
  consecutiveMalformed: number;
}

/** Three in a row: one bad scan is the card's or the person's, three is the device's. */
export const REPEAT_THRESHOLD = 3;

export function idScannerHealth(condition: IdScannerCondition, now: Date): DeviceHealth {
  const checkedAt = now.toISOString();
  if (!condition.connected)
    return {
      state: 'offline',
      code: condition.offlineCode ?? 'IDSCAN_OFFLINE',
      detail: 'the licence barcode imager is not connected',
      checkedAt,
    };
  if (condition.consecutiveLineFaults >= REPEAT_THRESHOLD)
    return {
      state: 'fault',
      code: 'IDSCAN_LINE_FAULTS',
      detail: `${condition.consecutiveLineFaults} framing faults in a row: check USB-COM mode and the STX prefix / ETX suffix`,
      checkedAt,
    };
  if (condition.consecutiveMalformed >= REPEAT_THRESHOLD)
    return {
      state: 'warning',
      code: 'IDSCAN_REPEATED_MALFORMED',
      detail: `${condition.consecutiveMalformed} licence barcodes in a row did not decode: clean the imager window`,
      checkedAt,
    };
  return { state: 'ok', checkedAt };
}
