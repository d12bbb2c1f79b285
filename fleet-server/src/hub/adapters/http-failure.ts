// Which MinistryUnavailableError reason an HTTP failure is: `down` only when the request certainly never reached
// the ministry's system (nothing listening, no route to it, or the system itself answering 503), since the hub
// takes a commit that failed `down` as not received at once; a connection lost mid-request, or a gateway that
// gave up waiting on the system behind it (502, 504), may have delivered the request.
import type { UnavailableReason } from '../ministry-adapter';

/** Connection errors raised before any byte of the request could be sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The reason of a fetch that threw (not a timeout: the caller maps those). */
export function fetchFailureReason(error: unknown): UnavailableReason {
  const code = errorCode(error);
  return code !== undefined && NOT_SENT.has(code) ? 'down' : 'connection-lost';
}

/** The reason of a 5xx status that is not the protocol's own answer. */
export function serverErrorReason(status: number): UnavailableReason {
  if (status === 503) return 'down';
  return status === 502 || status === 504 ? 'connection-lost' : 'malformed-answer';
}
