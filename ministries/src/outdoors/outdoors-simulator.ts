// Natural Resources' Outdoors Card system: a synchronous lookup service (line protocol over TCP) and the nightly
// run that ingests closed batch files from the drop directory (PROTOCOL.md). Faults on the lookup service:
// slow, down, rejects, garbage lines, the answer twice; "answers twice" also makes the nightly run deliver each
// file's records twice (the ministry dedups by client reference).
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { addYears, isoDate } from '../common/dates';
import { SimulatorBase, type SimulatorOptions } from '../common/simulator-base';
import { SEED_OUTDOORS_CARDS, type SeedOutdoorsCard } from '../test-data';
import { BATCH_PREFIX, CLOSED_SUFFIX, detailReference, parseBatch, BatchFileError } from './batch-file';
import { formatAnswer, LineReader, parseRequest, type LookupAnswer, LookupProtocolError } from './lookup-protocol';

export interface OutdoorsSimulatorOptions extends SimulatorOptions {
  /** Where callers drop batch files (default `<dataDir>/drop`); ingested files move to `archive/`, bad ones to `rejected/`. */
  dropDir?: string;
  cards?: readonly SeedOutdoorsCard[];
  /** Registers the nightly run on a timer; returns its cancel function (tests pass a trigger they fire). */
  schedule?: (run: () => void) => () => void;
}

export interface NightlyReport {
  files: string[];
  recorded: number;
  duplicates: number;
  rejectedFiles: string[];
}

const compact = (iso: string) => iso.replace(/-/g, '');

export class OutdoorsSimulator extends SimulatorBase {
  readonly dropDir: string;
  private readonly cards: readonly SeedOutdoorsCard[];
  private readonly cancelSchedule: (() => void) | undefined;

  private constructor(options: OutdoorsSimulatorOptions) {
    const server = createServer((socket) => this.serve(socket));
    super(server, 'outdoors.sqlite', options);
    this.cards = options.cards ?? SEED_OUTDOORS_CARDS;
    this.dropDir = options.dropDir ?? join(options.dataDir, 'drop');
    for (const dir of [this.dropDir, join(this.dropDir, 'archive'), join(this.dropDir, 'rejected')])
      mkdirSync(dir, { recursive: true });
    this.cancelSchedule = options.schedule?.(() => this.runNightly());
  }

  static async start(options: OutdoorsSimulatorOptions): Promise<OutdoorsSimulator> {
    const simulator = new OutdoorsSimulator(options);
    await simulator.begin(options);
    return simulator;
  }

  /** The card as the ministry has it now: seeded expiry, extended by every ingested renewal. */
  card(cardNumber: string): { card: SeedOutdoorsCard; expiry: string } | undefined {
    const card = this.cards.find((c) => c.number === cardNumber);
    if (!card) return undefined;
    const renewals = this.store.bySubject('RNW', cardNumber);
    const last = renewals.at(-1)?.data.newExpiry;
    return { card, expiry: typeof last === 'string' ? last : card.expiry };
  }

  /** Outdoors Cards are valid three years, to 31 December; a renewal counts from today or the current expiry. */
  private renewedExpiry(expiry: string): string {
    const today = isoDate(this.now());
    const base = expiry > today ? expiry : today;
    return `${Number(base.slice(0, 4)) + 3}-12-31`;
  }

  private answer(line: string): LookupAnswer {
    let request;
    try {
      request = parseRequest(line);
    } catch (error) {
      if (!(error instanceof LookupProtocolError)) throw error;
      return { kind: 'error', seq: '0', code: 'E00', text: 'BAD REQUEST' };
    }
    if (request.verb === 'REF') {
      const found = this.store.byClientReference(request.clientReference);
      return found
        ? {
            kind: 'ref',
            seq: request.seq,
            clientReference: found.clientReference,
            reference: found.reference,
            ingestedOn: compact(found.createdAt.slice(0, 10)),
          }
        : { kind: 'not-found', seq: request.seq };
    }
    if (this.faults.rejects !== undefined)
      return { kind: 'error', seq: request.seq, code: this.faults.rejects, text: 'REFUSED' };
    const found = this.card(request.cardNumber);
    if (!found) return { kind: 'not-found', seq: request.seq };
    const today = isoDate(this.now());
    const lapsedOverAYear = addYears(found.expiry, 1) < today;
    return {
      kind: 'card',
      seq: request.seq,
      cardNumber: request.cardNumber,
      status: found.card.status,
      expiry: compact(found.expiry),
      eligibility: found.card.status === 'CANCELLED' ? 'CAN' : lapsedOverAYear ? 'EXP' : 'Y',
      renewedExpiry: compact(this.renewedExpiry(found.expiry)),
    };
  }

