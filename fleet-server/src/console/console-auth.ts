// Who opens a console: the socket.io handshake carries a session cookie (the browser sends it) or a bearer API token
// in `auth.token` (scripts, the benchmark). Each way is a HandshakeAuthenticator; the first that knows the caller wins.
import type { Socket } from 'socket.io';
import { GuichetError } from '@guichet/shared';
import type { Principal } from '../auth/principal';
import { ConsoleHandshakeAuth, ConsoleRefusalCode } from './console-protocol';

export type Handshake = Socket['handshake'];
export type HandshakeAuthenticator = (handshake: Handshake) => Principal | undefined;

/** The connect_error codes a console may receive (in `error.data.code`). */
export const ConsoleRefusal = {
  required: ConsoleRefusalCode.enum.CONSOLE_AUTH_REQUIRED,
  failed: ConsoleRefusalCode.enum.CONSOLE_AUTH_FAILED,
  origin: ConsoleRefusalCode.enum.CONSOLE_ORIGIN_REFUSED,
  badHandshake: ConsoleRefusalCode.enum.CONSOLE_BAD_HANDSHAKE,
} as const;

/** The handshake's `auth`, validated (absent: defaults). */
export function consoleHandshakeAuth(handshake: Handshake): ConsoleHandshakeAuth {
  const parsed = ConsoleHandshakeAuth.safeParse(handshake.auth ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuichetError(
      ConsoleRefusal.badHandshake,
      `handshake auth: ${issue?.path.join('.') || 'auth'}: ${issue?.message ?? 'malformed'}; expected { token?, snapshotEncoding?: 'json' | 'gzip' }`,
    );
  }
  return parsed.data;
}

export function handshakeToken(handshake: Handshake): string | undefined {
  const auth = handshake.auth as Record<string, unknown> | undefined;
  const token = auth?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** A bearer API token in `auth.token`, checked by the API's own token store (ApiTokens.authenticate). */
export function tokenAuthenticator(tokens: {
  authenticate(token: string): Principal | undefined;
}): HandshakeAuthenticator {
  return (handshake) => {
    const token = handshakeToken(handshake);
    return token === undefined ? undefined : tokens.authenticate(token);
  };
}

/** A session cookie, checked by the session store (SessionStore.principalFromCookieHeader). */
export function cookieAuthenticator(sessions: {
  principalFromCookieHeader(cookieHeader: string | undefined): Principal | undefined;
}): HandshakeAuthenticator {
  return (handshake) => sessions.principalFromCookieHeader(handshake.headers.cookie);
}

export function anyOf(...ways: HandshakeAuthenticator[]): HandshakeAuthenticator {
  return (handshake) => {
    for (const way of ways) {
      const principal = way(handshake);
      if (principal) return principal;
    }
    return undefined;
  };
}

/**
 * The console's principal, or a coded refusal. A browser's cookie is sent to this server by any page that opens a
 * socket to it, so a handshake carrying a cookie and an Origin must come from a page of this server (the Origin's host
 * is the Host it asked for): another site cannot open a technician's console in their browser.
 */
export function authenticateConsole(handshake: Handshake, authenticate: HandshakeAuthenticator): Principal {
  const token = consoleHandshakeAuth(handshake).token;
  const cookie = handshake.headers.cookie;
  if (token === undefined && !cookie)
    throw new GuichetError(
      ConsoleRefusal.required,
      'sign in first: the console needs a session cookie or an API token in auth.token',
    );
  const origin = handshake.headers.origin;
  // Checked whenever a cookie came, token or not: a page elsewhere could add a made-up token to ride the cookie.
  if (cookie && origin !== undefined && !sameHost(origin, handshake.headers.host))
    throw new GuichetError(ConsoleRefusal.origin, 'the console opens only from pages of this server');
  const principal = authenticate(handshake);
  if (!principal)
    throw new GuichetError(ConsoleRefusal.failed, 'the session or token is not valid (signed out or expired?)');
  return principal;
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
