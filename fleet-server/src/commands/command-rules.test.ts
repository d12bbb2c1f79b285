// The pure rules of remote commands: how long each may wait, when it expires, is (re)sent, and what an answer
// from the kiosk does to its state.
import { describe, expect, it } from 'vitest';
import { COMMAND_TTL_MS, expiryOf, hasExpired, isDeliverable, resultStatus, stateAfterResult } from './command-rules';

const T0 = new Date('2026-11-29T15:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('remote command rules', () => {
  it('gives restarts and reboots 5 minutes, test pages and logs an hour, set-mode no limit', () => {
    expect(expiryOf('reboot', T0)).toEqual(at(5));
    expect(expiryOf('restart-runtime', T0)).toEqual(at(5));
    expect(expiryOf('print-test-page', T0)).toEqual(at(60));
    expect(expiryOf('collect-logs', T0)).toEqual(at(60));
    expect(expiryOf('out-of-service', T0)).toBeUndefined();
    expect(COMMAND_TTL_MS['in-service']).toBeNull();
  });

  it('expires only what the kiosk has not taken, from the instant its time is up', () => {
    expect(hasExpired('queued', at(5), at(4.99))).toBe(false);
    expect(hasExpired('queued', at(5), at(5))).toBe(true);
    expect(hasExpired('sent', at(5), at(6))).toBe(true);
    expect(hasExpired('acknowledged', at(5), at(60))).toBe(false);
    expect(hasExpired('queued', undefined, at(10_000))).toBe(false);
  });

  it('resends what is open: unexpired queued or sent, and acknowledged (for its answer)', () => {
    expect(isDeliverable('queued', at(5), at(1))).toBe(true);
    expect(isDeliverable('sent', at(5), at(6))).toBe(false);
    expect(isDeliverable('acknowledged', at(5), at(6))).toBe(true);
    for (const state of ['done', 'failed', 'expired'] as const) expect(isDeliverable(state, at(5), at(1))).toBe(false);
  });

  it('reads a version-1 result without status by ok', () => {
    expect(resultStatus({ ok: true })).toBe('done');
    expect(resultStatus({ ok: false })).toBe('failed');
    expect(resultStatus({ ok: true, status: 'accepted' })).toBe('accepted');
  });

  it('moves states forward only; a late answer to a command sent before it expired is recorded', () => {
    expect(stateAfterResult('sent', true, 'accepted')).toBe('acknowledged');
    expect(stateAfterResult('acknowledged', true, 'accepted')).toBeUndefined();
    expect(stateAfterResult('acknowledged', true, 'done')).toBe('done');
    expect(stateAfterResult('sent', true, 'failed')).toBe('failed');
    expect(stateAfterResult('done', true, 'failed')).toBeUndefined();
    expect(stateAfterResult('failed', true, 'done')).toBeUndefined();
    expect(stateAfterResult('expired', true, 'done')).toBe('done');
    expect(stateAfterResult('expired', false, 'done')).toBeUndefined();
  });
});
