import { describe, expect, it } from 'vitest';
import { feeFor } from '../money/fee-schedule';
import { FEE_SCHEDULES } from '../money/fee-schedules';
import { MINISTRIES, MINISTRY_IDS, ministryById } from './ministries';
import { SERVICES, SERVICE_IDS, Service, recipientMinistries, serviceById } from './services';

describe('service catalog', () => {
  it('lists the six services of domain.md with kebab-case ids', () => {
    expect(SERVICES.map((s) => s.id)).toEqual([...SERVICE_IDS]);
    expect(SERVICES).toHaveLength(6);
    for (const s of SERVICES) expect(s.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it('names every service and ministry in both languages, with different English and French text', () => {
    for (const s of SERVICES) {
      expect(s.name.fr).not.toBe(s.name.en);
      expect(s.description.fr).not.toBe(s.description.en);
      expect(s.description.en.length).toBeLessThanOrEqual(120); // short: no long reading at a kiosk
      expect(s.description.fr.length).toBeLessThanOrEqual(140);
    }
    expect(MINISTRIES.map((m) => m.id)).toEqual([...MINISTRY_IDS]);
    expect(ministryById('natural-resources').name).toEqual({
      en: 'Ministry of Natural Resources',
      fr: 'ministère des Richesses naturelles',
    });
  });

  it('uses French typography: a space before a colon, apostrophes for elision', () => {
    for (const s of SERVICES) {
      expect(s.description.fr).not.toMatch(/\S:/);
      expect(`${s.name.fr} ${s.description.fr}`).not.toMatch(/\b(?:de|le|la) [aeiouéh]/i);
    }
  });

  it('rejects by schema a service missing a French text, owned by an unknown ministry, or fanning out to one ministry', () => {
    const sticker = serviceById('vehicle-sticker-renewal');
    expect(Service.safeParse(sticker).success).toBe(true);
    expect(Service.safeParse({ ...sticker, name: { en: 'Sticker renewal', fr: ' ' } }).success).toBe(false);
    expect(Service.safeParse({ ...sticker, ministryIds: ['finance'] }).success).toBe(false);
    const oneWay = {
      kind: 'fan-out',
      transactions: [{ ministryId: 'health', record: { en: 'health card', fr: 'carte Santé' } }],
    };
    expect(Service.safeParse({ ...sticker, delivery: oneWay }).success).toBe(false);
  });

  it('fans a change of address out to transportation, health and natural resources, free of charge', () => {
    const change = serviceById('change-of-address');
    expect(change.feeApplies).toBe(false);
    expect(change.priceSource).toBe('free');
    expect(recipientMinistries(change)).toEqual(['transportation', 'health', 'natural-resources']);
    expect(change.delivery.kind === 'fan-out' && change.delivery.transactions.map((t) => t.record.fr)).toEqual([
      'permis de conduire',
      'carte Santé',
      'carte Plein air',
    ]);
  });

  it('routes fines to the issuer: the Attorney General, Ottawa or Toronto', () => {
    const fines = serviceById('fines-and-parking-tickets');
    expect(fines.priceSource).toBe('amount-due');
    expect(recipientMinistries(fines)).toEqual(['attorney-general', 'city-ottawa', 'city-toronto']);
  });

  it('sends every transaction only to ministries that own the service', () => {
    for (const s of SERVICES) expect(new Set(recipientMinistries(s))).toEqual(new Set(s.ministryIds));
  });

  it("agrees with Ontario's kiosk fee schedule on which services carry the $1.00 fee", () => {
    for (const s of SERVICES) {
      const fee = feeFor(
        { jurisdiction: 'ON', channel: 'kiosk', serviceId: s.id, at: '2026-11-23T15:00:00Z' },
        FEE_SCHEDULES,
      );
      expect(fee.feeCents, s.id).toBe(s.feeApplies ? 100 : 0);
    }
  });

  it('fails with a typed error for an unknown service or ministry', () => {
    expect(() => serviceById('passport')).toThrow(
      expect.objectContaining({ name: 'GuichetError', code: 'CATALOG_UNKNOWN_SERVICE' }),
    );
    expect(() => ministryById('finance')).toThrow(
      expect.objectContaining({ name: 'GuichetError', code: 'CATALOG_UNKNOWN_MINISTRY' }),
    );
  });
});
