// Posts an alert's JSON to a webhook: signed with HMAC-SHA256 when the webhook has a secret, tagged with the
// delivery id (a retry after a lost answer carries the same id, so receivers can drop the duplicate). 2xx is
// delivered; 5xx, 408, 429, a timeout or a refused connection are retried; any other answer is refused for good.
import crypto from 'node:crypto';
import type { WebhookConfig } from './alerts-config';
import { delivered, failureReason, type DeliveryResult } from './delivery-result';

export const SIGNATURE_HEADER = 'x-guichet-signature';
export const DELIVERY_HEADER = 'x-guichet-delivery';

/** `sha256=<hex>` of the exact body bytes under the webhook's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function postWebhook(
  hook: WebhookConfig,
  payload: Record<string, unknown>,
  deliveryId: string,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'guichet-fleet-alerts',
    [DELIVERY_HEADER]: deliveryId,
  };
  if (hook.secret !== undefined) headers[SIGNATURE_HEADER] = signBody(hook.secret, body);
  let response: Response;
  try {
    response = await fetch(hook.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // Refused, reset, DNS, timeout: the receiver is down or unreachable, which time may fix.
    return { ok: false, permanent: false, reason: failureReason((error as Error).cause ?? error) };
  }
  await response.body?.cancel();
  if (response.status >= 200 && response.status < 300) return delivered;
  const transient = response.status >= 500 || response.status === 408 || response.status === 429;
  return { ok: false, permanent: !transient, reason: `HTTP ${response.status}` };
}
