// Sends alerts by e-mail through an SMTP relay (nodemailer). A connection per message (alerts are rare; nothing
// to keep open). An SMTP 5xx (unknown mailbox, authentication refused) is refused for good; a refused connection,
// a timeout or a 4xx is retried.
import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpConfig } from './alerts-config';
import { delivered, failureReason, type DeliveryResult } from './delivery-result';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable across retries: lets a mail client thread or drop a duplicate. */
  deliveryId: string;
}

export class EmailChannel {
  private readonly transport: Transporter;

  constructor(
    private readonly smtp: SmtpConfig,
    timeoutMs = 30_000,
  ) {
    this.transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.pass } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(message: EmailMessage): Promise<DeliveryResult> {
    try {
      await this.transport.sendMail({
        from: this.smtp.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'X-Guichet-Delivery': message.deliveryId },
      });
      return delivered;
    } catch (error) {
      const responseCode = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
      return { ok: false, permanent, reason: failureReason(error) };
    }
  }

  close(): void {
    this.transport.close();
  }
}
