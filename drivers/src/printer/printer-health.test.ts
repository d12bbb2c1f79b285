import { describe, expect, it } from 'vitest';
import { GuichetError } from '@guichet/shared';
import { DeviceHealth } from '../device-health';
import { healthFromFailure, healthFromStatus } from './printer-health';
import { decodeStatus } from './status-decoder';

const at = new Date('2026-11-23T09:00:00Z');

describe('printer health for the heartbeat', () => {
  it('maps the status conditions to ok, warning and fault', () => {
    expect(healthFromStatus(decodeStatus([0x12, 0x12, 0x12, 0x12]), at)).toEqual({
      state: 'ok',
      checkedAt: '2026-11-23T09:00:00.000Z',
    });
    expect(healthFromStatus(decodeStatus([0x12, 0x12, 0x12, 0x1e]), at)).toMatchObject({
      state: 'warning',
      code: 'PRINTER_PAPER_NEAR_END',
    });
    expect(healthFromStatus(decodeStatus([0x1a, 0x32, 0x12, 0x7e]), at)).toMatchObject({
      state: 'fault',
      code: 'PRINTER_PAPER_END',
    });
    expect(healthFromStatus(decodeStatus([0x1a, 0x16, 0x12, 0x12]), at)).toMatchObject({
      state: 'fault',
      code: 'PRINTER_COVER_OPEN',
    });
    expect(healthFromStatus(decodeStatus([0x12, 0x52, 0x1a, 0x12]), at)).toMatchObject({
      state: 'fault',
      code: 'PRINTER_CUTTER_ERROR',
    });
  });

  it('a printer that does not answer is offline; one that answers garbage is at fault', () => {
    expect(healthFromFailure(new GuichetError('PRINTER_NO_ANSWER', 'silent'), at)).toMatchObject({
      state: 'offline',
      code: 'PRINTER_NO_ANSWER',
    });
    expect(healthFromFailure(new GuichetError('PRINTER_STATUS_GARBLED', 'noise'), at)).toMatchObject({
      state: 'fault',
    });
    expect(healthFromFailure(new Error('ECONNRESET'), at)).toMatchObject({ state: 'offline', code: 'PRINTER_OFFLINE' });
  });

  it('every summary fits the DeviceHealth schema, even for a long error message', () => {
    const health = healthFromFailure(new Error('x'.repeat(500)), at);
    expect(DeviceHealth.parse(health)).toEqual(health);
  });
});
