// Real receivers for the alerts' tests, on 127.0.0.1: an HTTP webhook receiver that answers a chosen status, and an
// SMTP sink (smtp-server) that parses what it accepts (mailparser). Both can go down and come back on the same port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** The status answered to the next requests. */
  status = 200;
  /** Runs as each request is answered (a test's hook into "the receiver has it now"). */
  onRequest: (() => void) | undefined;
  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = http.createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = receiver.status;
        receiver.onRequest?.();
        receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/guichet`;
  }

  /** Requests answered 2xx. */
  get accepted(): ReceivedRequest[] {
    return this.requests.filter((r) => r.status < 300);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  headers: Map<string, unknown>;
}

export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Recipients refused with 550 (a mailbox that does not exist). */
  readonly refuse = new Set<string>();
  private server: SMTPServer | undefined;
  port = 0;

  /** Listens on 127.0.0.1 (the same port as before after a stop, else a free one). */
  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refuse.has(address.address)) return callback();
        const error = Object.assign(new Error('no such mailbox'), { responseCode: 550 });
        callback(error);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              headers: mail.headers,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening: connections to its port are refused until the next start. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
