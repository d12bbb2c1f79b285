// Validates the period and options of an SLA request (command line or query string; docs/sla.md "The `sla`
// command") into engine inputs, failing with GuichetError SLA_BAD_PERIOD / SLA_BAD_OPTION.
import { GuichetError } from '@guichet/shared';
import { IsoInstant } from '@guichet/shared/sites/sites-file';
import { SlaOptions } from './sla-report';

export interface SlaQueryInput {
  from?: unknown;
  to?: unknown;
  clock?: unknown;
  threshold?: unknown;
  repairMinutes?: unknown;
}

export function parseInstant(value: unknown, name: string): Date {
  const parsed = IsoInstant.safeParse(value);
  if (!parsed.success)
    throw new GuichetError(
      'SLA_BAD_PERIOD',
      `${name}: expected an ISO-8601 instant with a zone, e.g. 2026-11-01T04:00:00Z, got ${JSON.stringify(value ?? null)}`,
    );
  return new Date(parsed.data);
}

export function parseSlaQuery(input: SlaQueryInput): { from: Date; to: Date } & SlaOptions {
  const from = parseInstant(input.from, 'from');
  const to = parseInstant(input.to, 'to');
  if (!(from.getTime() < to.getTime())) {
    throw new GuichetError('SLA_BAD_PERIOD', `from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  }
  const options = SlaOptions.safeParse({
    clock: input.clock === '' ? undefined : input.clock,
    threshold: input.threshold === '' ? undefined : input.threshold,
    repairMinutes: input.repairMinutes === '' ? undefined : input.repairMinutes,
  });
  if (!options.success) {
    const issue = options.error.issues[0]!;
    throw new GuichetError('SLA_BAD_OPTION', `${issue.path.join('.')}: ${issue.message}`);
  }
  return { from, to, ...options.data };
}
