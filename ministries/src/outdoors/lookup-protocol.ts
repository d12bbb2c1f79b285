// Natural Resources' synchronous lookup service (PROTOCOL.md): one ASCII line per request and per answer over
// TCP, pipe-delimited, CRLF-terminated, the caller's sequence number echoed. Pure format/parse; a line that does
// not follow the protocol is a typed error.
import { GuichetError } from '@guichet/shared';

export type LookupRequest =
  { verb: 'CARD'; seq: string; cardNumber: string } | { verb: 'REF'; seq: string; clientReference: string };

export type Eligibility = 'Y' | 'EXP' | 'CAN';

export type LookupAnswer =
  | {
      kind: 'card';
      seq: string;
      cardNumber: string;
      status: 'ACTIVE' | 'CANCELLED';
      /** YYYYMMDD */
      expiry: string;
      eligibility: Eligibility;
      /** YYYYMMDD the card would expire on if renewed now. */
      renewedExpiry: string;
    }
  | { kind: 'ref'; seq: string; clientReference: string; reference: string; ingestedOn: string }
  | { kind: 'not-found'; seq: string }
  | { kind: 'error'; seq: string; code: string; text: string };

export const MAX_LINE = 512;

export class LookupProtocolError extends GuichetError<'OUTDOORS_BAD_LINE'> {
  constructor(message: string) {
    super('OUTDOORS_BAD_LINE', message);
  }
}

const SEQ = /^\d{1,9}$/;

export function formatRequest(request: LookupRequest): string {
  return `${request.verb}|${request.seq}|${request.verb === 'CARD' ? request.cardNumber : request.clientReference}\r\n`;
}

export function parseRequest(line: string): LookupRequest {
  const f = line.split('|');
  if (f.length !== 3 || !SEQ.test(f[1] ?? '')) throw new LookupProtocolError('a request is VERB|seq|argument');
  const [verb, seq, arg] = f as [string, string, string];
  if (verb === 'CARD') return { verb, seq, cardNumber: arg };
  if (verb === 'REF') return { verb, seq, clientReference: arg };
  throw new LookupProtocolError('unknown verb');
}

export function formatAnswer(answer: LookupAnswer): string {
  switch (answer.kind) {
    case 'card':
      return `OK|${answer.seq}|CARD|${answer.cardNumber}|${answer.status}|${answer.expiry}|${answer.eligibility}|${answer.renewedExpiry}\r\n`;
    case 'ref':
      return `OK|${answer.seq}|REF|${answer.clientReference}|${answer.reference}|${answer.ingestedOn}\r\n`;
    case 'not-found':
      return `NF|${answer.seq}\r\n`;
    case 'error':
      return `ER|${answer.seq}|${answer.code}|${answer.text}\r\n`;
  }
}

const DATE = /^\d{8}$/;

/** Parses one answer line (without its CRLF). */
export function parseAnswer(line: string): LookupAnswer {
  const f = line.split('|');
  const [tag, seq] = f;
  if (seq === undefined || !SEQ.test(seq)) throw new LookupProtocolError('an answer starts with TAG|seq');
  if (tag === 'NF' && f.length === 2) return { kind: 'not-found', seq };
  if (tag === 'ER' && f.length === 4) return { kind: 'error', seq, code: f[2] ?? '', text: f[3] ?? '' };
  if (tag === 'OK' && f[2] === 'CARD' && f.length === 8) {
    const [, , , cardNumber, status, expiry, eligibility, renewedExpiry] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^\d{15}$/.test(cardNumber)) throw new LookupProtocolError('bad card number');
    if (status !== 'ACTIVE' && status !== 'CANCELLED') throw new LookupProtocolError('bad card status');
    if (!DATE.test(expiry) || !DATE.test(renewedExpiry)) throw new LookupProtocolError('bad date');
    if (eligibility !== 'Y' && eligibility !== 'EXP' && eligibility !== 'CAN')
      throw new LookupProtocolError('bad eligibility');
    return { kind: 'card', seq, cardNumber, status, expiry, eligibility, renewedExpiry };
  }
  if (tag === 'OK' && f[2] === 'REF' && f.length === 6) {
    const [, , , clientReference, reference, ingestedOn] = f as [string, string, string, string, string, string];
    if (reference === '' || !DATE.test(ingestedOn)) throw new LookupProtocolError('bad reference answer');
    return { kind: 'ref', seq, clientReference, reference, ingestedOn };
  }
  throw new LookupProtocolError('unknown answer');
}

/** Splits a byte stream into CRLF-terminated lines; a line over MAX_LINE is a typed error. */
export class LineReader {
  private buffered = '';

  push(chunk: Buffer): string[] {
    this.buffered += chunk.toString('latin1');
    const lines: string[] = [];
    for (;;) {
      const end = this.buffered.indexOf('\r\n');
      if (end < 0) {
        if (this.buffered.length > MAX_LINE) throw new LookupProtocolError(`a line longer than ${MAX_LINE}`);
        return lines;
      }
      lines.push(this.buffered.slice(0, end));
      this.buffered = this.buffered.slice(end + 2);
    }
  }
}
