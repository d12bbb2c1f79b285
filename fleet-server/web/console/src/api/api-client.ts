// The fleet REST API from the browser: same-origin fetch with the session cookie, the CSRF token (held in memory
// only, never in storage) on every change, and the server's `{ error: { code, message } }` as a typed ApiError.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SessionUser {
  username: string;
  role: string;
  region?: string;
  ministry?: string;
}

export interface SessionBody {
  user: SessionUser;
  csrfToken: string;
}

let csrfToken: string | undefined;

/** The API root, relative to the console's own URL (/console/ → /api/v1/). */
function apiUrl(path: string): string {
  return new URL(`../api/v1${path}`, location.href).toString();
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(response.status, body.error?.code ?? `HTTP_${response.status}`, body.error?.message ?? '');
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(apiUrl(path), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A GET whose answer is text (NDJSON exports). */
export async function apiText(path: string): Promise<string> {
  const response = await fetch(apiUrl(path), { credentials: 'same-origin' });
  if (!response.ok) throw await errorOf(response);
  return response.text();
}

/** The signed-in user, or undefined when signed out (the token for later changes is kept in memory). */
export async function currentSession(): Promise<SessionUser | undefined> {
  try {
    const session = await api<SessionBody>('GET', '/session');
    csrfToken = session.csrfToken;
    return session.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const session = await api<SessionBody>('POST', '/session', { username, password });
  csrfToken = session.csrfToken;
  return session.user;
}

export async function signOut(): Promise<void> {
  try {
    await api<unknown>('DELETE', '/session');
  } finally {
    csrfToken = undefined;
  }
}
