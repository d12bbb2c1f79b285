// Security events raised by other parts of the fleet server (e.g. a kiosk link contested by a second connection):
// validated, then turned into an alert deduplicated on the event's identity (kiosk, code, instant).
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';
import { alertKey, type Alert } from './evaluate-alerts';

export const SecurityEvent = z.object({
  kioskId: z.string().min(1).max(64),
  /** A stable code, e.g. LINK_CONTESTED. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an upper-case code like LINK_CONTESTED'),
  /** For technicians; never citizen data (it is sent by e-mail and webhook as is). */
  message: z.string().min(1).max(500),
  at: z.union([z.date(), z.iso.datetime({ offset: true })]),
});
export type SecurityEvent = z.input<typeof SecurityEvent>;

/** The alert for one security event; bad input is refused with ALERT_SECURITY_INVALID. */
export function securityAlert(event: SecurityEvent, now: Date): Alert {
  const parsed = SecurityEvent.safeParse(event);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new GuichetError('ALERT_SECURITY_INVALID', `security event: ${first.path.join('.')}: ${first.message}`);
  }
  const { kioskId, code, message } = parsed.data;
  const at = new Date(parsed.data.at).toISOString();
  const subject = `${kioskId}:${code}:${Date.parse(at)}`;
  return {
    key: alertKey('security', subject),
    trigger: 'security',
    subject,
    audience: 'primary',
    at: now.toISOString(),
    security: { kioskId, code, message, at },
  };
}
