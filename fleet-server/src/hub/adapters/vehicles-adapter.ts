// Transportation (vehicles mainframe): one TCP connection per request to the socket gateway, one 200-byte
// fixed-width record each way (ministries/src/vehicles/RECORDS.md). The answer must echo our transaction code
// and client reference; anything else on the wire (a duplicate, a stray record) is ignored. An abstract's
// content (licence status, demerits, convictions) is the citizen's record: returned as a TxDocument, never logged.
import { TxDocument, type Cents, type ServiceId } from '@guichet/shared';

import {
  decodeResponse,
  encodeRequest,
  frame,
  FrameReader,
  RC,
  type TranCode,
  type VehiclesRequest,
  type VehiclesResponse,
} from '@guichet/ministries/vehicles/records';
import {
  MinistryUnavailableError,
  type CommitOutcome,
  type LookupOutcome,
  type MinistryAdapter,
  type MinistryDetails,
  type MinistryRequest,
  type Validation,
} from '../ministry-adapter';
import { tcpExchange } from './tcp-exchange';
import {
  missingField,
  resolveAdapterOptions,
  unsupported,
  type AdapterOptions,
  type ResolvedAdapterOptions,
} from './adapter-options';
import { TimeoutSignal, withDeadline } from './deadline';
import { isoFromCompact, mask, type Line } from './lines';

export interface VehiclesEndpoint {
  host: string;
  port: number;
}

/** Mainframe reason codes → the refusal codes the hub and kiosk act on. */
const REFUSALS: Record<string, string> = {
  SUSP: 'LICENCE_SUSPENDED',
  DLEX: 'LICENCE_EXPIRED',
  NOWN: 'NOT_REGISTERED_OWNER',
  NFND: 'NOT_ON_FILE',
  NAVL: 'PLATE_NOT_AVAILABLE',
  PTXT: 'PLATE_TEXT_NOT_PERMITTED',
  ADDR: 'ADDRESS_INCOMPLETE',
};

const MINISTRY = 'transportation' as const;

function blankRequest(tranCode: TranCode, fn: VehiclesRequest['function'], clientRef: string): VehiclesRequest {
  return {
    tranCode,
    function: fn,
    clientRef,
    origin: 'GUICHET',
    licenceNo: '',
    plate: '',
    amountCents: 0,
    street: '',
    unit: '',
    city: '',
    province: '',
    postalCode: '',
  };
}

/** The abstract's columns 61-74 (LIC-STATUS, DEMERITS, CONVICTIONS) as a TxDocument; undefined if unreadable. */
function abstractOf(response: VehiclesResponse): TxDocument | undefined {
  const parsed = TxDocument.safeParse({
    kind: 'driver-record-abstract',
    licenceStatus: response.licenceStatus,
    demeritPoints: response.demerits,
    convictions: response.convictions,
  });
  return parsed.success ? parsed.data : undefined;
}

export class VehiclesAdapter implements MinistryAdapter {
  readonly ministryId = MINISTRY;
  private readonly options: ResolvedAdapterOptions;

  constructor(
    private readonly endpoint: VehiclesEndpoint,
    options?: AdapterOptions,
  ) {
    this.options = resolveAdapterOptions(options);
  }

  private toRequest(request: MinistryRequest, fn: 'V' | 'C', amountCents: number): VehiclesRequest {
    const details: MinistryDetails = request.details;
    const base = blankRequest('VSTK', fn, request.txId);
    const licenceNo = 'licenceNumber' in details ? details.licenceNumber : undefined;
    if (!licenceNo) throw missingField(MINISTRY, 'licenceNumber');
    base.licenceNo = licenceNo;
    base.amountCents = amountCents;
    switch (details.serviceId) {
      case 'vehicle-sticker-renewal':
        return { ...base, tranCode: 'VSTK', plate: details.plate };
      case 'driver-record-abstract':
        return { ...base, tranCode: 'ABST' };
      case 'personalized-plates':
        return { ...base, tranCode: fn === 'V' ? 'PLTQ' : 'PLTO', plate: details.plateText };
      case 'change-of-address': {
        const a = details.newAddress;
        return {
          ...base,
          tranCode: 'ADDR',
          street: a.street,
          unit: a.unit ?? '',
          city: a.city,
          province: a.province,
          postalCode: a.postalCode,
        };
      }
      default:
        throw unsupported(MINISTRY, details);
    }
  }

