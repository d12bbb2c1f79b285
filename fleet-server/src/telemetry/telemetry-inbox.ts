// Store-and-forward receiver: kiosks replay their outbox after an outage; each record is stored
// exactly once and in order, per (kiosk, stream). Kiosks send in order and delete only what was
// acknowledged, so a gap means records the fleet already acknowledged were lost on its side (a database
// restored from backup): they cannot be sent again, so the gap is reported and the rest is stored.
// Each record must be of a known kind with matching data (TELEMETRY_KINDS) and small; one that is not is refused
// for good — acknowledged, listed in the answer, not stored — so the kiosk drops it instead of resending it forever.
// Per-kiosk quotas (bytes a day, records a minute) stop a batch at the first record that would exceed them: what
// came before is stored and acknowledged, the rest waits in the kiosk's outbox; a batch of which nothing fits is
// refused TELEMETRY_QUOTA_EXCEEDED and changes nothing.
import {
  GuichetError,
  TELEMETRY_KINDS,
  isTelemetryKind,
  type RefusedRecord,
  type TelemetryAck,
  type TelemetryRecord,
} from '@guichet/shared';
import type { Db } from '../storage/database';
import {
  DEFAULT_TELEMETRY_LIMITS,
  quotaWindowStart,
  usageDay,
  type TelemetryLimits,
  type TelemetryQuota,
} from './telemetry-limits';

export interface QuotaExceeded {
  kioskId: string;
  quota: TelemetryQuota;
  limit: number;
  at: Date;
}

export interface TelemetryInboxOptions {
  limits?: Partial<TelemetryLimits>;
  /** Called once per kiosk, quota and window (a UTC day, a clock minute) in which the quota stopped a batch. */
  onQuotaExceeded?: (exceeded: QuotaExceeded) => void;
}

export type TelemetryAcceptance = TelemetryAck & { gaps: Array<{ afterSeq: number; nextSeq: number }> };

type Verdict = { ok: true; data: string; bytes: number } | { ok: false; code: string; message: string };

