// One request and its answer over a fresh TCP connection to a legacy system (the Transportation mainframe
// gateway, the Natural Resources lookup service): the request is written once connected; the answer is the first
// unit the system sends back that `pick` recognises as answering it (a system that answers twice, or sends a
// stale answer first, is read past). Failures map onto MinistryUnavailableError: refused before the request was
// written → `down` (certainly not received); lost after it → `connection-lost` (it may have been applied);
// aborted → `timeout`; an answer that cannot be read → `malformed-answer`.
import { connect } from 'node:net';
import type { MinistryId } from '@guichet/shared';
import { MinistryUnavailableError } from '../ministry-adapter';

export interface TcpExchange<Unit, Answer> {
  ministryId: MinistryId;
  endpoint: { host: string; port: number };
  request: Buffer;
  /** Splits the byte stream into the system's units (length-prefixed frames, lines). */
  reader: { push(chunk: Buffer): Iterable<Unit> };
  /** Parses a unit (throwing if unreadable) and returns it if it answers this request, else undefined. */
  pick(unit: Unit): Answer | undefined;
  signal: AbortSignal;
}

export function tcpExchange<Unit, Answer>(exchange: TcpExchange<Unit, Answer>): Promise<Answer> {
  const { ministryId } = exchange;
  return new Promise<Answer>((resolve, reject) => {
    const socket = connect(exchange.endpoint);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      outcome();
    };
    exchange.signal.addEventListener('abort', () =>
      settle(() => reject(new MinistryUnavailableError(ministryId, 'timeout'))),
    );
    // Once the request is written, a failed connection no longer proves the system never got it.
    let sent = false;
    socket.on('connect', () => {
      socket.write(exchange.request);
      sent = true;
    });
    const lost = () => (sent ? 'connection-lost' : 'down');
    socket.on('error', (error) => settle(() => reject(new MinistryUnavailableError(ministryId, lost(), error))));
    socket.on('close', () => settle(() => reject(new MinistryUnavailableError(ministryId, lost()))));
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const unit of exchange.reader.push(chunk)) {
          const answer = exchange.pick(unit);
          if (answer !== undefined) {
            settle(() => resolve(answer));
            return;
          }
        }
      } catch (error) {
        settle(() => reject(new MinistryUnavailableError(ministryId, 'malformed-answer', error)));
      }
    });
  });
}
