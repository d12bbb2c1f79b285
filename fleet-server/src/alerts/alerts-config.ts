// The alerts file (GUICHET_ALERTS_FILE): where alerts go (webhooks, an SMTP relay), who gets them (primary and
// secondary contacts) and when (clock warning, escalation delay). Read once at start-up; a bad file stops the server
// with one line naming the file and the field rather than running with alerts silently going nowhere.
import fs from 'node:fs';
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';

const Webhook = z.object({
  /** How contacts refer to it. */
  name: z.string().min(1).max(64),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** Signs each body: header `X-Guichet-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
});

const Smtp = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it (587, 25). */
  secure: z.boolean().default(false),
  from: z.string().min(3),
  auth: z.object({ user: z.string().min(1), pass: z.string().min(1) }).optional(),
});

const Contact = z.object({
  email: z.array(z.email({ error: 'must be an e-mail address' })).default([]),
  webhooks: z.array(z.string().min(1)).default([]),
});

export const AlertsConfig = z
  .object({
    webhooks: z.array(Webhook).default([]),
    smtp: Smtp.optional(),
    contacts: z.object({ primary: Contact, secondary: Contact }),
    /** An incident's first alert not acknowledged after this long is sent to the secondary contact. */
    escalateAfterMinutes: z.number().positive().default(30),
    /** An open repair clock with this much time left (or less) raises a warning (repair limit: 120 min). */
    clockWarningMinutes: z.number().positive().default(30),
    /** Prefixes the console link in messages (e.g. https://fleet.example.org); absent: the path alone. */
    consoleBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    config.webhooks.forEach((hook, i) => {
      if (names.has(hook.name))
        ctx.addIssue({ code: 'custom', path: ['webhooks', i, 'name'], message: `duplicate webhook name ${hook.name}` });
      names.add(hook.name);
    });
    for (const role of ['primary', 'secondary'] as const) {
      const contact = config.contacts[role];
      if (contact.email.length + contact.webhooks.length === 0)
        ctx.addIssue({ code: 'custom', path: ['contacts', role], message: 'needs at least one e-mail or webhook' });
      contact.webhooks.forEach((name, i) => {
        if (!names.has(name))
          ctx.addIssue({
            code: 'custom',
            path: ['contacts', role, 'webhooks', i],
            message: `no webhook named ${name}`,
          });
      });
      if (contact.email.length > 0 && !config.smtp)
        ctx.addIssue({ code: 'custom', path: ['smtp'], message: `contacts.${role} has e-mail addresses but no smtp` });
    }
  });
export type AlertsConfig = z.infer<typeof AlertsConfig>;
export type WebhookConfig = z.infer<typeof Webhook>;
export type SmtpConfig = z.infer<typeof Smtp>;

/** Validates an alerts configuration object; the error names the first bad field. */
export function parseAlertsConfig(data: unknown, source = 'alerts configuration'): AlertsConfig {
  const parsed = AlertsConfig.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  const where = first.path.length > 0 ? first.path.join('.') : '(root)';
  throw new GuichetError('ALERTS_FILE_INVALID', `${source}: ${where}: ${first.message}`, {
    details: { issues: z.treeifyError(parsed.error) },
  });
}

/** Reads and validates the alerts file; unreadable, not JSON or invalid: a typed error naming the file. */
export function loadAlertsFile(file: string): AlertsConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GuichetError('ALERTS_FILE_UNREADABLE', `${file}: cannot read the alerts file`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new GuichetError('ALERTS_FILE_NOT_JSON', `${file}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  return parseAlertsConfig(json, file);
}
