// Natural Resources (Outdoors Cards): validate through the synchronous lookup service (line protocol over TCP);
// commit by appending a detail line to the open batch file in the drop directory (fsync'd), which is closed —
// trailer written, fsync'd, atomically renamed to .DAT — when it is full, when it reaches its maximum age or the
// nightly cut-off (on a timer: no later commit is needed), or the adapter closes; the ministry's nightly run
// ingests closed files only (ministries/src/outdoors/PROTOCOL.md). lookup(txId) finds a
// request in the drop directory (not ingested yet) or, failing that, in the ministry's records via the service.
// One adapter (one hub process) owns a drop directory: leftover .part files from a crash are closed at start.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GuichetError, type Cents } from '@guichet/shared';
import {
  BATCH_PREFIX,
  CLOSED_SUFFIX,
  detailLine,
  detailReference,
  headerLine,
  OPEN_SUFFIX,
  readDetails,
  trailerLine,
  type BatchDetail,
} from '@guichet/ministries/outdoors/batch-file';
import {
  formatRequest,
  LineReader,
  parseAnswer,
  type LookupAnswer,
  type LookupRequest,
} from '@guichet/ministries/outdoors/lookup-protocol';
import {
  MinistryUnavailableError,
  type CommitOutcome,
  type LookupOutcome,
  type MinistryAdapter,
  type MinistryRequest,
  type Validation,
} from '../ministry-adapter';
import { tcpExchange } from './tcp-exchange';
import {
  missingField,
  resolveAdapterOptions,
  unsupported,
  type AdapterOptions,
  type ResolvedAdapterOptions,
} from './adapter-options';
import { TimeoutSignal, withDeadline, type StartTimer } from './deadline';
import { isoFromCompact } from './lines';

export interface OutdoorsEndpoint {
  lookup: { host: string; port: number };
  /** The drop directory the nightly run ingests (shared with the ministry). */
  dropDir: string;
}

