// The transaction messages on the kiosk link (tx.quote, tx.commit, tx.cancel, tx.status, tx.document): each payload is
// validated with its zod schema and answered through its acknowledgement with a TxAck from the hub, for the
// kiosk the connection authenticated. A bad payload gets TX_INVALID, changes nothing, and leaves at most one
// sampled log line, which names the field at fault but never its value (it may be a citizen's detail).
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import {
  KioskTxEvents,
  TxCancelRequest,
  TxCommitRequest,
  TxDocumentRequest,
  TxQuoteRequest,
  TxStatusRequest,
  type TxAck,
} from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { TransactionHub } from '../hub/transaction-hub';
import type { LogSampler } from './log-sampler';
import { isStorageError, storageErrorCode } from '../storage/storage-health';

export interface TxEventDeps {
  hub: TransactionHub;
  log: Logger;
  sampler: LogSampler;
  /** Told of each malformed message (the gateway closes a connection that makes too many). */
  onProtocolFault?: (code: string) => void;
}

export const TX_EVENT_NAMES: readonly string[] = Object.values(KioskTxEvents);

export function registerTxEvents(socket: Socket, kioskId: string, deps: TxEventDeps): void {
  const on = <S extends z.ZodType>(event: string, schema: S, handle: (request: z.infer<S>) => Promise<TxAck>) => {
    socket.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        sampledWarn(deps, kioskId, event, 'TX_NO_ACK', 'transaction message without an acknowledgement ignored');
        deps.onProtocolFault?.('TX_NO_ACK');
        return;
      }
      const reply = ack as (answer: TxAck) => void;
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'payload';
        sampledWarn(deps, kioskId, event, 'TX_INVALID', `invalid ${event}: ${where}`);
        reply({ ok: false, error: { code: 'TX_INVALID', message: `invalid ${event}: ${where}`, retryable: false } });
        deps.onProtocolFault?.('TX_INVALID');
        return;
      }
      // A hub failure it did not answer itself (storage that cannot be written) is an ack, never an unhandled
      // rejection: "not done, may retry", and the kiosk's retry is idempotent per txId.
      void handle(parsed.data).then(reply, (error: unknown) => {
        const storage = isStorageError(error);
        deps.log.error(
          {
            component: 'kiosk-gateway',
            kioskId,
            event: 'tx.handler-failed',
            message: event,
            code: storageErrorCode(error),
          },
          storage ? 'transaction message failed on storage' : 'transaction message failed',
        );
        reply({
          ok: false,
          error: {
            code: 'HUB_UNAVAILABLE',
            message: storage
              ? 'the fleet server cannot write its storage now'
              : 'the hub could not process the message',
            retryable: true,
          },
        });
      });
    });
  };
  on(KioskTxEvents.quote, TxQuoteRequest, (r) => deps.hub.quote(kioskId, r));
  on(KioskTxEvents.commit, TxCommitRequest, (r) => deps.hub.commit(kioskId, r));
  on(KioskTxEvents.cancel, TxCancelRequest, (r) => deps.hub.cancel(kioskId, r));
  on(KioskTxEvents.status, TxStatusRequest, (r) => deps.hub.status(kioskId, r.txId));
  on(KioskTxEvents.document, TxDocumentRequest, (r) => deps.hub.document(kioskId, r.txId));
}

function sampledWarn(deps: TxEventDeps, kioskId: string, message: string, code: string, text: string): void {
  const suppressed = deps.sampler.take(`${kioskId}|${message}|${code}`);
  if (suppressed === undefined) return;
  deps.log.warn({ component: 'kiosk-gateway', kioskId, event: 'protocol.rejected', message, code, suppressed }, text);
}
