// The card reader's heartbeat health: offline when unplugged, warning after repeated unreadable swipes (dirty
// head or a worn card stock), fault when the device keeps sending reports that are not MagTek swipe reports.
import type { DeviceHealth } from '../device-health';

export interface CardReaderCondition {
  connected: boolean;
  /** The error code that took it offline, if any. */
  offlineCode?: string | undefined;
  consecutiveUnreadable: number;
  consecutiveBadReports: number;
}

/** Three in a row: one bad swipe is the user's, three is the reader's. */
export const REPEAT_THRESHOLD = 3;

export function cardReaderHealth(condition: CardReaderCondition, now: Date): DeviceHealth {
  const checkedAt = now.toISOString();
  if (!condition.connected) {
    return {
      state: 'offline',
      code: condition.offlineCode ?? 'CARD_READER_OFFLINE',
      detail: 'the card reader is not connected',
      checkedAt,
    };
  }
  if (condition.consecutiveBadReports >= REPEAT_THRESHOLD) {
    return {
      state: 'fault',
      code: 'CARD_READER_BAD_REPORTS',
      detail: `${condition.consecutiveBadReports} malformed reports in a row: check the reader's USB mode`,
      checkedAt,
    };
  }
  if (condition.consecutiveUnreadable >= REPEAT_THRESHOLD) {
    return {
      state: 'warning',
      code: 'CARD_READER_REPEATED_UNREADABLE',
      detail: `${condition.consecutiveUnreadable} unreadable swipes in a row: clean the read head`,
      checkedAt,
    };
  }
  return { state: 'ok', checkedAt };
}
