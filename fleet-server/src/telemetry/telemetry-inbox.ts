// Store-and-forward receiver: kiosks replay their outbox after an outage; each record is stored
// exactly once and in order, per (kiosk, stream). Kiosks send in order and delete only what was
// acknowledged, so a gap means records the fleet already acknowledged were lost on its side (a database
// restored from backup): they cannot be sent again, so the gap is reported and the rest is stored.
import type { TelemetryAck, TelemetryRecord } from '@guichet/shared';
import { GuichetError } from '@guichet/shared';
import type { Db } from '../storage/database';

export class TelemetryInbox {
  private readonly lastSeq;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.lastSeq = db.prepare(
      'SELECT COALESCE(MAX(seq), 0) AS seq FROM telemetry WHERE kiosk_id = ? AND stream_id = ?',
    );
    this.insert = db.prepare(
      'INSERT INTO telemetry (kiosk_id, stream_id, seq, at, kind, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  accept(
    kioskId: string,
    records: TelemetryRecord[],
    receivedAt: Date,
  ): TelemetryAck & { gaps: Array<{ afterSeq: number; nextSeq: number }> } {
    const streamId = records[0]!.streamId;
    if (records.some((r) => r.streamId !== streamId)) {
      throw new GuichetError('TELEMETRY_MIXED_STREAMS', 'a telemetry batch must come from one stream');
    }
    return this.db.transaction(() => {
      let last = (this.lastSeq.get(kioskId, streamId) as { seq: number }).seq;
      const gaps: Array<{ afterSeq: number; nextSeq: number }> = [];
      for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
        if (record.seq <= last) continue; // already stored: a replay after a lost acknowledgement
        if (record.seq !== last + 1) gaps.push({ afterSeq: last, nextSeq: record.seq });
        this.insert.run(
          kioskId,
          streamId,
          record.seq,
          record.at,
          record.kind,
          JSON.stringify(record.data),
          receivedAt.toISOString(),
        );
        last = record.seq;
      }
      return { streamId, ackedSeq: last, gaps };
    })();
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
}
