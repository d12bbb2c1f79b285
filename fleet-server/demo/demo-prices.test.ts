// The demo price list (fleet-server/demo/prices.json): valid against the catalog's PriceList schema, a price
// for every service priced from a list, none for fines (amount due) or change of address (free).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICES, cents, feeFor, FEE_SCHEDULES, parsePriceList, priceFor, priceTransaction } from '@guichet/shared';

const prices = parsePriceList(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'prices.json'), 'utf8')));
const now = new Date('2026-11-23T15:00:00Z');

describe('demo prices.json', () => {
  it('is labelled as demo values', () => {
    expect(prices.description).toMatch(/^DEMO VALUES/);
  });

  it('prices every list-priced service today, and only those', () => {
    const listed = new Set(prices.prices.map((p) => p.serviceId));
    for (const service of SERVICES)
      expect(listed.has(service.id), service.id).toBe(service.priceSource === 'price-list');
    expect(priceFor(prices, { serviceId: 'vehicle-sticker-renewal', variant: 'southern-ontario', at: now })).toBe(
      12000,
    );
    expect(priceFor(prices, { serviceId: 'vehicle-sticker-renewal', variant: 'northern-ontario', at: now })).toBe(6000);
    expect(priceFor(prices, { serviceId: 'driver-record-abstract', at: now })).toBe(1200);
    expect(priceFor(prices, { serviceId: 'personalized-plates', at: now })).toBe(30500);
    expect(priceFor(prices, { serviceId: 'outdoors-card-renewal', at: now })).toBe(968);
  });

  it('prices a southern Ontario sticker renewal at a kiosk at $121.00', () => {
    const fee = feeFor(
      { jurisdiction: 'ON', channel: 'kiosk', serviceId: 'vehicle-sticker-renewal', at: now },
      FEE_SCHEDULES,
    );
    const priced = priceTransaction({
      servicePriceCents: priceFor(prices, {
        serviceId: 'vehicle-sticker-renewal',
        variant: 'southern-ontario',
        at: now,
      }),
      fee,
    });
    expect(priced.totalCents).toBe(cents(12100));
  });
});
