// Health's address-change rules behind the SOAP service (PROTOCOL.md): validate a health card by number and
// version code, record an address change once per client reference, find one by client reference. The HCV
// response codes are the service's own; transport-free.
import { isoDate } from '../common/dates';
import type { SimStore } from '../common/sim-store';
import type { SeedHealthCard } from '../test-data';
import { child, text, type SoapFault, type XmlElement } from './soap';

export const RESPONSE_CODES = {
  '50': 'CARD PASSED VALIDATION',
  '05': 'HEALTH NUMBER NOT ON FILE',
  '10': 'HEALTH NUMBER NOT 10 DIGITS',
  '65': 'INVALID VERSION CODE',
  '70': 'CARD REPORTED LOST, STOLEN OR REPLACED',
  '75': 'CARD EXPIRED - RENEW AT SERVICEONTARIO',
  '80': 'ADDRESS INCOMPLETE',
} as const;
export type ResponseCode = keyof typeof RESPONSE_CODES;

export type ServiceAnswer =
  { kind: 'body'; operation: string; content: XmlElement } | { kind: 'fault'; fault: SoapFault };

export interface ServiceContext {
  cards: readonly SeedHealthCard[];
  store: SimStore;
  today: Date;
  rejects: string | undefined;
}

const clientFault = (faultstring: string): ServiceAnswer => ({
  kind: 'fault',
  fault: { faultcode: 'soap:Client', faultstring },
});
const refusal = (code: string, description: string): ServiceAnswer => ({
  kind: 'fault',
  fault: { faultcode: 'soap:Client', faultstring: 'Validation failed', responseCode: code, description },
});

function checkCard(content: XmlElement, ctx: ServiceContext): { code: ResponseCode; card?: SeedHealthCard } {
  const number = text(content, 'HealthNumber') ?? '';
  const version = (text(content, 'VersionCode') ?? '').toUpperCase();
  if (!/^\d{10}$/.test(number)) return { code: '10' };
  const card = ctx.cards.find((c) => c.number === number);
  if (!card) return { code: '05' };
  if (card.version !== version) return { code: '65' };
  if (card.status !== 'ACTIVE') return { code: '70' };
  if (card.expiry < isoDate(ctx.today)) return { code: '75' };
  return { code: '50', card };
}

const confirmation = (today: Date) => (sequence: number) =>
  `HCA${today.getUTCFullYear()}-${String(sequence).padStart(7, '0')}`;

export function runOperation(operation: string, content: XmlElement, ctx: ServiceContext): ServiceAnswer {
  switch (operation) {
    case 'ValidateCard': {
      if (ctx.rejects !== undefined) return refusal(ctx.rejects, 'REFUSED BY HOST');
      const { code, card } = checkCard(content, ctx);
      return {
        kind: 'body',
        operation: 'ValidateCardResponse',
        content: {
          Result: {
            ResponseCode: code,
            ResponseDescription: RESPONSE_CODES[code],
            ...(card ? { ExpiryDate: card.expiry } : {}),
          },
        },
      };
    }
    case 'SubmitAddressChange': {
      const clientReference = text(content, 'ClientReference') ?? '';
      if (clientReference === '') return clientFault('ClientReference is required');
      const existing = ctx.store.byClientReference(clientReference);
      if (existing) return submitted(existing.reference, existing.createdAt);
      if (ctx.rejects !== undefined) return refusal(ctx.rejects, 'REFUSED BY HOST');
      const { code } = checkCard(content, ctx);
      if (code !== '50') return refusal(code, RESPONSE_CODES[code]);
      const address = child(content, 'Address');
      const line1 = address && text(address, 'Line1');
      const city = address && text(address, 'City');
      const postal = address && text(address, 'PostalCode');
      if (!address || !line1 || !city || !postal || !/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(postal))
        return refusal('80', RESPONSE_CODES['80']);
      const { record } = ctx.store.recordOnce(
        {
          clientReference,
          kind: 'ADDRESS_CHANGE',
          subject: text(content, 'HealthNumber') ?? '',
          amountCents: 0,
          data: {
            line1,
            line2: text(address, 'Line2') ?? '',
            city,
            province: text(address, 'Province') ?? '',
            postalCode: postal,
          },
          createdAt: ctx.today.toISOString(),
        },
        confirmation(ctx.today),
      );
      return submitted(record.reference, record.createdAt);
    }
    case 'FindSubmission': {
      const clientReference = text(content, 'ClientReference') ?? '';
      if (clientReference === '') return clientFault('ClientReference is required');
      const found = ctx.store.byClientReference(clientReference);
      return {
        kind: 'body',
        operation: 'FindSubmissionResponse',
        content: found ? { Found: 'true', ConfirmationNumber: found.reference } : { Found: 'false' },
      };
    }
    default:
      return clientFault(`Unknown operation ${operation}`);
  }
}

function submitted(reference: string, createdAt: string): ServiceAnswer {
  return {
    kind: 'body',
    operation: 'SubmitAddressChangeResponse',
    content: { ConfirmationNumber: reference, EffectiveDate: createdAt.slice(0, 10) },
  };
}
