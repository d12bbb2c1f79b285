// SOAP envelopes: build → parse round trips with any prefix, faults with their detail, and any text parses to
// a message or a typed error, never a crash.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGuichetError } from '@guichet/shared';
import { buildBody, buildFault, parseEnvelope } from './soap';

describe('SOAP envelopes', () => {
  it('round-trips a body element, values kept as text', () => {
    const xml = buildBody('ValidateCard', { HealthNumber: '0532716980', VersionCode: 'AB' });
    expect(xml).toContain('<hcas:ValidateCard>');
    expect(parseEnvelope(xml)).toEqual({
      kind: 'body',
      operation: 'ValidateCard',
      content: { HealthNumber: '0532716980', VersionCode: 'AB' },
    });
  });

  it('reads an envelope whatever its namespace prefixes', () => {
    const xml = `<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:h="http://moh.gov.on.ca/hcas/2009/06"><S:Body><h:FindSubmission><h:ClientReference>01KB</h:ClientReference></h:FindSubmission></S:Body></S:Envelope>`;
    expect(parseEnvelope(xml)).toEqual({
      kind: 'body',
      operation: 'FindSubmission',
      content: { ClientReference: '01KB' },
    });
  });

  it('round-trips a fault with its validation detail', () => {
    const xml = buildFault({
      faultcode: 'soap:Client',
      faultstring: 'Validation failed',
      responseCode: '75',
      description: 'CARD EXPIRED',
    });
    expect(parseEnvelope(xml)).toEqual({
      kind: 'fault',
      fault: {
        faultcode: 'soap:Client',
        faultstring: 'Validation failed',
        responseCode: '75',
        description: 'CARD EXPIRED',
      },
    });
  });

  it('rejects what is not a SOAP envelope with typed errors', () => {
    expect(() => parseEnvelope('<html><body>502 Bad Gateway</body></html>')).toThrow(/no SOAP Envelope/);
    expect(() => parseEnvelope(buildBody('X', {}).slice(0, 80))).toThrow(/not well-formed/);
  });

  it('any text, or a valid envelope cut anywhere, parses or fails typed', () => {
    const good = buildBody('SubmitAddressChange', {
      ClientReference: '01KB0000000000000001',
      Address: { Line1: 'a & b' },
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.nat(good.length).map((n) => good.slice(0, n)),
        ),
        (xml) => {
          try {
            parseEnvelope(xml);
          } catch (error) {
            expect(isGuichetError(error)).toBe(true);
          }
        },
      ),
    );
  });
});
