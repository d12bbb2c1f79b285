// Sign-in for people: POST /api/v1/session checks a user name and password (throttled per address and per account
// before the password is checked) and sets the HttpOnly, SameSite=Strict session cookie; GET tells the console who
// is signed in and its CSRF token; DELETE signs out. The session id never appears in a body, a URL or a log.
import type { Response } from 'express';
import { z } from 'zod';
import { MinistryId } from '@guichet/shared';
import { defineRoute, type ApiRoute } from '../http/api-route';
import { sendError } from '../http/http-errors';
import type { Logger } from '../logging/logger';
import { requestAddress, sendRateLimited, type Authenticator } from './authenticator';
import { MAX_PASSWORD_LENGTH } from './password-policy';
import { Role } from './principal';
import { cookieValue, sameToken, SESSION_COOKIE, type Session, type SessionStore } from './session-store';
import type { UserStore } from './user-store';

export interface SessionRouteDeps {
  users: UserStore;
  sessions: SessionStore;
  authenticator: Authenticator;
  log: Logger;
  /** Adds `Secure` to the cookie (GUICHET_COOKIE_SECURE, when browsers reach the server over TLS). */
  cookieSecure: boolean;
  /** The session's absolute lifetime: the cookie's Max-Age. */
  sessionMaxAgeMs: number;
}

const SessionUser = z.object({
  username: z.string(),
  role: Role,
  region: z.string().optional(),
  ministry: MinistryId.optional(),
});
const SessionBody = z.object({ user: SessionUser, csrfToken: z.string() });

const SignIn = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

function sessionBody(session: Session): z.infer<typeof SessionBody> {
  const { username, role, region, ministry } = session.user;
  return {
    user: {
      username,
      role,
      ...(region === undefined ? {} : { region }),
      ...(ministry === undefined ? {} : { ministry }),
    },
    csrfToken: session.csrfToken,
  };
}

const SAME_SITE = 'strict' as const;

export function sessionRoutes(deps: SessionRouteDeps): ApiRoute[] {
  const cookieOptions = { httpOnly: true, sameSite: SAME_SITE, path: '/', secure: deps.cookieSecure };
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');
  return [
    defineRoute({
      method: 'post',
      path: '/session',
      tag: 'people',
      summary: 'Sign in with a user name and password: sets the session cookie, answers the CSRF token',
      access: 'public',
      body: SignIn,
      responses: {
        200: { description: 'Signed in', schema: SessionBody },
        401: { description: 'Wrong user name or password, or a disabled account' },
        429: { description: 'Too many failed sign-ins from this address or for this account (Retry-After)' },
      },
      handler: async ({ req, res, body }) => {
        noStore(res);
        const address = requestAddress(req);
        const account = body.username.toLowerCase();
        const byAddress = deps.authenticator.signInPerAddress.check(address);
        const byAccount = deps.authenticator.signInPerAccount.check(account);
        if (!byAddress.allowed || !byAccount.allowed) {
          deps.authenticator.logRefusal('sign-in', address, { throttled: true });
          const retryAfterMs = Math.max(
            byAddress.allowed ? 0 : byAddress.retryAfterMs,
            byAccount.allowed ? 0 : byAccount.retryAfterMs,
          );
          return sendRateLimited(res, { retryAfterMs }, 'sign-ins');
        }
        // Counted as failed before the check (~0.15 s of scrypt), so a burst of parallel guesses gets no more
        // checks than the limit; a success takes it back.
        deps.authenticator.signInPerAddress.fail(address);
        deps.authenticator.signInPerAccount.fail(account);
        const user = await deps.users.verify(account, body.password);
        if (!user) {
          // The name is logged only when it is a user's: a password typed into the name field stays out of logs.
          deps.authenticator.logRefusal('sign-in', address, deps.users.get(account) ? { username: account } : {});
          return sendError(res, 401, 'SIGN_IN_FAILED', 'wrong user name or password');
        }
        deps.authenticator.signInPerAddress.forgive(address);
        deps.authenticator.signInPerAccount.clear(account);
        deps.sessions.delete(cookieValue(req.get('cookie'), SESSION_COOKIE));
        const session = deps.sessions.create(user);
        res.cookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions, maxAge: deps.sessionMaxAgeMs });
        deps.log.info(
          { component: 'auth', event: 'auth.signed-in', username: user.username, role: user.role, address },
          'signed in',
        );
        res.json(sessionBody(session));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/session',
      tag: 'people',
      summary: 'Who is signed in (and the CSRF token for changes)',
      access: 'public',
      responses: {
        200: { description: 'The signed-in user', schema: SessionBody },
        401: { description: 'Not signed in, or the session has ended' },
      },
      handler: ({ req, res }) => {
        noStore(res);
        const session = deps.sessions.lookup(cookieValue(req.get('cookie'), SESSION_COOKIE));
        if (!session) return sendError(res, 401, 'AUTH_REQUIRED', 'not signed in');
        res.json(sessionBody(session));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/session',
      tag: 'people',
      summary: 'Sign out: ends the session and clears its cookie (needs the X-CSRF-Token header)',
      access: 'public',
      responses: {
        204: { description: 'Signed out (also when no session was open)' },
        403: { description: 'CSRF_REQUIRED: the session is open and the X-CSRF-Token header is missing or wrong' },
      },
      handler: ({ req, res }) => {
        noStore(res);
        const sessionId = cookieValue(req.get('cookie'), SESSION_COOKIE);
        const session = deps.sessions.lookup(sessionId);
        if (session) {
          const csrf = req.get('x-csrf-token');
          if (csrf === undefined || !sameToken(csrf, session.csrfToken))
            return sendError(res, 403, 'CSRF_REQUIRED', 'signing out needs the X-CSRF-Token header of the session');
          deps.sessions.delete(sessionId);
          deps.log.info({ component: 'auth', event: 'auth.signed-out', username: session.user.username }, 'signed out');
        }
        res.clearCookie(SESSION_COOKIE, cookieOptions);
        res.status(204).end();
      },
    }),
  ];
}