  private lines(details: MinistryDetails, response: VehiclesResponse): Line[] {
    const lines: Line[] = [];
    if (details.serviceId === 'vehicle-sticker-renewal') {
      lines.push({ label: 'vehicles.plate', value: mask(details.plate) });
      if (response.expiry) lines.push({ label: 'vehicles.permitExpiry', value: isoFromCompact(response.expiry) });
    }
    // The ordered text is a plate: masked like one, since the lines are kept by the hub and the kiosk's journal.
    if (details.serviceId === 'personalized-plates')
      lines.push({ label: 'vehicles.plateText', value: mask(details.plateText) });
    if (response.mtoRef) lines.push({ label: 'ministry.reference', value: response.mtoRef });
    return lines;
  }

  private refusal(response: VehiclesResponse): { outcome: 'refused'; code: string; message: string } {
    const code =
      response.returnCode === RC.badRequest
        ? 'REQUEST_REJECTED'
        : (REFUSALS[response.reason] ?? `MTO_${response.reason || 'REFUSED'}`);
    return { outcome: 'refused', code, message: response.message || 'refused by the ministry' };
  }

  async validate(request: MinistryRequest): Promise<Validation> {
    const response = await this.exchange(this.toRequest(request, 'V', 0));
    if (response.returnCode !== RC.ok) return this.refusal(response);
    const validation: Validation = { outcome: 'valid', lines: this.lines(request.details, response) };
    if (request.details.serviceId === 'vehicle-sticker-renewal')
      validation.priceVariant = response.region === 'N' ? 'northern-ontario' : 'southern-ontario';
    return validation;
  }

  async commit(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome> {
    const response = await this.exchange(this.toRequest(request, 'C', request.amountCents));
    if (response.returnCode !== RC.ok) return this.refusal(response);
    if (response.mtoRef === '') throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    this.options.logger?.info({ component: 'ministry-adapter', ministryId: MINISTRY, txId: request.txId }, 'committed');
    const committed: CommitOutcome = {
      outcome: 'committed',
      reference: response.mtoRef,
      lines: this.lines(request.details, response),
    };
    if (request.details.serviceId !== 'driver-record-abstract') return committed;
    // The abstract is recorded now: an unreadable one must not undo that; the kiosk asks for it again (document()).
    const document = abstractOf(response);
    if (document) committed.document = document;
    else this.unreadableAbstract(request.txId);
    return committed;
  }

  /** The abstract ordered under txId, re-inquired by client reference (LKUP answers with the committed record). */
  async document(txId: string, serviceId: ServiceId): Promise<TxDocument | undefined> {
    if (serviceId !== 'driver-record-abstract') return undefined;
    const response = await this.exchange(blankRequest('LKUP', 'I', txId));
    if (response.returnCode === RC.notFound) return undefined;
    if (response.returnCode !== RC.ok) throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    const document = abstractOf(response);
    if (!document) {
      this.unreadableAbstract(txId);
      throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    }
    return document;
  }

  private unreadableAbstract(txId: string): void {
    // Names the transaction, never the record's values.
    this.options.logger?.warn(
      { component: 'ministry-adapter', ministryId: MINISTRY, txId, code: 'ABSTRACT_UNREADABLE' },
      'the abstract in the answer is unreadable',
    );
  }

  async lookup(txId: string): Promise<LookupOutcome> {
    const response = await this.exchange(blankRequest('LKUP', 'I', txId));
    if (response.returnCode === RC.notFound) return { outcome: 'not-found' };
    if (response.returnCode !== RC.ok || response.mtoRef === '')
      throw new MinistryUnavailableError(MINISTRY, 'malformed-answer');
    return { outcome: 'committed', reference: response.mtoRef };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Sends one record and reads the answer that echoes it; every failure is MinistryUnavailableError. */
  private async exchange(request: VehiclesRequest): Promise<VehiclesResponse> {
    const record = frame(encodeRequest(request));
    try {
      const response = await withDeadline(this.options.startTimer, this.options.timeoutMs, (signal) =>
        this.send(record, request, signal),
      );
      if (response.returnCode === RC.systemUnavailable) throw new MinistryUnavailableError(MINISTRY, 'down');
      return response;
    } catch (error) {
      if (error instanceof TimeoutSignal) throw new MinistryUnavailableError(MINISTRY, 'timeout');
      throw error;
    }
  }

  private send(record: Buffer, request: VehiclesRequest, signal: AbortSignal): Promise<VehiclesResponse> {
    return tcpExchange({
      ministryId: MINISTRY,
      endpoint: { host: this.endpoint.host, port: this.endpoint.port },
      request: record,
      reader: new FrameReader(),
      signal,
      pick: (bytes: Buffer) => {
        const response = decodeResponse(bytes);
        const echoes = response.tranCode === request.tranCode && response.clientRef === request.clientRef;
        const formatError = response.returnCode === RC.badRequest && response.clientRef === '';
        return echoes || formatError ? response : undefined;
      },
    });
  }
}
