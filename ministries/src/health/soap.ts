// SOAP 1.1 envelopes for Health's address-change service (PROTOCOL.md): build a request/response/fault
// envelope, and read one back into its body element or its fault. XML is checked and parsed by fast-xml-parser
// with namespace prefixes dropped (callers may use any prefix) and every value kept as text; anything that is
// not a well-formed SOAP envelope is a typed error, never a crash.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { GuichetError } from '@guichet/shared';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const HCAS_NS = 'http://moh.gov.on.ca/hcas/2009/06';
export const SERVICE_PATH = '/moh/hcas/AddressChangeService';
export const MAX_ENVELOPE_BYTES = 64 * 1024;

export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [name: string]: XmlValue;
}

export interface SoapFault {
  faultcode: string;
  faultstring: string;
  /** The service's fault detail: the HCV response code and its description, when a business rule refused. */
  responseCode?: string;
  description?: string;
}

export type SoapMessage =
  { kind: 'body'; operation: string; content: XmlElement } | { kind: 'fault'; fault: SoapFault };

export class SoapError extends GuichetError<'HEALTH_BAD_XML' | 'HEALTH_NOT_SOAP'> {}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

/** Prefixes every element of `content` with `hcas:` (the service's namespace). */
function qualify(content: XmlValue): XmlValue {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(qualify);
  const out: XmlElement = {};
  for (const [name, value] of Object.entries(content)) out[`hcas:${name}`] = qualify(value);
  return out;
}

function envelope(body: XmlElement): string {
  const xml = builder.build({
    'soap:Envelope': { '@_xmlns:soap': SOAP_ENV_NS, '@_xmlns:hcas': HCAS_NS, 'soap:Body': body },
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml}`;
}

/** `<soap:Envelope><soap:Body><hcas:{operation}>…` */
export function buildBody(operation: string, content: XmlElement): string {
  return envelope({ [`hcas:${operation}`]: qualify(content) });
}

export function buildFault(fault: SoapFault): string {
  const detail =
    fault.responseCode === undefined
      ? undefined
      : {
          'hcas:ValidationFault': {
            'hcas:ResponseCode': fault.responseCode,
            'hcas:Description': fault.description ?? '',
          },
        };
  return envelope({
    'soap:Fault': {
      faultcode: fault.faultcode,
      faultstring: fault.faultstring,
      ...(detail ? { detail } : {}),
    },
  });
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an envelope: its one body element (operation name without prefix) or its Fault. */
export function parseEnvelope(xml: string): SoapMessage {
  if (xml.length > MAX_ENVELOPE_BYTES) throw new SoapError('HEALTH_BAD_XML', 'the envelope is too large');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new SoapError('HEALTH_BAD_XML', `not well-formed XML: ${valid.err.msg}`, {
      details: { line: valid.err.line },
    });
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    throw new SoapError('HEALTH_BAD_XML', 'unreadable XML', { cause: error });
  }
  const env = isElement(document) ? document.Envelope : undefined;
  const body = isElement(env) ? env.Body : undefined;
  if (!isElement(body)) throw new SoapError('HEALTH_NOT_SOAP', 'no SOAP Envelope/Body');
  const names = Object.keys(body);
  if (names.length !== 1) throw new SoapError('HEALTH_NOT_SOAP', 'a SOAP Body holds exactly one element');
  const operation = names[0] as string;
  const content = body[operation];
  if (operation === 'Fault') {
    if (!isElement(content)) throw new SoapError('HEALTH_NOT_SOAP', 'an empty SOAP Fault');
    const detail = isElement(content.detail) ? content.detail.ValidationFault : undefined;
    return {
      kind: 'fault',
      fault: {
        faultcode: text(content, 'faultcode') ?? '',
        faultstring: text(content, 'faultstring') ?? '',
        ...(isElement(detail) && text(detail, 'ResponseCode') !== undefined
          ? { responseCode: text(detail, 'ResponseCode'), description: text(detail, 'Description') ?? '' }
          : {}),
      },
    };
  }
  return { kind: 'body', operation, content: isElement(content) ? content : {} };
}

/** A child element's text, or undefined when absent or not text. */
export function text(element: XmlElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  const value = element[name];
  return isElement(value) ? value : undefined;
}