  private serve(socket: Socket): void {
    const reader = new LineReader();
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      let lines: string[];
      try {
        lines = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const line of lines) void this.reply(socket, line);
    });
  }

  private async reply(socket: Socket, line: string): Promise<void> {
    this.countRequest();
    const faults = this.faults;
    let text: string;
    try {
      text = formatAnswer(this.answer(line));
    } catch {
      const seq = /^[A-Z]+\|(\d{1,9})\|/.exec(line)?.[1] ?? '0';
      text = formatAnswer({ kind: 'error', seq, code: 'E99', text: 'SYSTEM ERROR' });
    }
    await this.delays.wait(faults.delayMs);
    if (socket.destroyed) return;
    const out = faults.malformed ? `OK|\u0000\u00ff${text.slice(6, 20)}\r\n` : text;
    socket.write(out, 'latin1');
    if (faults.answersTwice) socket.write(out, 'latin1');
  }

  /**
   * The nightly run: ingests every closed batch file in the drop directory, oldest first. Records go in before
   * the file moves to archive/, so a record is always either in the drop directory or in the ministry's records.
   * A file that breaks the format moves to rejected/ whole.
   */
  runNightly(): NightlyReport {
    const report: NightlyReport = { files: [], recorded: 0, duplicates: 0, rejectedFiles: [] };
    const files = readdirSync(this.dropDir)
      .filter((name) => name.startsWith(BATCH_PREFIX) && name.endsWith(CLOSED_SUFFIX))
      .sort();
    const deliveries = this.faults.answersTwice ? 2 : 1;
    for (const name of files) {
      const path = join(this.dropDir, name);
      let batch;
      try {
        batch = parseBatch(readFileSync(path, 'latin1'));
      } catch (error) {
        if (!(error instanceof BatchFileError)) throw error;
        renameSync(path, join(this.dropDir, 'rejected', name));
        report.rejectedFiles.push(name);
        continue;
      }
      this.store.transaction(() => {
        for (let delivery = 0; delivery < deliveries; delivery++) {
          for (const detail of batch.details) {
            const reference = detailReference(batch.batchId, detail.sequence);
            const current = this.card(detail.cardNumber);
            const data: Record<string, unknown> = { batchId: batch.batchId, sequence: detail.sequence };
            if (detail.kind === 'RNW' && current) data.newExpiry = this.renewedExpiry(current.expiry);
            if (detail.kind === 'ADR')
              Object.assign(data, {
                street: detail.street,
                unit: detail.unit,
                city: detail.city,
                province: detail.province,
                postalCode: detail.postalCode,
              });
            const { created } = this.store.recordOnce(
              {
                clientReference: detail.clientReference,
                kind: detail.kind,
                subject: detail.cardNumber,
                amountCents: detail.amountCents,
                data,
                createdAt: this.now().toISOString(),
              },
              () => reference,
            );
            if (created) report.recorded += 1;
            else report.duplicates += 1;
          }
        }
      });
      renameSync(path, join(this.dropDir, 'archive', name));
      report.files.push(name);
    }
    return report;
  }

  override async close(): Promise<void> {
    this.cancelSchedule?.();
    await super.close();
  }
}

export function startOutdoorsSimulator(options: OutdoorsSimulatorOptions): Promise<OutdoorsSimulator> {
  return OutdoorsSimulator.start(options);
}
