// One HTTP request as an issuer's route handlers see it, and the JSON answer they give.

export interface Exchange {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when absent or not JSON. */
  body: unknown;
}

export interface Reply {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

export function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