export interface OutdoorsAdapterOptions extends AdapterOptions {
  /** Close the open batch once it holds this many details (default 500). */
  maxRecordsPerBatch?: number;
  /** Close the open batch once it is this old, on a timer (default 15 min). */
  batchMaxAgeMs?: number;
  /**
   * Time of day, UTC "HH:MM", by which any open batch is closed so the ministry's nightly run, which starts after
   * it, ingests it (default "04:00", 23:00 in Ontario in winter).
   */
  nightlyCutoffUtc?: string;
  /** Starts the timers that close a batch (default: setTimeout, not keeping the process alive). */
  batchTimer?: StartTimer;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60_000;
/** After a failed close (the drop directory away), try again this often until the batch is closed. */
const SEAL_RETRY_MS = 60_000;

const backgroundTimer: StartTimer = (ms, onExpiry) => {
  const timer = setTimeout(onExpiry, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** Minutes after midnight UTC of a "HH:MM" cut-off; anything else is refused. */
function parseCutoff(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match)
    throw new GuichetError('OUTDOORS_INVALID_CUTOFF', 'the nightly cut-off must be a UTC time "HH:MM"', {
      details: { nightlyCutoffUtc: value },
    });
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Milliseconds from `now` to the next cut-off (a full day when it is the cut-off exactly). */
export function msUntilCutoff(now: Date, cutoffMinutes: number): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const today = midnight + cutoffMinutes * 60_000;
  return today > now.getTime() ? today - now.getTime() : today + DAY_MS - now.getTime();
}

const MINISTRY = 'natural-resources' as const;
const REFUSALS: Record<string, string> = { EXP: 'CARD_EXPIRED', CAN: 'CARD_CANCELLED' };

interface OpenBatch {
  batchId: string;
  path: string;
  fd: number;
  count: number;
  openedAt: number;
  /** Cancels the timer that closes it at its maximum age or the nightly cut-off. */
  cancelTimer: () => void;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes the trailer of a (possibly crash-cut) open batch and renames it to its closed name. */
function sealBatchFile(dropDir: string, name: string): void {
  const path = join(dropDir, name);
  const { details, completeLength } = readDetails(readFileSync(path, 'latin1'));
  truncateSync(path, completeLength);
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, trailerLine(details.length));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(path, join(dropDir, name.slice(0, -OPEN_SUFFIX.length) + CLOSED_SUFFIX));
  fsyncDir(dropDir);
}

export class OutdoorsAdapter implements MinistryAdapter {
  readonly ministryId = MINISTRY;
  private readonly options: ResolvedAdapterOptions;
  private readonly maxRecords: number;
  private readonly maxAgeMs: number;
  private readonly cutoffMinutes: number;
  private readonly batchTimer: StartTimer;
  private readonly retries = new Set<() => void>();
  private readonly now: () => Date;
  private batch: OpenBatch | undefined;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly endpoint: OutdoorsEndpoint,
    options: OutdoorsAdapterOptions = {},
  ) {
    this.options = resolveAdapterOptions(options);
    this.maxRecords = options.maxRecordsPerBatch ?? 500;
    this.maxAgeMs = options.batchMaxAgeMs ?? 15 * 60_000;
    this.cutoffMinutes = parseCutoff(options.nightlyCutoffUtc ?? '04:00');
    this.batchTimer = options.batchTimer ?? backgroundTimer;
    this.now = options.now ?? (() => new Date());
    // A crash left open batches: their complete lines were fsync'd and answered as committed, so deliver them.
    if (!existsSync(endpoint.dropDir))
      throw new GuichetError('OUTDOORS_DROP_DIR_MISSING', 'the Outdoors drop directory does not exist', {
        details: { dropDir: endpoint.dropDir },
      });
    for (const name of readdirSync(endpoint.dropDir)) {
      if (name.startsWith(BATCH_PREFIX) && name.endsWith(OPEN_SUFFIX)) sealBatchFile(endpoint.dropDir, name);
    }
  }

  private cardNumber(request: MinistryRequest): { kind: 'RNW' | 'ADR'; card: string } {
    const { details } = request;
    if (details.serviceId === 'outdoors-card-renewal') return { kind: 'RNW', card: details.outdoorsCardNumber };
    if (details.serviceId === 'change-of-address') {
      if (!details.outdoorsCardNumber) throw missingField(MINISTRY, 'outdoorsCardNumber');
      return { kind: 'ADR', card: details.outdoorsCardNumber };
    }
    throw unsupported(MINISTRY, details);
  }

  /** The card's standing for this request: a refusal, or the expiry a renewal would give. */
  private async check(
    request: MinistryRequest,
  ): Promise<{ refused: Validation & { outcome: 'refused' } } | { renewedExpiry: string }> {
    const { kind, card } = this.cardNumber(request);
    const answer = await this.ask({ verb: 'CARD', seq: '', cardNumber: card });
    if (answer.kind === 'not-found')
      return { refused: { outcome: 'refused', code: 'NOT_ON_FILE', message: 'card not on file' } };
    if (answer.kind === 'error' && answer.code === 'E99') throw new MinistryUnavailableError(MINISTRY, 'down');
    if (answer.kind === 'error')
      return { refused: { outcome: 'refused', code: `MNR_${answer.code}`, message: answer.text } };
    if (answer.kind !== 'card' || answer.cardNumber !== card)
      throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    const blocking = kind === 'RNW' ? answer.eligibility : answer.status === 'CANCELLED' ? 'CAN' : 'Y';
    if (blocking !== 'Y')
      return {
        refused: {
          outcome: 'refused',
          code: REFUSALS[blocking] ?? 'REFUSED',
          message: `card not eligible (${blocking})`,
        },
      };
    return { renewedExpiry: isoFromCompact(answer.renewedExpiry) };
  }

  async validate(request: MinistryRequest): Promise<Validation> {
    const result = await this.check(request);
    if ('refused' in result) return result.refused;
    const lines =
      request.details.serviceId === 'outdoors-card-renewal'
        ? [{ label: 'outdoors.newExpiry', value: result.renewedExpiry }]
        : [];
    return { outcome: 'valid', lines };
  }

  commit(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome> {
    // One commit at a time: the idempotency check and the append must not interleave.
    const next = this.queue.then(() => this.commitNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async commitNow(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome> {
    const committed = (reference: string): CommitOutcome => ({
      outcome: 'committed',
      reference,
      lines: [{ label: 'ministry.reference', value: reference }],
    });
    const dropped = this.findInDrop(request.txId);
    if (dropped) return committed(dropped);
    const ingested = await this.ask({ verb: 'REF', seq: '', clientReference: request.txId });
    if (ingested.kind === 'ref') return committed(ingested.reference);
    if (ingested.kind !== 'not-found') throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    const result = await this.check(request);
    if ('refused' in result) return result.refused;
    const { kind, card } = this.cardNumber(request);
    const address = request.details.serviceId === 'change-of-address' ? request.details.newAddress : undefined;
    const reference = this.append({
      sequence: 0,
      kind,
      clientReference: request.txId,
      cardNumber: card,
      amountCents: request.amountCents,
      street: address?.street ?? '',
      unit: address?.unit ?? '',
      city: address?.city ?? '',
      province: address?.province ?? '',
      postalCode: address?.postalCode ?? '',
    });
    this.options.logger?.info(
      { component: 'ministry-adapter', ministryId: MINISTRY, txId: request.txId },
      'dropped for the nightly run',
    );
    // Lines as on a replay (reference only): the new expiry was on the quote, from validate.
    return committed(reference);
  }

  async lookup(txId: string): Promise<LookupOutcome> {
    const dropped = this.findInDrop(txId);
    if (dropped) return { outcome: 'committed', reference: dropped };
    const answer = await this.ask({ verb: 'REF', seq: '', clientReference: txId });
    if (answer.kind === 'ref') return { outcome: 'committed', reference: answer.reference };
    if (answer.kind === 'not-found') {
      // The nightly run may have moved the file between our scan and the service's answer: look once more.
      const late = this.findInDrop(txId);
      return late ? { outcome: 'committed', reference: late } : { outcome: 'not-found' };
    }
    throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
  }

  /** Closes the open batch (trailer, fsync, rename to .DAT) so the next nightly run ingests it. */
  closeBatch(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    batch.cancelTimer();
    closeSync(batch.fd);
    sealBatchFile(this.endpoint.dropDir, `${BATCH_PREFIX}${batch.batchId}${OPEN_SUFFIX}`);
  }

  async close(): Promise<void> {
    await this.queue;
    for (const cancel of this.retries) cancel();
    this.retries.clear();
    this.closeBatch();
  }

  /** The batch's timer fired: close it, in turn with commits (never in the middle of an append). */
  private closeOnTimer(batchId: string, why: 'max-age' | 'nightly-cutoff'): void {
    this.queue = this.queue.then(() => {
      if (this.batch?.batchId !== batchId) return; // closed meanwhile (full, or the adapter closed)
      const name = `${BATCH_PREFIX}${batchId}${OPEN_SUFFIX}`;
      try {
        this.closeBatch();
        this.options.logger?.info(
          { component: 'ministry-adapter', ministryId: MINISTRY, batchId, why },
          'batch closed',
        );
      } catch (error) {
        this.options.logger?.error(
          { component: 'ministry-adapter', ministryId: MINISTRY, batchId, why, message: (error as Error).message },
          'closing the batch failed; trying again',
        );
        this.sealLater(name);
      }
    });
    this.queue = this.queue.catch(() => undefined);
  }

  /** A batch whose close failed (the drop directory away): seal what it holds once the directory is back. */
  private sealLater(name: string): void {
    const cancel = this.batchTimer(SEAL_RETRY_MS, () => {
      this.retries.delete(cancel);
      this.queue = this.queue.then(() => {
        if (existsSync(join(this.endpoint.dropDir, name))) {
          try {
            sealBatchFile(this.endpoint.dropDir, name);
          } catch {
            this.sealLater(name);
          }
        } else if (!existsSync(this.endpoint.dropDir)) this.sealLater(name);
      });
      this.queue = this.queue.catch(() => undefined);
    });
    this.retries.add(cancel);
  }

  /** Appends, or — the drop directory failing (share gone, disk full) — seals what is whole and reports down. */
  private append(detail: BatchDetail): string {
    try {
      return this.appendNow(detail);
    } catch (error) {
      try {
        this.closeBatch();
      } catch {
        this.batch = undefined;
      }
      throw new MinistryUnavailableError(MINISTRY, 'down', error);
    }
  }

  private appendNow(detail: BatchDetail): string {
    if (
      this.batch &&
      (this.batch.count >= this.maxRecords || this.now().getTime() - this.batch.openedAt >= this.maxAgeMs)
    )
      this.closeBatch();
    if (!this.batch) {
      const at = this.now();
      const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const batchId = `${stamp}-${randomBytes(2).toString('hex').toUpperCase()}`;
      const path = join(this.endpoint.dropDir, `${BATCH_PREFIX}${batchId}${OPEN_SUFFIX}`);
      const fd = openSync(path, 'wx');
      writeSync(fd, headerLine(batchId, stamp));
      fsyncSync(fd);
      fsyncDir(this.endpoint.dropDir);
      // Closed by its timer even if no commit follows: the nightly run reads closed files only.
      const untilCutoffMs = msUntilCutoff(at, this.cutoffMinutes);
      const why = untilCutoffMs < this.maxAgeMs ? 'nightly-cutoff' : 'max-age';
      const cancelTimer = this.batchTimer(Math.min(this.maxAgeMs, untilCutoffMs), () =>
        this.closeOnTimer(batchId, why),
      );
      this.batch = { batchId, path, fd, count: 0, openedAt: at.getTime(), cancelTimer };
    }
    const batch = this.batch;
    const sequence = batch.count + 1;
    writeSync(batch.fd, detailLine({ ...detail, sequence }));
    fsyncSync(batch.fd);
    batch.count = sequence;
    const reference = detailReference(batch.batchId, sequence);
    if (batch.count >= this.maxRecords) this.closeBatch();
    return reference;
  }

  /** The reference of `txId` in a batch still in the drop directory (open or closed), if any. */
  private findInDrop(txId: string): string | undefined {
    let names: string[];
    try {
      names = readdirSync(this.endpoint.dropDir);
    } catch (error) {
      throw new MinistryUnavailableError(MINISTRY, 'down', error);
    }
    for (const name of names) {
      if (!name.startsWith(BATCH_PREFIX) || !(name.endsWith(OPEN_SUFFIX) || name.endsWith(CLOSED_SUFFIX))) continue;
      let text: string;
      try {
        text = readFileSync(join(this.endpoint.dropDir, name), 'latin1');
      } catch {
        continue; // moved by the nightly run meanwhile: the service has it now
      }
      const { batchId, details } = readDetails(text);
      const found = details.find((d) => d.clientReference === txId);
      if (batchId && found) return detailReference(batchId, found.sequence);
    }
    return undefined;
  }

  private async ask(request: LookupRequest): Promise<LookupAnswer> {
    this.seq = (this.seq % 999_999_999) + 1;
    const numbered = { ...request, seq: String(this.seq) };
    try {
      return await withDeadline(this.options.startTimer, this.options.timeoutMs, (signal) =>
        this.send(numbered, signal),
      );
    } catch (error) {
      if (error instanceof TimeoutSignal) throw new MinistryUnavailableError(MINISTRY, 'timeout');
      throw error;
    }
  }

  private send(request: LookupRequest, signal: AbortSignal): Promise<LookupAnswer> {
    return tcpExchange({
      ministryId: MINISTRY,
      endpoint: this.endpoint.lookup,
      request: Buffer.from(formatRequest(request), 'latin1'),
      reader: new LineReader(),
      signal,
      pick: (line: string) => {
        const answer = parseAnswer(line);
        return answer.seq === request.seq ? answer : undefined;
      },
    });
  }
}
