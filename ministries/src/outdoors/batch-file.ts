// Natural Resources' nightly batch file (PROTOCOL.md): a header, one pipe-delimited detail line per request,
// and a trailer with the detail count, written only when the batch is closed. Pure formatting and parsing; a
// file that does not follow the format is a typed error.
import { GuichetError } from '@guichet/shared';

export const BATCH_PREFIX = 'GUICHET_';
export const OPEN_SUFFIX = '.part';
export const CLOSED_SUFFIX = '.DAT';

export type DetailKind = 'RNW' | 'ADR';

export interface BatchDetail {
  sequence: number;
  kind: DetailKind;
  clientReference: string;
  cardNumber: string;
  amountCents: number;
  street: string;
  unit: string;
  city: string;
  province: string;
  postalCode: string;
}

export interface Batch {
  batchId: string;
  createdAt: string;
  details: BatchDetail[];
}

export class BatchFileError extends GuichetError<'OUTDOORS_BAD_BATCH'> {
  constructor(message: string, details?: Record<string, unknown>) {
    super('OUTDOORS_BAD_BATCH', message, details ? { details } : undefined);
  }
}

/** The reference the ministry keeps for a detail line: the batch and the line's sequence. */
export function detailReference(batchId: string, sequence: number): string {
  return `NR-${batchId}-${String(sequence).padStart(6, '0')}`;
}

/** Field text without the delimiter or line breaks (the legacy format has no escaping). */
function clean(text: string): string {
  return text.replace(/[|\r\n]/g, ' ').trim();
}

export function headerLine(batchId: string, createdAt: string): string {
  return `H|GUICHET|${batchId}|${createdAt}\n`;
}

export function detailLine(detail: BatchDetail): string {
  return (
    [
      'D',
      String(detail.sequence).padStart(6, '0'),
      detail.kind,
      clean(detail.clientReference),
      clean(detail.cardNumber),
      String(detail.amountCents),
      clean(detail.street),
      clean(detail.unit),
      clean(detail.city),
      clean(detail.province),
      clean(detail.postalCode),
    ].join('|') + '\n'
  );
}

export function trailerLine(count: number): string {
  return `T|${String(count).padStart(6, '0')}\n`;
}

function parseDetail(line: string, expectedSequence: number): BatchDetail {
  const f = line.split('|');
  if (f.length !== 11) throw new BatchFileError('a detail line has 11 fields', { sequence: expectedSequence });
  const [, seq, kind, clientReference, cardNumber, amount, street, unit, city, province, postalCode] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^\d{6}$/.test(seq) || Number(seq) !== expectedSequence)
    throw new BatchFileError('detail lines are numbered 1, 2, 3 …', { sequence: expectedSequence });
  if (kind !== 'RNW' && kind !== 'ADR') throw new BatchFileError('unknown detail kind', { sequence: expectedSequence });
  if (!/^[0-9A-Z]{1,20}$/.test(clientReference))
    throw new BatchFileError('bad client reference', { sequence: expectedSequence });
  if (!/^\d{15}$/.test(cardNumber)) throw new BatchFileError('bad card number', { sequence: expectedSequence });
  if (!/^\d{1,9}$/.test(amount)) throw new BatchFileError('bad amount', { sequence: expectedSequence });
  return {
    sequence: expectedSequence,
    kind,
    clientReference,
    cardNumber,
    amountCents: Number(amount),
    street,
    unit,
    city,
    province,
    postalCode,
  };
}

/** Parses a closed batch: header, details numbered from 1, trailer whose count matches. */
export function parseBatch(text: string): Batch {
  if (!text.endsWith('\n')) throw new BatchFileError('a closed batch ends with a line break');
  const lines = text.slice(0, -1).split('\n');
  const header = (lines.shift() ?? '').split('|');
  if (header.length !== 4 || header[0] !== 'H' || header[1] !== 'GUICHET' || !/^[0-9A-Z-]{6,32}$/.test(header[2] ?? ''))
    throw new BatchFileError('bad header line');
  const trailer = (lines.pop() ?? '').split('|');
  if (trailer.length !== 2 || trailer[0] !== 'T' || !/^\d{6}$/.test(trailer[1] ?? ''))
    throw new BatchFileError('bad trailer line');
  if (Number(trailer[1]) !== lines.length) throw new BatchFileError('the trailer count differs from the detail lines');
  return {
    batchId: header[2] as string,
    createdAt: header[3] ?? '',
    details: lines.map((line, i) => parseDetail(line, i + 1)),
  };
}

/**
 * The details of a batch that may still be open (no trailer yet) or cut mid-line by a crash: complete detail
 * lines only, for lookups and recovery. Never throws on a partial last line.
 */
export function readDetails(text: string): {
  batchId: string | undefined;
  details: BatchDetail[];
  completeLength: number;
} {
  const completeLength = text.lastIndexOf('\n') + 1;
  const lines = text
    .slice(0, completeLength)
    .split('\n')
    .filter((l) => l !== '');
  const header = lines[0]?.split('|');
  const batchId = header?.[0] === 'H' ? header[2] : undefined;
  const details: BatchDetail[] = [];
  for (const line of lines) {
    if (!line.startsWith('D|')) continue;
    try {
      details.push(parseDetail(line, details.length + 1));
    } catch {
      break;
    }
  }
  return { batchId, details, completeLength };
}
