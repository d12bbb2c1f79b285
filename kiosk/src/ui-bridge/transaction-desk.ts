// The minimal face of the kiosk's transaction machine that the UI bridge drives (the real machine lives in
// kiosk/src/transaction and is adapted to this). The desk owns every business rule: prices, fees, which devices
// a service needs, when a sale is voided; the bridge only turns its states into screens.
import type { ServiceId } from '@guichet/shared/catalog/services';
import type { MinistryId } from '@guichet/shared/catalog/ministries';
import type { TxDetails, TxDisplayLine, TxPayment } from '@guichet/shared/protocol/transactions';
import type { z } from 'zod';

export type DeskLanguage = 'en' | 'fr';
export type DisplayLine = z.infer<typeof TxDisplayLine>;

/** What the payment terminal is asking the citizen to do. */
export type DeskTerminalPrompt = 'insert-or-tap' | 'enter-pin' | 'processing' | 'remove-card';

export interface DeskQuote {
  serviceCents: number;
  feeCents: number;
  totalCents: number;
  lines: DisplayLine[];
}

export interface DeskDelivery {
  ministryId: MinistryId;
  status: 'done' | 'queued';
}

/** The states of TX-DESIGN's kiosk flow, as the citizen needs to see them. */
export type DeskState =
  | { state: 'identifying' }
  | { state: 'quoting' }
  | { state: 'quoted'; quote: DeskQuote }
  /** The ministry refused these details before any payment (e.g. no such plate): fix and try again. */
  | { state: 'refused'; code: string }
  | {
      state: 'paying';
      prompt: DeskTerminalPrompt;
      totalCents: number;
      /** False when the kiosk cannot call the sale back (default: cancellable until a card is presented). */
      cancellable?: boolean;
    }
  | { state: 'authorized' }
  | { state: 'committing' }
  | { state: 'printing' }
  | {
      state: 'completed';
      deliveries: DeskDelivery[];
      lines: DisplayLine[];
      totalCents: number;
      receipt: 'printed' | 'failed' | 'none';
      payment?: Pick<TxPayment, 'brand' | 'last4'>;
    }
  | { state: 'declined'; totalCents: number }
  | { state: 'cancelled' }
  | { state: 'voiding' }
  /** The card was charged then refunded (e.g. the ministry refused after authorization). */
  | { state: 'voided'; code: string }
  /** The sale's outcome is unknown and is being settled; the citizen must not pay again. */
  | { state: 'needs-resolution' }
  /** Not done and nothing charged (hub down, a device failed); `retryable` says whether retry() may help. */
  | { state: 'failed'; code: string; retryable: boolean };

export interface DeskSession {
  /** The transaction id (the terminal's sale reference): what the citizen quotes to the help line. */
  readonly txId: string;
  readonly serviceId: ServiceId;
  state(): DeskState;
  /** Validated details (TxDetails) for this session; replaces any earlier ones and returns to identifying. */
  enterDetails(details: TxDetails): void;
  /** Asks the hub for a quote; the outcome arrives through onChange (quoted, refused or failed). */
  quote(): Promise<void>;
  /** Takes payment (or commits directly when the total is 0) through to completed / declined / voided / … */
  pay(): Promise<void>;
  /** Abandons the session (cancels the hub quote, cancels a sale in progress) and forgets the details. */
  cancel(): Promise<void>;
  /** The citizen walked away (idle wipe): like cancel(), recorded as a timeout where the desk can tell. */
  timeout?(): Promise<void>;
  /** Prints the receipt again after the printer failed. */
  reprint(): Promise<void>;
  onChange(listener: (state: DeskState) => void): () => void;
}

export type DeskDevice = 'paymentTerminal' | 'printer' | 'cardReader';

export interface ServiceAvailability {
  available: boolean;
  /** Why not, when not: a device the service needs is down, or the service itself is suspended. */
  reason?: 'payment' | 'printer' | 'card-reader' | 'service';
}

export interface DeskAvailability {
  /** False when the fleet took the kiosk out of service. */
  inService: boolean;
  services: Record<ServiceId, ServiceAvailability>;
}

export interface TransactionDesk {
  availability(): DeskAvailability;
  onAvailabilityChange(listener: (availability: DeskAvailability) => void): () => void;
  begin(serviceId: ServiceId, lang: DeskLanguage): DeskSession;
}
