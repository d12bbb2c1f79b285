import { describe, expect, it } from 'vitest';
import { Ack, Command, Heartbeat, KioskHandshakeAuth, TelemetryBatch } from './messages';

describe('kiosk ↔ fleet protocol', () => {
  it('accepts a well-formed heartbeat and rejects lies about types', () => {
    const good = {
      kioskId: 'K-001',
      seq: 4,
      sentAt: '2026-11-02T15:00:00.000Z',
      mode: 'in-service',
      devices: { printer: { state: 'warning', code: 'PAPER_NEAR_END' } },
    };
    expect(Heartbeat.parse(good)).toEqual(good);
    expect(Heartbeat.safeParse({ ...good, devices: { printer: { state: 'on fire' } } }).success).toBe(false);
    expect(Heartbeat.safeParse({ ...good, devices: { coffeeMaker: { state: 'ok' } } }).success).toBe(false);
    expect(Heartbeat.safeParse({ ...good, kioskId: '../../etc/passwd' }).success).toBe(false);
    expect(Heartbeat.safeParse({ ...good, seq: 1.5 }).success).toBe(false);
  });

  it('bounds telemetry batches and requires positive sequence numbers', () => {
    const record = { streamId: 's', seq: 1, at: '2026-11-02T15:00:00.000Z', kind: 'kiosk.started' };
    expect(TelemetryBatch.parse({ kioskId: 'K-1', records: [record] }).records[0]!.data).toEqual({});
    expect(TelemetryBatch.safeParse({ kioskId: 'K-1', records: [] }).success).toBe(false);
    expect(TelemetryBatch.safeParse({ kioskId: 'K-1', records: [{ ...record, seq: 0 }] }).success).toBe(false);
    expect(TelemetryBatch.safeParse({ kioskId: 'K-1', records: Array(501).fill(record) }).success).toBe(false);
  });

  it('requires a credential of reasonable length at the handshake', () => {
    expect(KioskHandshakeAuth.safeParse({ kioskId: 'K-1', credential: 'short', protocolVersion: 1 }).success).toBe(
      false,
    );
  });

  it('parses commands and acknowledgements by their discriminants', () => {
    expect(
      Command.parse({
        commandId: 'c1',
        type: 'apply-target-state',
        targetState: { version: 2, mode: 'out-of-service' },
      }).type,
    ).toBe('apply-target-state');
    expect(Command.safeParse({ commandId: 'c1', type: 'format-disk' }).success).toBe(false);
    expect(Ack.parse({ ok: false, error: { code: 'X', message: 'y' } })).toEqual({
      ok: false,
      error: { code: 'X', message: 'y' },
    });
  });
});
