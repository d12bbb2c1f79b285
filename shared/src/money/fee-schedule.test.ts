import { describe, expect, it } from 'vitest';
import type { FeeScheduleInput } from './fee-schedule';
import { feeFor, parseFeeSchedule } from './fee-schedule';
import { FEE_SCHEDULES } from './fee-schedules';
import { localDateAt } from './effective-period';

const fee = (query: Parameters<typeof feeFor>[0]) => feeFor(query, FEE_SCHEDULES);
const parts = (f: ReturnType<typeof fee>) => Object.fromEntries(f.split.map((p) => [p.party, p.cents]));

const guichetError = (code: string, message?: RegExp): unknown =>
  expect.objectContaining({
    name: 'GuichetError',
    code,
    ...(message ? { message: expect.stringMatching(message) as unknown } : {}),
  });

describe('feeFor with the shipped schedules', () => {
  it('charges $1.00 at an Ontario kiosk, half to the province and half to the contractor', () => {
    const f = fee({
      jurisdiction: 'ON',
      channel: 'kiosk',
      serviceId: 'vehicle-sticker-renewal',
      at: '2026-11-23T15:00:00Z',
    });
    expect(f.feeCents).toBe(100);
    expect(f.currency).toBe('CAD');
    expect(parts(f)).toEqual({ province: 50, contractor: 50 });
    expect(f.entry).toEqual({ serviceId: '*', validFrom: '2025-01-01', validTo: null });
  });

  it('charges nothing for a change of address, through its own entry', () => {
    const f = fee({
      jurisdiction: 'ON',
      channel: 'kiosk',
      serviceId: 'change-of-address',
      at: new Date('2026-03-01T12:00:00Z'),
    });
    expect(f.feeCents).toBe(0);
    expect(f.split.map((p) => p.cents)).toEqual([0, 0]);
    expect(f.entry.serviceId).toBe('change-of-address');
  });

  it("halves the Maine portal's share from $1.00 to $0.50 on the effective date, in Maine's local time", () => {
    // Midnight of July 1 in New York (EDT, UTC−4) is 04:00Z: one second earlier is still June 30 there.
    const before = fee({
      jurisdiction: 'ME',
      channel: 'kiosk',
      serviceId: 'vehicle-sticker-renewal',
      at: '2026-07-01T03:59:59Z',
    });
    const after = fee({
      jurisdiction: 'ME',
      channel: 'kiosk',
      serviceId: 'vehicle-sticker-renewal',
      at: '2026-07-01T04:00:00Z',
    });
    expect(before.currency).toBe('USD');
    expect(parts(before)).toEqual({ state: 0, portal: 100 });
    expect(parts(after)).toEqual({ state: 50, portal: 50 });
  });

  it('fails with a typed error for an unknown jurisdiction, a channel with no schedule, a date before the schedule, a bad instant or two schedules for one jurisdiction', () => {
    expect(() => fee({ jurisdiction: 'QC', channel: 'kiosk', serviceId: 'x', at: '2026-01-01T12:00:00Z' })).toThrow(
      guichetError('FEE_NOT_FOUND'),
    );
    expect(() =>
      fee({ jurisdiction: 'ON', channel: 'web', serviceId: 'driver-record-abstract', at: '2026-01-01T12:00:00Z' }),
    ).toThrow(guichetError('FEE_NOT_FOUND', /^no web fee for driver-record-abstract in ON on 2026-01-01$/));
    expect(() => fee({ jurisdiction: 'ON', channel: 'kiosk', serviceId: 'x', at: '2024-12-31T12:00:00Z' })).toThrow(
      guichetError('FEE_NOT_FOUND'),
    );
    expect(() => fee({ jurisdiction: 'ON', channel: 'kiosk', serviceId: 'x', at: 'yesterday' })).toThrow(
      guichetError('FEE_BAD_INSTANT'),
    );
    expect(() =>
      feeFor({ jurisdiction: 'ON', channel: 'kiosk', serviceId: 'x', at: '2026-01-01T12:00:00Z' }, [
        ...FEE_SCHEDULES,
        ...FEE_SCHEDULES,
      ]),
    ).toThrow(guichetError('FEE_SCHEDULE_AMBIGUOUS'));
  });
});

describe('parseFeeSchedule', () => {
  const base = (entries: FeeScheduleInput['entries']): FeeScheduleInput => ({
    jurisdiction: 'ON',
    timezone: 'America/Toronto',
    currency: 'CAD',
    entries,
  });
  const entry = (
    validFrom: string,
    validTo: string | null,
    extra: Partial<FeeScheduleInput['entries'][number]> = {},
  ) => ({
    channel: 'kiosk' as const,
    serviceId: '*',
    feeCents: 100,
    split: [{ party: 'province', weight: 1 }],
    validFrom,
    validTo,
    ...extra,
  });

  it('accepts adjacent half-open periods and separate keys at the same dates', () => {
    const schedule = parseFeeSchedule(
      base([
        entry('2025-01-01', '2026-01-01'),
        entry('2026-01-01', null),
        entry('2025-01-01', null, { channel: 'web' }),
        entry('2025-01-01', null, { serviceId: 'change-of-address' }),
      ]),
    );
    expect(schedule.entries).toHaveLength(4);
    expect(
      feeFor({ jurisdiction: 'ON', channel: 'kiosk', serviceId: 'a', at: '2026-01-01T05:00:00Z' }, [schedule]).entry
        .validFrom,
    ).toBe('2026-01-01');
  });

  it('rejects overlapping effective periods for one key', () => {
    expect(() => parseFeeSchedule(base([entry('2025-01-01', '2026-06-01'), entry('2026-01-01', null)]))).toThrow(
      guichetError('FEE_SCHEDULE_INVALID', /overlapping effective periods for ON\/kiosk\/\*: entries 0 and 1/),
    );
    expect(() => parseFeeSchedule(base([entry('2025-01-01', null), entry('2030-01-01', '2031-01-01')]))).toThrow(
      guichetError('FEE_SCHEDULE_INVALID'),
    );
  });

  it('rejects empty periods, fractional or negative fees, bad zones and bad ids', () => {
    expect(() => parseFeeSchedule(base([entry('2026-01-01', '2026-01-01')]))).toThrow(
      guichetError('FEE_SCHEDULE_INVALID'),
    );
    expect(() => parseFeeSchedule(base([entry('2026-01-01', null, { feeCents: 0.5 })]))).toThrow(
      guichetError('FEE_SCHEDULE_INVALID'),
    );
    expect(() => parseFeeSchedule(base([entry('2026-01-01', null, { feeCents: -100 })]))).toThrow(
      guichetError('FEE_SCHEDULE_INVALID'),
    );
    expect(() => parseFeeSchedule(base([entry('2026-01-01', null, { serviceId: 'Change Of Address' })]))).toThrow(
      guichetError('FEE_SCHEDULE_INVALID'),
    );
    expect(() => parseFeeSchedule({ ...base([]), timezone: 'Ontario/Kenora' })).toThrow(
      guichetError('FEE_SCHEDULE_INVALID'),
    );
  });
});

describe('localDateAt', () => {
  it('gives the local calendar date in the zone, across midnight and zones', () => {
    expect(localDateAt(new Date('2026-07-01T03:59:59Z'), 'America/New_York')).toBe('2026-06-30');
    expect(localDateAt(new Date('2026-07-01T04:00:00Z'), 'America/New_York')).toBe('2026-07-01');
    expect(localDateAt(new Date('2026-12-31T23:30:00Z'), 'America/Winnipeg')).toBe('2026-12-31');
  });
});
