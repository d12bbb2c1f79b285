// The receipt prints the hub's and ministries' lines under their labels in both languages, from the one
// catalog table (never a raw key), names a refused delivery's ministry, and does not repeat the amount lines.
import { describe, expect, it } from 'vitest';
import { cents, TX_LINE_LABELS, type Language } from '@guichet/shared';
import type { ReceiptLine } from '@guichet/drivers/printer/receipt';
import { buildTransactionReceipt } from './transaction-receipt';
import type { TxRecord } from './transaction-machine';

const ADAPTER_LINES = [
  { label: 'vehicles.plate', value: '****482' },
  { label: 'vehicles.permitExpiry', value: '2027-12-14' },
  { label: 'vehicles.plateText', value: 'T*****M' },
  { label: 'health.effectiveDate', value: '2026-11-29' },
  { label: 'fines.ticket', value: '*********8853' },
  { label: 'fines.offence', value: 'SPEEDING 15 KM/H OVER' },
  { label: 'outdoors.newExpiry', value: '2029-12-31' },
  { label: 'ministry.reference', value: 'MTO-0001' },
  { label: 'tx.delivery-refused', value: 'natural-resources' },
  { label: 'tx.new-expiry', value: '2027-12-14' },
  { label: 'tx.service-amount', value: '$120.00' },
  { label: 'tx.fee', value: '$1.00' },
  { label: 'tx.total', value: '$121.00' },
];

function record(lang: Language, lines = ADAPTER_LINES): TxRecord {
  const quote = { serviceCents: cents(12000), feeCents: cents(100), totalCents: cents(12100) };
  return {
    txId: '01JDZ8Y3K0ABCDEFGHJK',
    serviceId: 'vehicle-sticker-renewal',
    lang,
    state: 'completed',
    startedAt: '2026-11-29T15:00:00.000Z',
    updatedAt: '2026-11-29T15:01:00.000Z',
    detailsEntered: true,
    quote: { ...quote, expiresAt: '2026-11-29T15:15:00.000Z', lines: [] },
    payment: { brand: 'visa', last4: '4242', authCode: 'A1B2C3' },
    committed: {
      committedAt: '2026-11-29T15:01:00.000Z',
      deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'MTO-0001' }],
      lines,
    },
    receipt: 'pending',
  };
}

const pairs = (lines: readonly ReceiptLine[]) =>
  lines.flatMap((l) => (l.kind === 'pair' ? [{ label: l.label, value: l.value }] : []));

describe('transaction receipt lines', () => {
  it.each(['en', 'fr'] as const)('labels every line key in %s first, then the other language', (lang) => {
    const other = lang === 'en' ? 'fr' : 'en';
    const printed = pairs(buildTransactionReceipt(record(lang)).lines);
    for (const key of Object.keys(TX_LINE_LABELS)) expect(JSON.stringify(printed)).not.toContain(key);
    const label = (key: keyof typeof TX_LINE_LABELS) => {
      const t = TX_LINE_LABELS[key];
      return t[lang] === t[other] ? t[lang] : `${t[lang]} / ${t[other]}`;
    };
    expect(printed).toContainEqual({ label: label('vehicles.plate'), value: '****482' });
    expect(printed).toContainEqual({ label: label('fines.offence'), value: 'SPEEDING 15 KM/H OVER' });
    expect(printed).toContainEqual({ label: label('outdoors.newExpiry'), value: '2029-12-31' });
    expect(printed).toContainEqual({ label: label('ministry.reference'), value: 'MTO-0001' });
    expect(printed).toContainEqual({
      label: label('tx.delivery-refused'),
      value: lang === 'en' ? 'Ministry of Natural Resources' : 'ministère des Richesses naturelles',
    });
    // Amount lines come from the quote's cents, once each, not repeated from the hub's formatted lines.
    expect(printed.filter((p) => p.value.includes('121'))).toHaveLength(1);
  });

  it('prints a key this kiosk does not know yet under a neutral label, not the raw key', () => {
    const printed = pairs(buildTransactionReceipt(record('fr', [{ label: 'parks.site', value: 'A12' }])).lines);
    expect(printed).toContainEqual({ label: 'Détail / Detail', value: 'A12' });
    expect(JSON.stringify(printed)).not.toContain('parks.site');
  });
});
