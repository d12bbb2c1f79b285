// The kiosk end of the transaction hub's messages, over the fleet link's request/answer call. Every answer is
// parsed as a TxAck and classified by what the kiosk may conclude from it: LINK_DOWN before sending means the
// hub never saw the request (`not-sent`); no answer in time, or an answer that does not parse, means it may
// have acted (`unknown`: ask tx.status later) — never taken as done or as not done.
import {
  isGuichetError,
  KioskTxEvents,
  TxAck,
  type TxCancelRequest,
  type TxCommitRequest,
  type TxCommitted,
  type TxDocumentAnswer,
  type TxQuote,
  type TxQuoteRequest,
  type TxStatus,
} from '@guichet/shared';

/** What FleetLink offers (a narrow interface so tests and the benchmark can use any link). */
export interface HubLink {
  call(event: string, payload: unknown, timeoutMs?: number): Promise<unknown>;
}

export interface HubError {
  code: string;
  message: string;
  retryable: boolean;
}

export type HubAnswer<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'refused'; error: HubError }
  | { kind: 'not-sent'; code: string }
  | { kind: 'unknown'; code: string };

export interface HubClientOptions {
  link: HubLink;
  /** How long to wait for each answer (the hub may have to reach a ministry: generous). */
  timeoutMs?: number;
}

export class HubClient {
  constructor(private readonly options: HubClientOptions) {}

  quote(request: TxQuoteRequest): Promise<HubAnswer<TxQuote>> {
    return this.send(KioskTxEvents.quote, request, (ack) => ('quote' in ack ? ack.quote : undefined));
  }

  commit(request: TxCommitRequest): Promise<HubAnswer<TxCommitted>> {
    return this.send(KioskTxEvents.commit, request, (ack) => ('committed' in ack ? ack.committed : undefined));
  }

  cancel(request: TxCancelRequest): Promise<HubAnswer<{ txId: string }>> {
    return this.send(KioskTxEvents.cancel, request, (ack) => ('cancelled' in ack ? ack.cancelled : undefined));
  }

  status(txId: string): Promise<HubAnswer<TxStatus>> {
    return this.send(KioskTxEvents.status, { txId }, (ack) => ('status' in ack ? ack.status : undefined));
  }

  /** A committed transaction's document, asked again (the commit's answer was lost, or a reprint). */
  document(txId: string): Promise<HubAnswer<TxDocumentAnswer>> {
    return this.send(KioskTxEvents.document, { txId }, (ack) => ('document' in ack ? ack.document : undefined));
  }

  private async send<T>(
    event: string,
    payload: unknown,
    pick: (ack: Extract<TxAck, { ok: true }>) => T | undefined,
  ): Promise<HubAnswer<T>> {
    let raw: unknown;
    try {
      raw = await this.options.link.call(event, payload, this.options.timeoutMs ?? 20_000);
    } catch (error) {
      if (isGuichetError(error, 'LINK_DOWN')) return { kind: 'not-sent', code: 'LINK_DOWN' };
      return { kind: 'unknown', code: isGuichetError(error) ? error.code : 'LINK_FAILED' };
    }
    const ack = TxAck.safeParse(raw);
    if (!ack.success) return { kind: 'unknown', code: 'HUB_MALFORMED_ANSWER' };
    if (!ack.data.ok) return { kind: 'refused', error: ack.data.error };
    const value = pick(ack.data);
    return value === undefined ? { kind: 'unknown', code: 'HUB_MALFORMED_ANSWER' } : { kind: 'ok', value };
  }
}

/** A refusal that means "the hub did not do it and will not": the kiosk voids or gives up. */
export function isFinalRefusal(error: HubError): boolean {
  return !error.retryable && error.code !== 'HUB_UNAVAILABLE' && error.code !== 'MINISTRY_UNAVAILABLE';
}