export class TelemetryInbox {
  private readonly limits: TelemetryLimits;
  private readonly streamSeq;
  private readonly saveStream;
  private readonly usage;
  private readonly saveUsage;
  private readonly insert;
  /** Records accepted per kiosk in the current clock minute (memory: a restart forgives at most one minute). */
  private readonly minute = new Map<string, { start: number; count: number }>();
  /** The window each kiosk's quota was last reported for: one report per window. */
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly options: TelemetryInboxOptions = {},
  ) {
    this.limits = { ...DEFAULT_TELEMETRY_LIMITS, ...options.limits };
    this.streamSeq = db.prepare('SELECT last_seq FROM telemetry_streams WHERE kiosk_id = ? AND stream_id = ?');
    this.saveStream = db.prepare(
      `INSERT INTO telemetry_streams (kiosk_id, stream_id, last_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kiosk_id, stream_id) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
    );
    this.usage = db.prepare('SELECT bytes FROM telemetry_usage WHERE kiosk_id = ? AND day = ?');
    this.saveUsage = db.prepare(
      `INSERT INTO telemetry_usage (kiosk_id, day, bytes, records) VALUES (?, ?, ?, ?)
       ON CONFLICT (kiosk_id, day) DO UPDATE SET bytes = bytes + excluded.bytes, records = records + excluded.records`,
    );
    this.insert = db.prepare(
      'INSERT INTO telemetry (kiosk_id, stream_id, seq, at, kind, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  accept(kioskId: string, records: TelemetryRecord[], receivedAt: Date): TelemetryAcceptance {
    const streamId = records[0]!.streamId;
    if (records.some((r) => r.streamId !== streamId)) {
      throw new GuichetError('TELEMETRY_MIXED_STREAMS', 'a telemetry batch must come from one stream');
    }
    const minuteStart = quotaWindowStart('records-per-minute', receivedAt);
    const minute = this.minute.get(kioskId);
    const minuteCount = minute?.start === minuteStart ? minute.count : 0;
    const day = usageDay(receivedAt);

    const outcome = this.db.transaction(() => {
      const first = (this.streamSeq.get(kioskId, streamId) as { last_seq: number } | undefined)?.last_seq ?? 0;
      let last = first;
      let dayBytes = (this.usage.get(kioskId, day) as { bytes: number } | undefined)?.bytes ?? 0;
      let counted = minuteCount;
      let storedBytes = 0;
      let stored = 0;
      let stoppedBy: TelemetryQuota | undefined;
      const gaps: Array<{ afterSeq: number; nextSeq: number }> = [];
      const refused: RefusedRecord[] = [];
      for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
        if (record.seq <= last) continue; // already done with: a replay after a lost acknowledgement
        if (counted >= this.limits.recordsPerMinute) {
          stoppedBy = 'records-per-minute';
          break;
        }
        const verdict = this.judge(record);
        if (verdict.ok && dayBytes + verdict.bytes > this.limits.bytesPerDay) {
          stoppedBy = 'bytes-per-day';
          break;
        }
        counted++;
        if (record.seq !== last + 1) gaps.push({ afterSeq: last, nextSeq: record.seq });
        last = record.seq;
        if (!verdict.ok) {
          refused.push({ seq: record.seq, code: verdict.code, message: verdict.message });
          continue;
        }
        this.insert.run(kioskId, streamId, record.seq, record.at, record.kind, verdict.data, receivedAt.toISOString());
        dayBytes += verdict.bytes;
        storedBytes += verdict.bytes;
        stored++;
      }
      if (last !== first) this.saveStream.run(kioskId, streamId, last, receivedAt.toISOString());
      if (stored > 0) this.saveUsage.run(kioskId, day, storedBytes, stored);
      return { last, first, counted, gaps, refused, stoppedBy };
    })();

    this.minute.set(kioskId, { start: minuteStart, count: outcome.counted });
    if (outcome.stoppedBy) {
      this.report(kioskId, outcome.stoppedBy, receivedAt);
      if (outcome.last === outcome.first) {
        const limit =
          outcome.stoppedBy === 'bytes-per-day'
            ? `${this.limits.bytesPerDay} bytes a day`
            : `${this.limits.recordsPerMinute} records a minute`;
        throw new GuichetError(
          'TELEMETRY_QUOTA_EXCEEDED',
          `this kiosk's telemetry quota (${limit}) is used up; keep the records and send them later`,
        );
      }
    }
    return {
      streamId,
      ackedSeq: outcome.last,
      ...(outcome.refused.length > 0 ? { refused: outcome.refused } : {}),
      gaps: outcome.gaps,
    };
  }

  /** Deletes telemetry received before `cutoff` and usage counters of days before it; returns the records deleted. */
  prune(cutoff: Date): number {
    return this.db.transaction(() => {
      const deleted = this.db.prepare('DELETE FROM telemetry WHERE received_at < ?').run(cutoff.toISOString()).changes;
      this.db.prepare('DELETE FROM telemetry_usage WHERE day < ?').run(usageDay(cutoff));
      return deleted;
    })();
  }

  /** Bytes of telemetry stored for the kiosk on the UTC day of `at`. */
  bytesOn(kioskId: string, at: Date): number {
    return (this.usage.get(kioskId, usageDay(at)) as { bytes: number } | undefined)?.bytes ?? 0;
  }

  list(kioskId: string): Array<TelemetryRecord & { receivedAt: string }> {
    const rows = this.db
      .prepare(
        'SELECT stream_id, seq, at, kind, data, received_at FROM telemetry WHERE kiosk_id = ? ORDER BY received_at, stream_id, seq',
      )
      .all(kioskId) as Array<{
      stream_id: string;
      seq: number;
      at: string;
      kind: string;
      data: string;
      received_at: string;
    }>;
    return rows.map((r) => ({
      streamId: r.stream_id,
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      data: JSON.parse(r.data) as Record<string, unknown>,
      receivedAt: r.received_at,
    }));
  }

  /** Whether the record may be stored, and as what: only the fields its kind's schema knows, as JSON. */
  private judge(record: TelemetryRecord): Verdict {
    if (!isTelemetryKind(record.kind))
      return { ok: false, code: 'TELEMETRY_UNKNOWN_KIND', message: `unknown telemetry kind "${record.kind}"` };
    const parsed = TELEMETRY_KINDS[record.kind].safeParse(record.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return {
        ok: false,
        code: 'TELEMETRY_INVALID_DATA',
        message: `invalid ${record.kind} data: ${where}${issue?.message ?? 'malformed'}`.slice(0, 200),
      };
    }
    const data = JSON.stringify(parsed.data);
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes > this.limits.recordMaxBytes)
      return {
        ok: false,
        code: 'TELEMETRY_RECORD_TOO_LARGE',
        message: `a ${record.kind} record of ${bytes} bytes is over the ${this.limits.recordMaxBytes}-byte limit`,
      };
    return { ok: true, data, bytes };
  }

  private report(kioskId: string, quota: TelemetryQuota, at: Date): void {
    const key = `${kioskId}|${quota}`;
    const window = quotaWindowStart(quota, at);
    if (this.reported.get(key) === window) return;
    this.reported.set(key, window);
    const limit = quota === 'bytes-per-day' ? this.limits.bytesPerDay : this.limits.recordsPerMinute;
    this.options.onQuotaExceeded?.({ kioskId, quota, limit, at });
  }
}
