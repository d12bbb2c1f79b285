// Options every ministry adapter takes: its time limit per call, an injectable timer, and a logger that only
// ever receives transaction ids, outcomes and codes (never a citizen's details).
import type { Logger } from 'pino';
import { GuichetError } from '@guichet/shared';
import type { MinistryDetails } from '../ministry-adapter';
import { realTimer, type StartTimer } from './deadline';

export interface AdapterOptions {
  /** Per call; past it the outcome is unknown (MinistryUnavailableError 'timeout'). Default 10 s. */
  timeoutMs?: number;
  startTimer?: StartTimer;
  logger?: Logger;
}

export interface ResolvedAdapterOptions {
  timeoutMs: number;
  startTimer: StartTimer;
  logger: Logger | undefined;
}

export function resolveAdapterOptions(options: AdapterOptions = {}): ResolvedAdapterOptions {
  return {
    timeoutMs: options.timeoutMs ?? 10_000,
    startTimer: options.startTimer ?? realTimer,
    logger: options.logger,
  };
}

/** The hub sent this adapter details it does not serve (a wiring bug, not a citizen's mistake). */
export function unsupported(ministryId: string, details: MinistryDetails): GuichetError {
  return new GuichetError(
    'ADAPTER_UNSUPPORTED_SERVICE',
    `the ${ministryId} adapter does not serve ${details.serviceId}`,
    {
      details: { ministryId, serviceId: details.serviceId },
    },
  );
}

/** A field this ministry needs is missing from the narrowed details. */
export function missingField(ministryId: string, field: string): GuichetError {
  return new GuichetError('ADAPTER_MISSING_FIELD', `the ${ministryId} request lacks ${field}`, {
    details: { ministryId, field },
  });
}
