// One issuer's fines payment API over HTTP (PROTOCOL.md): attorney-general, city-toronto or city-ottawa, each
// with its own paths, field names, ticket formats and status codes. Faults: slow, down, rejects, a truncated
// JSON body, and duplicate delivery (the payment reaches the back end twice).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from '../common/http-body';
import { SimulatorBase, type SimulatorOptions } from '../common/simulator-base';
import { SEED_AG_TICKETS, SEED_OTTAWA_TICKETS, SEED_TORONTO_TICKETS, type SeedTicket } from '../test-data';
import { attorneyGeneralRoutes } from './issuers/attorney-general';
import { cityOttawaRoutes } from './issuers/city-ottawa';
import { cityTorontoRoutes } from './issuers/city-toronto';
import type { Exchange, Reply } from './issuers/http-exchange';
import type { FinesContext } from './ledger';

export const FINES_ISSUERS = ['attorney-general', 'city-toronto', 'city-ottawa'] as const;
export type FinesIssuer = (typeof FINES_ISSUERS)[number];

const ROUTES: Record<FinesIssuer, (ex: Exchange, ctx: FinesContext) => Reply> = {
  'attorney-general': attorneyGeneralRoutes,
  'city-toronto': cityTorontoRoutes,
  'city-ottawa': cityOttawaRoutes,
};

const SEEDS: Record<FinesIssuer, readonly SeedTicket[]> = {
  'attorney-general': SEED_AG_TICKETS,
  'city-toronto': SEED_TORONTO_TICKETS,
  'city-ottawa': SEED_OTTAWA_TICKETS,
};

export interface FinesSimulatorOptions extends SimulatorOptions {
  issuer: FinesIssuer;
  tickets?: readonly SeedTicket[];
}

export class FinesSimulator extends SimulatorBase {
  readonly issuer: FinesIssuer;
  private readonly tickets: readonly SeedTicket[];

  private constructor(options: FinesSimulatorOptions) {
    const server = createServer((request, response) => void this.handle(request, response));
    super(server, `fines-${options.issuer}.sqlite`, options);
    this.issuer = options.issuer;
    this.tickets = options.tickets ?? SEEDS[options.issuer];
  }

  static async start(options: FinesSimulatorOptions): Promise<FinesSimulator> {
    const simulator = new FinesSimulator(options);
    await simulator.begin(options);
    return simulator;
  }

  get url(): string {
    return `http://${this.address.host}:${this.address.port}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text: string;
    try {
      text = await readBody(request, 16 * 1024);
    } catch {
      response.writeHead(413).end();
      return;
    }
    this.countRequest();
    const faults = this.faults;
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    const url = new URL(request.url ?? '/', 'http://sim');
    const exchange: Exchange = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
    };
    const run = () =>
      ROUTES[this.issuer](exchange, {
        tickets: this.tickets,
        store: this.store,
        today: this.now(),
        rejects: faults.rejects,
      });
    let reply: Reply;
    try {
      reply = run();
      if (faults.answersTwice && exchange.method === 'POST') run();
    } catch {
      reply = { status: 500, json: { error: 'internal error' } };
    }
    await this.delays.wait(faults.delayMs);
    if (response.destroyed) return;
    const json = JSON.stringify(reply.json);
    response
      .writeHead(faults.malformed ? 200 : reply.status, { 'content-type': 'application/json', ...reply.headers })
      .end(faults.malformed ? json.slice(0, Math.max(1, Math.floor(json.length / 2))) : json);
  }
}

export function startFinesSimulator(options: FinesSimulatorOptions): Promise<FinesSimulator> {
  return FinesSimulator.start(options);
}
