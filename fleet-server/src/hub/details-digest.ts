// The keyed digest that binds a commit to what was quoted without keeping the citizen's details: HMAC-SHA256
// with the hub's secret over a canonical JSON form (keys sorted), so equal details always give equal digests
// and nobody without the secret can test guesses (a plate number has few possible values) against it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TxDetails } from '@guichet/shared';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function detailsDigest(secret: Buffer, details: TxDetails): string {
  return createHmac('sha256', secret).update(canonical(details)).digest('base64url');
}

export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
