// Health (SOAP 1.1 over HTTP, ministries/src/health/PROTOCOL.md): ValidateCard to check a health card by number
// and version code, SubmitAddressChange with our transaction id as ClientReference, FindSubmission for lookup.
// A validation fault (soap:Client with a response code) is a refusal; soap:Server, HTTP errors, a dropped
// connection or an envelope we cannot read mean the outcome is unknown.
import type { Cents } from '@guichet/shared';
import {
  buildBody,
  child,
  parseEnvelope,
  SERVICE_PATH,
  SoapError,
  text,
  type SoapFault,
  type XmlElement,
} from '@guichet/ministries/health/soap';
import {
  MinistryUnavailableError,
  type CommitOutcome,
  type LookupOutcome,
  type MinistryAdapter,
  type MinistryRequest,
  type Validation,
} from '../ministry-adapter';
import {
  missingField,
  resolveAdapterOptions,
  unsupported,
  type AdapterOptions,
  type ResolvedAdapterOptions,
} from './adapter-options';
import { TimeoutSignal, withDeadline } from './deadline';
import { fetchFailureReason, serverErrorReason } from './http-failure';

export interface HealthEndpoint {
  /** Base URL of the service host, e.g. http://127.0.0.1:8081 (the service path is fixed). */
  url: string;
}

const MINISTRY = 'health' as const;

/** HCV response codes → the refusal codes the hub and kiosk act on. */
const REFUSALS: Record<string, string> = {
  '05': 'NOT_ON_FILE',
  '10': 'HEALTH_NUMBER_INVALID',
  '65': 'INVALID_VERSION_CODE',
  '70': 'CARD_REPLACED',
  '75': 'CARD_EXPIRED',
  '80': 'ADDRESS_INCOMPLETE',
};

type Refused = { outcome: 'refused'; code: string; message: string };
type Answer = { kind: 'body'; content: XmlElement } | { kind: 'refused'; refused: Refused };

function refusalFromFault(fault: SoapFault): Refused {
  if (fault.responseCode === undefined)
    return { outcome: 'refused', code: 'REQUEST_REJECTED', message: fault.faultstring || 'request rejected' };
  return {
    outcome: 'refused',
    code: REFUSALS[fault.responseCode] ?? `HCV_${fault.responseCode}`,
    message: fault.description || fault.faultstring,
  };
}

export class HealthAdapter implements MinistryAdapter {
  readonly ministryId = MINISTRY;
  private readonly options: ResolvedAdapterOptions;
  private readonly url: string;

  constructor(endpoint: HealthEndpoint, options?: AdapterOptions) {
    this.options = resolveAdapterOptions(options);
    this.url = new URL(SERVICE_PATH, endpoint.url).toString();
  }

  private card(request: MinistryRequest): { HealthNumber: string; VersionCode: string } {
    const { details } = request;
    if (details.serviceId !== 'change-of-address') throw unsupported(MINISTRY, details);
    if (!details.healthCardNumber) throw missingField(MINISTRY, 'healthCardNumber');
    return { HealthNumber: details.healthCardNumber.slice(0, 10), VersionCode: details.healthCardNumber.slice(10) };
  }

  async validate(request: MinistryRequest): Promise<Validation> {
    const answer = await this.call('ValidateCard', this.card(request), 'ValidateCardResponse');
    if (answer.kind === 'refused') return answer.refused;
    const result = child(answer.content, 'Result');
    const code = result && text(result, 'ResponseCode');
    if (code === undefined) throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    if (code !== '50')
      return {
        outcome: 'refused',
        code: REFUSALS[code] ?? `HCV_${code}`,
        message: (result && text(result, 'ResponseDescription')) ?? '',
      };
    return { outcome: 'valid', lines: [] };
  }

  async commit(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome> {
    const card = this.card(request);
    if (request.details.serviceId !== 'change-of-address') throw unsupported(MINISTRY, request.details);
    const address = request.details.newAddress;
    const answer = await this.call(
      'SubmitAddressChange',
      {
        ...card,
        ClientReference: request.txId,
        Address: {
          Line1: address.street,
          Line2: address.unit ? `UNIT ${address.unit}` : '',
          City: address.city,
          Province: address.province,
          PostalCode: address.postalCode,
        },
      },
      'SubmitAddressChangeResponse',
    );
    if (answer.kind === 'refused') return answer.refused;
    const reference = text(answer.content, 'ConfirmationNumber');
    if (!reference) throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    const effective = text(answer.content, 'EffectiveDate');
    this.options.logger?.info({ component: 'ministry-adapter', ministryId: MINISTRY, txId: request.txId }, 'committed');
    return {
      outcome: 'committed',
      reference,
      lines: [
        { label: 'ministry.reference', value: reference },
        ...(effective ? [{ label: 'health.effectiveDate', value: effective }] : []),
      ],
    };
  }

  async lookup(txId: string): Promise<LookupOutcome> {
    const answer = await this.call('FindSubmission', { ClientReference: txId }, 'FindSubmissionResponse');
    if (answer.kind === 'refused') throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    const found = text(answer.content, 'Found');
    const reference = text(answer.content, 'ConfirmationNumber');
    if (found === 'false') return { outcome: 'not-found' };
    if (found === 'true' && reference) return { outcome: 'committed', reference };
    throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async call(operation: string, content: XmlElement, expected: string): Promise<Answer> {
    const envelope = buildBody(operation, content);
    let status: number;
    let xml: string;
    try {
      ({ status, xml } = await withDeadline(this.options.startTimer, this.options.timeoutMs, async (signal) => {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"urn:hcas/${operation}"` },
          body: envelope,
          signal,
        });
        return { status: response.status, xml: await response.text() };
      }));
    } catch (error) {
      if (error instanceof TimeoutSignal) throw new MinistryUnavailableError(MINISTRY, 'timeout');
      if (error instanceof Error && error.name === 'AbortError')
        throw new MinistryUnavailableError(MINISTRY, 'timeout');
      throw new MinistryUnavailableError(MINISTRY, fetchFailureReason(error), error);
    }
    if (status !== 200 && status !== 500) throw new MinistryUnavailableError(MINISTRY, serverErrorReason(status));
    let message;
    try {
      message = parseEnvelope(xml);
    } catch (error) {
      if (error instanceof SoapError) throw new MinistryUnavailableError(MINISTRY, 'malformed-answer', error);
      throw error;
    }
    if (message.kind === 'fault') {
      if (message.fault.faultcode.endsWith('Server')) throw new MinistryUnavailableError(MINISTRY, 'down');
      return { kind: 'refused', refused: refusalFromFault(message.fault) };
    }
    if (message.operation !== expected) throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    return { kind: 'body', content: message.content };
  }
}
