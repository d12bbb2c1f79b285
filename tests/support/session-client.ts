// Test support: sign a person in to a real fleet server over HTTP, as the console does, and keep what a browser
// would: the session cookie (for a Cookie header) and the CSRF token (for X-CSRF-Token on changes).
export interface SignedIn {
  status: number;
  body: { user?: Record<string, unknown>; csrfToken?: string; error?: { code: string; message: string } };
  /** The raw Set-Cookie headers of the answer. */
  setCookie: string[];
  /** `guichet_session=…`, ready for a Cookie header ('' when refused). */
  cookie: string;
  /** The session's CSRF token ('' when refused). */
  csrf: string;
}

/** POST /api/v1/session; `headers` adds e.g. X-Forwarded-For. */
export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as SignedIn['body'];
  const setCookie = res.headers.getSetCookie();
  return { status: res.status, body, setCookie, cookie: setCookie[0]?.split(';')[0] ?? '', csrf: body.csrfToken ?? '' };
}

/** Headers of a signed-in request: the cookie, and the CSRF token for unsafe methods. */
export function sessionHeaders(session: Pick<SignedIn, 'cookie' | 'csrf'>): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}
