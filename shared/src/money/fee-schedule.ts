// Effective-dated convenience-fee schedules (docs/domain.md "Money": fee amounts and splits differ by
// jurisdiction and channel, so they are data) and the lookup that prices a fee and splits it exactly.
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import { TimeZone } from '../sites/sites-file';
import type { Cents } from './cents';
import { NonNegativeCentsSchema } from './cents';
import { EffectivePeriod, checkNoOverlaps, localDateAt, periodContains } from './effective-period';
import type { SplitPart } from './fee-split';
import { SplitShares, splitByWeights } from './fee-split';
import { parseTable } from './parse-table';

export const CHANNELS = ['kiosk', 'web', 'counter', 'phone'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Entries for this service id apply to every service of the channel that has no entry of its own. */
export const ANY_SERVICE = '*';

export const FeeScheduleEntry = EffectivePeriod.extend({
  channel: Channel,
  /** A catalog service id, or `*` for the channel's default. */
  serviceId: z
    .string()
    .regex(/^(?:\*|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/, 'a service id is kebab-case, or * for the default'),
  feeCents: NonNegativeCentsSchema,
  split: SplitShares,
  note: z.string().optional(),
});
export type FeeScheduleEntry = z.infer<typeof FeeScheduleEntry>;

export const FeeSchedule = z
  .object({
    jurisdiction: z.string().regex(/^[A-Z]{2}$/, 'a jurisdiction is a two-letter code: ON, ME, …'),
    /** Effective dates are local dates in this zone. */
    timezone: TimeZone,
    currency: z.enum(['CAD', 'USD']),
    entries: z.array(FeeScheduleEntry),
  })
  .superRefine((schedule, ctx) =>
    checkNoOverlaps(schedule.entries, (e) => `${schedule.jurisdiction}/${e.channel}/${e.serviceId}`, ctx, ['entries']),
  );
export type FeeSchedule = z.infer<typeof FeeSchedule>;
export type FeeScheduleInput = z.input<typeof FeeSchedule>;

/** Parses fee schedule data, or throws FEE_SCHEDULE_INVALID naming every problem (overlaps included). */
export function parseFeeSchedule(data: unknown): FeeSchedule {
  return parseTable(FeeSchedule, data, 'FEE_SCHEDULE_INVALID', 'fee schedule');
}

export interface FeeQuery {
  jurisdiction: string;
  channel: Channel;
  serviceId: string;
  /** The instant of the transaction; its local date in the schedule's zone selects the entry. */
  at: Date | string;
}

export interface Fee {
  jurisdiction: string;
  channel: Channel;
  serviceId: string;
  currency: 'CAD' | 'USD';
  feeCents: Cents;
  /** The fee's exact split, in the order the schedule lists the parties; the parts add up to feeCents. */
  split: SplitPart[];
  /** The schedule entry that applied: its service id (`*` for the default) and effective period. */
  entry: { serviceId: string; validFrom: string; validTo: string | null };
}

/** The fee for a transaction, and its exact split: the service's own entry if it has one, else the channel default. */
export function feeFor(query: FeeQuery, schedules: readonly FeeSchedule[]): Fee {
  const at = typeof query.at === 'string' ? new Date(query.at) : query.at;
  if (Number.isNaN(at.getTime())) throw new GuichetError('FEE_BAD_INSTANT', `not an instant: ${String(query.at)}`);
  const matching = schedules.filter((s) => s.jurisdiction === query.jurisdiction);
  const schedule = matching[0];
  if (!schedule)
    throw new GuichetError('FEE_NOT_FOUND', `no fee schedule for jurisdiction ${query.jurisdiction}`, {
      details: { ...query, at: at.toISOString() },
    });
  if (matching.length > 1) {
    // Two schedules for one jurisdiction would make the fee depend on their order: refuse rather than guess.
    throw new GuichetError(
      'FEE_SCHEDULE_AMBIGUOUS',
      `${matching.length} fee schedules for jurisdiction ${query.jurisdiction}; merge them into one`,
    );
  }
  const date = localDateAt(at, schedule.timezone);
  const applies = (serviceId: string) =>
    schedule.entries.find((e) => e.channel === query.channel && e.serviceId === serviceId && periodContains(e, date));
  const entry = applies(query.serviceId) ?? applies(ANY_SERVICE);
  if (!entry) {
    throw new GuichetError(
      'FEE_NOT_FOUND',
      `no ${query.channel} fee for ${query.serviceId} in ${query.jurisdiction} on ${date}`,
      {
        details: { jurisdiction: query.jurisdiction, channel: query.channel, serviceId: query.serviceId, date },
      },
    );
  }
  return {
    jurisdiction: schedule.jurisdiction,
    channel: query.channel,
    serviceId: query.serviceId,
    currency: schedule.currency,
    feeCents: entry.feeCents,
    split: splitByWeights(entry.feeCents, entry.split),
    entry: { serviceId: entry.serviceId, validFrom: entry.validFrom, validTo: entry.validTo },
  };
}
