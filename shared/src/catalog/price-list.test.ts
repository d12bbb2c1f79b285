import { describe, expect, it } from 'vitest';
import { parsePriceList, priceFor } from './price-list';

const list = (prices: unknown[]) => ({ currency: 'CAD', timezone: 'America/Toronto', prices });

const guichetError = (code: string): unknown => expect.objectContaining({ name: 'GuichetError', code });

describe('price list', () => {
  const prices = parsePriceList(
    list([
      { serviceId: 'vehicle-sticker-renewal', variant: 'southern-ontario', price: '120.00', validFrom: '2025-01-01' },
      { serviceId: 'vehicle-sticker-renewal', variant: 'northern-ontario', price: '60', validFrom: '2025-01-01' },
      { serviceId: 'personalized-plates', price: '290.00', validFrom: '2025-01-01', validTo: '2026-04-01' },
      { serviceId: 'personalized-plates', price: '305.00', validFrom: '2026-04-01' },
    ]),
  );

  it('parses dollar prices to cents and finds them by service, variant and local date', () => {
    expect(
      priceFor(prices, {
        serviceId: 'vehicle-sticker-renewal',
        variant: 'southern-ontario',
        at: new Date('2026-11-23T15:00:00Z'),
      }),
    ).toBe(12000);
    expect(
      priceFor(prices, {
        serviceId: 'vehicle-sticker-renewal',
        variant: 'northern-ontario',
        at: new Date('2026-11-23T15:00:00Z'),
      }),
    ).toBe(6000);
    // 03:59Z on April 1 is still March 31 in Toronto (EDT, UTC−4)
    expect(priceFor(prices, { serviceId: 'personalized-plates', at: new Date('2026-04-01T03:59:00Z') })).toBe(29000);
    expect(priceFor(prices, { serviceId: 'personalized-plates', at: new Date('2026-04-01T04:00:00Z') })).toBe(30500);
  });

  it('fails with PRICE_NOT_FOUND for a missing variant, an unpriced service or a date before the list', () => {
    expect(() =>
      priceFor(prices, { serviceId: 'vehicle-sticker-renewal', at: new Date('2026-01-01T15:00:00Z') }),
    ).toThrow(guichetError('PRICE_NOT_FOUND'));
    expect(() =>
      priceFor(prices, { serviceId: 'driver-record-abstract', at: new Date('2026-01-01T15:00:00Z') }),
    ).toThrow(guichetError('PRICE_NOT_FOUND'));
    expect(() => priceFor(prices, { serviceId: 'personalized-plates', at: new Date('2024-06-01T15:00:00Z') })).toThrow(
      guichetError('PRICE_NOT_FOUND'),
    );
  });

  it('rejects overlapping periods, unknown services, float-looking or negative prices', () => {
    const entry = { serviceId: 'driver-record-abstract', price: '12.00', validFrom: '2025-01-01' };
    expect(() => parsePriceList(list([entry, { ...entry, validFrom: '2026-01-01' }]))).toThrow(
      guichetError('PRICE_LIST_INVALID'),
    );
    expect(() => parsePriceList(list([entry, { ...entry, variant: 'northern-ontario' }]))).not.toThrow();
    expect(() => parsePriceList(list([{ ...entry, serviceId: 'passport' }]))).toThrow(
      guichetError('PRICE_LIST_INVALID'),
    );
    expect(() => parsePriceList(list([{ ...entry, price: '12.005' }]))).toThrow(guichetError('PRICE_LIST_INVALID'));
    expect(() => parsePriceList(list([{ ...entry, price: 12 }]))).toThrow(guichetError('PRICE_LIST_INVALID'));
    expect(() => parsePriceList(list([{ ...entry, price: '-12.00' }]))).toThrow(guichetError('PRICE_LIST_INVALID'));
  });
});
