// The outcome of one delivery attempt: delivered, worth retrying (receiver down, 5xx, timeout), or refused for good
// (4xx, SMTP 5xx): a permanent refusal is a configuration error for an operator, not something time will fix.
export type DeliveryResult = { ok: true } | { ok: false; permanent: boolean; reason: string };

export const delivered: DeliveryResult = { ok: true };

/** A short reason for logs and the outbox row (never the message itself). */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof code === 'string' ? `${code}: ${message}` : message).slice(0, 300);
}
