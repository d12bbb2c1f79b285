// The one authentication of the fleet API: a bearer API token (machines) or a session cookie (people) becomes the
// request's principal. Wrong tokens are throttled per address before they are checked (429 RATE_LIMITED with
// Retry-After) and their refusals logged sampled; unsafe methods on a session need its CSRF token. With no admin
// token configured and no enabled user, nobody could ever sign in, so the API answers 503 API_DISABLED.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logging/logger';
import { LogSampler } from '../link/log-sampler';
import type { ApiTokens } from '../registry/api-tokens';
import { sendError } from '../http/http-errors';
import { addressKey } from './address-key';
import { FailureLimiter, type LimitDecision } from './failure-limiter';
import { setPrincipal, type Principal } from './principal';
import { cookieValue, sameToken, SESSION_COOKIE, type SessionStore } from './session-store';
import { THROTTLE_LIMITS, type ThrottleLimits } from './throttle-limits';
import type { UserStore } from './user-store';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** At most one refusal log line per address and kind per minute, with the count of the others. */
const REFUSAL_LOG_WINDOW_MS = 60 * 1000;

export interface AuthenticatorDeps {
  tokens: ApiTokens;
  users: UserStore;
  sessions: SessionStore;
  log: Logger;
  now: () => Date;
  limits?: ThrottleLimits;
}

/** The caller's address as throttling keys it (req.ip honours GUICHET_TRUST_PROXY). */
export function requestAddress(req: Request): string {
  return addressKey(req.ip ?? req.socket.remoteAddress);
}

export function sendRateLimited(res: Response, decision: { retryAfterMs: number }, what: string): void {
  res.set('Retry-After', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
  sendError(res, 429, 'RATE_LIMITED', `too many failed ${what}: try again later`);
}

export class Authenticator {
  readonly signInPerAddress: FailureLimiter;
  readonly signInPerAccount: FailureLimiter;
  readonly tokenPerAddress: FailureLimiter;
  private readonly sampler: LogSampler;

  constructor(private readonly deps: AuthenticatorDeps) {
    const limits = deps.limits ?? THROTTLE_LIMITS;
    const limiter = (limit: ThrottleLimits['signInPerAddress']) =>
      new FailureLimiter({ ...limit, maxKeys: limits.maxKeys, now: deps.now });
    this.signInPerAddress = limiter(limits.signInPerAddress);
    this.signInPerAccount = limiter(limits.signInPerAccount);
    this.tokenPerAddress = limiter(limits.tokenPerAddress);
    this.sampler = new LogSampler(REFUSAL_LOG_WINDOW_MS, deps.now);
  }

  /** Whether anyone can authenticate at all: an admin token is configured, or an enabled user exists. */
  get apiEnabled(): boolean {
    return this.deps.tokens.hasAdminToken || this.deps.users.hasEnabledUsers();
  }

  /** The express middleware: sets the principal, or answers 401, 403, 429 or 503. */
  readonly middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (!this.apiEnabled)
      return sendError(
        res,
        503,
        'API_DISABLED',
        'the fleet API is disabled: set GUICHET_ADMIN_TOKEN or create a user (guichet users add)',
      );
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      const result = this.checkBearer(req, bearer);
      if (result.kind === 'throttled') return sendRateLimited(res, result.decision, 'API token attempts');
      if (result.kind === 'refused') {
        res.set('WWW-Authenticate', 'Bearer realm="guichet"');
        return sendError(res, 401, 'AUTH_REQUIRED', 'the API token is unknown, revoked or expired');
      }
      setPrincipal(res, result.principal);
      return next();
    }
    const sessionId = cookieValue(req.get('cookie'), SESSION_COOKIE);
    const session = this.deps.sessions.lookup(sessionId);
    if (session) {
      const csrf = req.get('x-csrf-token');
      if (!SAFE_METHODS.has(req.method) && (csrf === undefined || !sameToken(csrf, session.csrfToken)))
        return sendError(res, 403, 'CSRF_REQUIRED', 'a signed-in change needs the X-CSRF-Token header of the session');
      setPrincipal(res, session.principal);
      return next();
    }
    res.set('WWW-Authenticate', 'Bearer realm="guichet"');
    sendError(
      res,
      401,
      'AUTH_REQUIRED',
      sessionId === undefined
        ? 'sign in, or send an API token (Authorization: Bearer …)'
        : 'the session has ended: sign in again',
    );
  };

  /** The principal of a request's credential, for a route that answers everyone but says more to the signed-in. */
  identify(req: Request): Principal | undefined {
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      const result = this.checkBearer(req, bearer);
      return result.kind === 'ok' ? result.principal : undefined;
    }
    return this.deps.sessions.lookup(cookieValue(req.get('cookie'), SESSION_COOKIE))?.principal;
  }

  /**
   * The principal of a socket.io handshake (the console's namespace): a bearer token in `auth.token`, throttled
   * like the API's, else the session cookie the browser sends. `throttled` carries how long to wait.
   */
  principalOfHandshake(handshake: {
    token?: unknown;
    cookie: string | undefined;
    address: string | undefined;
  }):
    | { principal: Principal }
    | { refused: 'no-credential' | 'invalid' }
    | { refused: 'throttled'; retryAfterMs: number } {
    if (!this.apiEnabled) return { refused: 'no-credential' };
    if (handshake.token !== undefined) {
      const address = addressKey(handshake.address);
      const decision = this.tokenPerAddress.check(address);
      if (!decision.allowed) return { refused: 'throttled', retryAfterMs: decision.retryAfterMs };
      const principal =
        typeof handshake.token === 'string' ? this.deps.tokens.authenticate(handshake.token) : undefined;
      if (principal) return { principal };
      this.tokenPerAddress.fail(address);
      this.logRefusal('token', address);
      return { refused: 'invalid' };
    }
    const session = this.deps.sessions.lookup(cookieValue(handshake.cookie, SESSION_COOKIE));
    if (session) return { principal: session.principal };
    return { refused: handshake.cookie === undefined ? 'no-credential' : 'invalid' };
  }

  /** Logs a refusal, at most once per address and kind per minute (with how many were not logged). */
  logRefusal(kind: 'token' | 'sign-in', address: string, extra: Record<string, unknown> = {}): void {
    const suppressed = this.sampler.take(`${kind}:${address}`);
    if (suppressed === undefined) return;
    this.deps.log.warn(
      { component: 'auth', event: `auth.${kind}-refused`, address, suppressed, ...extra },
      kind === 'token' ? 'API token refused' : 'sign-in refused',
    );
  }

  private checkBearer(
    req: Request,
    token: string,
  ):
    | { kind: 'ok'; principal: Principal }
    | { kind: 'refused' }
    | { kind: 'throttled'; decision: Extract<LimitDecision, { allowed: false }> } {
    const address = requestAddress(req);
    const decision = this.tokenPerAddress.check(address);
    if (!decision.allowed) {
      this.logRefusal('token', address, { throttled: true });
      return { kind: 'throttled', decision };
    }
    const principal = this.deps.tokens.authenticate(token);
    if (principal) return { kind: 'ok', principal };
    this.tokenPerAddress.fail(address);
    this.logRefusal('token', address);
    return { kind: 'refused' };
  }
}

/** The token of an `Authorization: Bearer …` header; undefined without one (an empty or malformed one is ''). */
function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
}
