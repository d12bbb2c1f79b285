// Pure rules of the real desk: which of the kiosk's devices each service needs, what the citizen can be offered
// given the device board and the fleet's target state, and how a journaled transaction record reads as a desk
// state. No I/O here; runtime-desk.ts applies them to the running kiosk.
import { SERVICES, type ServiceId } from '@guichet/shared/catalog/services';
import { isFaultState, type DeviceStatusMap } from '@guichet/shared/protocol/device-status';
import type { KioskMode } from '@guichet/shared/protocol/messages';
import type { TxRecord } from '../transaction/transaction-machine';
import type { DeskAvailability, DeskDevice, DeskState, DisplayLine, ServiceAvailability } from './transaction-desk';

/**
 * Which devices a service cannot do without. Every paid service needs the PIN pad; the driver record abstract
 * IS a printed document, so it also needs the printer (other receipts can be reprinted later by txId). Change
 * of address is free: no device at all (the card reader only saves typing).
 */
export const SERVICE_NEEDS: Readonly<Record<ServiceId, readonly DeskDevice[]>> = {
  'vehicle-sticker-renewal': ['paymentTerminal'],
  'driver-record-abstract': ['paymentTerminal', 'printer'],
  'personalized-plates': ['paymentTerminal'],
  'change-of-address': [],
  'fines-and-parking-tickets': ['paymentTerminal'],
  'outdoors-card-renewal': ['paymentTerminal'],
};

const REASON: Record<DeskDevice, NonNullable<ServiceAvailability['reason']>> = {
  paymentTerminal: 'payment',
  printer: 'printer',
  cardReader: 'card-reader',
};

export interface AvailabilityInputs {
  mode: KioskMode;
  devices: DeviceStatusMap;
  /**
   * False while the kiosk cannot start a transaction at all: start-up recovery still settling what a restart
   * left in flight, or an earlier transaction still being settled (an unknown sale, a refund owed).
   */
  canBegin: boolean;
}

/** A device is usable unless the board reports it faulty or offline (a warning such as paper near end is fine). */
export function deviceUp(devices: DeviceStatusMap, device: DeskDevice): boolean {
  const status = devices[device];
  return status !== undefined && !isFaultState(status.state);
}

export function availabilityOf(inputs: AvailabilityInputs): DeskAvailability {
  const services = {} as Record<ServiceId, ServiceAvailability>;
  for (const service of SERVICES) {
    const missing = SERVICE_NEEDS[service.id].find((device) => !deviceUp(inputs.devices, device));
    services[service.id] = !inputs.canBegin
      ? { available: false, reason: 'service' }
      : missing
        ? { available: false, reason: REASON[missing] }
        : { available: true };
  }
  return { inService: inputs.mode === 'in-service', services };
}

/** The hub's amount lines: the screen shows amounts from the quote's figures, in its own table. */
const AMOUNT_LINES = new Set(['tx.service-amount', 'tx.fee', 'tx.total']);

/** The hub's lines as the citizen should read them: no amounts twice, no line twice (quote and commit repeat). */
export function displayLines(lines: readonly DisplayLine[]): DisplayLine[] {
  const seen = new Set<string>();
  return lines.flatMap((line) => {
    const key = `${line.label}\u0000${line.value}`;
    if (AMOUNT_LINES.has(line.label) || seen.has(key)) return [];
    seen.add(key);
    return [{ label: line.label, value: line.value }];
  });
}

/** Hub or link codes after which the same request may well succeed a moment later. */
const RETRYABLE = new Set(['HUB_UNAVAILABLE', 'MINISTRY_UNAVAILABLE', 'LINK_DOWN', 'LINK_TIMEOUT', 'TX_QUOTE_EXPIRED']);

/**
 * How a journaled record reads to the citizen. `cancelRequested`: the citizen (or the idle timer) asked for
 * the cancellation, so `cancelled` means just that; any other cancellation is a refusal or a failure that the
 * citizen must be told about (the machine ends those transactions as `cancelled` too).
 */
export function deskStateOf(record: TxRecord, cancelRequested: boolean): DeskState {
  const totalCents = record.quote?.totalCents ?? 0;
  switch (record.state) {
    case 'selecting':
    case 'identifying':
      return { state: 'identifying' };
    case 'quoting':
      if (!record.quote) return { state: 'quoting' };
      return {
        state: 'quoted',
        quote: {
          serviceCents: record.quote.serviceCents,
          feeCents: record.quote.feeCents,
          totalCents,
          lines: displayLines(record.quote.lines),
        },
      };
    case 'paying':
      // The semi-integrated PIN pad drives the card holder itself (insert or tap, PIN, remove) and tells the
      // kiosk nothing until its answer: the screen points to it for the whole sale.
      // Nor can the kiosk call a sale back: only the PIN pad's own cancel key stops it (answered as declined).
      return { state: 'paying', prompt: 'insert-or-tap', totalCents, cancellable: false };
    case 'authorized':
    case 'committing':
    case 'printing':
    case 'voiding':
    case 'needs-resolution':
      return { state: record.state };
    case 'completed':
      return {
        state: 'completed',
        totalCents,
        deliveries: (record.committed?.deliveries ?? []).map((d) => ({ ministryId: d.ministryId, status: d.status })),
        lines: displayLines(record.committed?.lines ?? []),
        receipt: record.receipt === 'printed' ? 'printed' : record.receipt === 'none' ? 'none' : 'failed',
        ...(record.payment ? { payment: { brand: record.payment.brand, last4: record.payment.last4 } } : {}),
      };
    case 'declined':
      return { state: 'declined', totalCents };
    case 'voided':
      return {
        state: 'voided',
        code: record.reason === 'ministry-refused' ? 'MINISTRY_REFUSED' : (record.code ?? 'VOIDED'),
      };
    case 'cancelled': {
      if (cancelRequested || record.reason === 'citizen-cancelled') return { state: 'cancelled' };
      const code = record.code ?? 'FAILED';
      if (record.reason === 'ministry-refused' && !RETRYABLE.has(code)) {
        // Refused before any payment: the citizen fixes the details. After the quote (a free commit): final.
        return record.quote
          ? { state: 'failed', code: 'MINISTRY_REFUSED', retryable: false }
          : { state: 'refused', code };
      }
      if (record.reason === 'timeout' && !record.code)
        return { state: 'failed', code: 'TX_QUOTE_EXPIRED', retryable: true };
      const shown = code.startsWith('PAYMENT') || code.startsWith('TRANSPORT') ? 'PAYMENT_UNAVAILABLE' : code;
      // The citizen is told "cannot be reached right now" whether it is the link, the hub or a ministry behind it.
      const hub =
        code.startsWith('HUB') || code.startsWith('LINK') || code.startsWith('hub-') || code === 'MINISTRY_UNAVAILABLE';
      return { state: 'failed', code: hub ? 'HUB_UNAVAILABLE' : shown, retryable: hub || RETRYABLE.has(code) };
    }
  }
}
