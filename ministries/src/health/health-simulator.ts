// Health's SOAP 1.1 address-change service over HTTP (PROTOCOL.md). Faults: slow, down, rejects (a validation
// fault), a truncated envelope, and duplicate delivery (the request reaches the back end twice).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from '../common/http-body';
import { SimulatorBase, type SimulatorOptions } from '../common/simulator-base';
import { SEED_HEALTH_CARDS, type SeedHealthCard } from '../test-data';
import { runOperation, type ServiceAnswer } from './address-change-service';
import { buildBody, buildFault, MAX_ENVELOPE_BYTES, parseEnvelope, SERVICE_PATH, SoapError } from './soap';

export interface HealthSimulatorOptions extends SimulatorOptions {
  cards?: readonly SeedHealthCard[];
}

export class HealthSimulator extends SimulatorBase {
  private readonly cards: readonly SeedHealthCard[];

  private constructor(options: HealthSimulatorOptions) {
    const server = createServer((request, response) => void this.handle(request, response));
    super(server, 'health.sqlite', options);
    this.cards = options.cards ?? SEED_HEALTH_CARDS;
  }

  static async start(options: HealthSimulatorOptions): Promise<HealthSimulator> {
    const simulator = new HealthSimulator(options);
    await simulator.begin(options);
    return simulator;
  }

  /** The service URL (POST SOAP envelopes here). */
  get url(): string {
    return `http://${this.address.host}:${this.address.port}${SERVICE_PATH}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url !== SERVICE_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    let body: string;
    try {
      body = await readBody(request, MAX_ENVELOPE_BYTES);
    } catch {
      response.writeHead(413, { 'content-type': 'text/plain' }).end('Request Entity Too Large');
      return;
    }
    this.countRequest();
    const faults = this.faults;
    let answer: ServiceAnswer;
    try {
      const message = parseEnvelope(body);
      if (message.kind === 'fault') throw new SoapError('HEALTH_NOT_SOAP', 'a request cannot be a Fault');
      const run = () =>
        runOperation(message.operation, message.content, {
          cards: this.cards,
          store: this.store,
          today: this.now(),
          rejects: faults.rejects,
        });
      answer = run();
      if (faults.answersTwice) run();
    } catch (error) {
      // An unreadable request is the caller's fault; anything else is the service failing (soap:Server).
      answer =
        error instanceof SoapError
          ? { kind: 'fault', fault: { faultcode: 'soap:Client', faultstring: error.message } }
          : { kind: 'fault', fault: { faultcode: 'soap:Server', faultstring: 'Internal service error' } };
    }
    await this.delays.wait(faults.delayMs);
    const xml = answer.kind === 'body' ? buildBody(answer.operation, answer.content) : buildFault(answer.fault);
    if (response.destroyed) return;
    response
      .writeHead(answer.kind === 'fault' ? 500 : 200, { 'content-type': 'text/xml; charset=utf-8' })
      .end(faults.malformed ? xml.slice(0, Math.floor(xml.length / 2)) : xml);
  }
}

export function startHealthSimulator(options: HealthSimulatorOptions): Promise<HealthSimulator> {
  return HealthSimulator.start(options);
}
