// The device over the simulator's HID transport: events, health, unplug/replug recovery, bad reports, fuzz,
// and the privacy scan of every event and every pino log line.
import fc from 'fast-check';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuichetError } from '@guichet/shared';
import { DeviceHealth } from '../device-health';
import { SAMPLE_TRACKS } from '../sim/card-reader/sample-cards';
import { SimulatedHidTransport } from '../sim/card-reader/simulated-hid-transport';
import { CardReader } from './card-reader';
import type { SwipeResult } from './swipe-result';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

function setup(options: { plugged?: boolean } = {}) {
  const sim = new SimulatedHidTransport({ reconnectDelayMs: 5, ...options });
  const logs: string[] = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => logs.push(line) });
  const reader = new CardReader(sim, { log, clock: () => new Date('2026-11-23T09:00:00Z') });
  cleanup.push(() => reader.close());
  const events: Array<{ event: string; payload?: SwipeResult | GuichetError }> = [];
  reader.on('swipe', (s) => events.push({ event: 'swipe', payload: s }));
  reader.on('error', (e) => events.push({ event: 'error', payload: e }));
  reader.on('connected', () => events.push({ event: 'connected' }));
  reader.on('disconnected', (e) => events.push({ event: 'disconnected', payload: e }));
  const next = (event: string): Promise<void> =>
    new Promise((resolve) => reader.on(event as 'connected', () => resolve()));
  return { sim, reader, events, logs, next };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('CardReader over the simulated MagTek reader', () => {
  it('emits a classified swipe per card and stays ok', async () => {
    const { sim, reader, events } = setup();
    await reader.connect();
    for (const kind of ['driver-licence', 'health-card', 'payment-card'] as const) expect(sim.swipe(kind)).toBe(true);
    await settle();
    expect(events.map((e) => e.event)).toEqual(['connected', 'swipe', 'swipe', 'swipe']);
    expect(events.slice(1).map((e) => (e.payload as SwipeResult).kind)).toEqual([
      'driver-licence',
      'health-card',
      'payment-card-refused',
    ]);
    const health = reader.health();
    expect(DeviceHealth.parse(health)).toEqual({ state: 'ok', checkedAt: '2026-11-23T09:00:00.000Z' });
  });

  it('goes offline on unplug, misses swipes meanwhile, and recovers by itself on replug', async () => {
    const { sim, reader, events, next } = setup();
    await reader.connect();
    sim.unplug();
    expect(reader.health()).toMatchObject({ state: 'offline', code: 'CARD_READER_UNPLUGGED' });
    expect(events.at(-1)).toMatchObject({ event: 'disconnected', payload: { code: 'CARD_READER_UNPLUGGED' } });
    expect(sim.swipe('driver-licence')).toBe(false);
    const back = next('connected');
    sim.replug();
    await back;
    expect(reader.health().state).toBe('ok');
    sim.swipe('health-card');
    await settle();
    expect(events.filter((e) => e.event === 'swipe').map((e) => (e.payload as SwipeResult).kind)).toEqual([
      'health-card',
    ]);
  });

  it('reports a reader that is not plugged in at start as offline with a typed error', async () => {
    const { reader } = setup({ plugged: false });
    await expect(reader.connect()).rejects.toMatchObject({ code: 'CARD_READER_NOT_FOUND' });
    expect(reader.health()).toMatchObject({ state: 'offline', code: 'CARD_READER_NOT_FOUND' });
  });

  it('warns after three unreadable swipes in a row, faults after three malformed reports, recovers on a good read', async () => {
    const { sim, reader, events } = setup();
    await reader.connect();
    for (let i = 0; i < 3; i++) sim.swipe('garbage');
    await settle();
    expect(reader.health()).toMatchObject({ state: 'warning', code: 'CARD_READER_REPEATED_UNREADABLE' });
    for (let i = 0; i < 3; i++) sim.sendReport(Buffer.alloc(64, 0x41));
    await settle();
    expect(events.filter((e) => e.event === 'error').map((e) => (e.payload as GuichetError).code)).toEqual(
      Array(3).fill('CARD_REPORT_BAD_LENGTH'),
    );
    expect(reader.health()).toMatchObject({ state: 'fault', code: 'CARD_READER_BAD_REPORTS' });
    sim.swipe('driver-licence');
    await settle();
    expect(reader.health().state).toBe('ok');
  });

  it('fuzz: random reports never throw out of the device, and a real card still reads afterwards', async () => {
    const { sim, reader, events } = setup();
    await reader.connect();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 800 }), fc.uint8Array({ minLength: 337, maxLength: 337 })),
        async (bytes) => {
          const before = events.length;
          sim.sendReport(Buffer.from(bytes));
          await settle();
          expect(events.length).toBe(before + 1);
          expect(['swipe', 'error']).toContain(events.at(-1)?.event);
        },
      ),
      { numRuns: 200 },
    );
    sim.swipe('driver-licence');
    await settle();
    expect(events.at(-1)).toMatchObject({ event: 'swipe', payload: { kind: 'driver-licence' } });
  });

  it('privacy: no PAN, no track data in any event or log line, at trace level', async () => {
    const { sim, reader, events, logs } = setup();
    await reader.connect();
    for (const kind of ['payment-card', 'driver-licence', 'health-card', 'garbage', 'payment-card'] as const)
      sim.swipe(kind);
    sim.sendReport(Buffer.from(SAMPLE_TRACKS['payment-card'].tracks[0] as string));
    await settle();
    sim.unplug();
    expect(events.some((e) => e.event === 'swipe' && (e.payload as SwipeResult).kind === 'payment-card-refused')).toBe(
      true,
    );
    expect(logs.length).toBeGreaterThan(5);
    const output = [
      ...logs,
      ...events.map((e) => JSON.stringify(e.payload ?? {})),
      ...events.map((e) => String((e.payload as Error | undefined)?.message)),
    ].join('\n');
    for (const secret of [
      '4556737586899855',
      '455673758689',
      'CARDHOLDER',
      '2812101000',
      '0461014070660',
      '6100541234567897',
    ])
      expect(output).not.toContain(secret);
    // Personal fields of government cards reach the swipe event (for prefilling forms) but never the log.
    expect(logs.join('\n')).not.toMatch(/DOE|D6101|M5V|1234-567-897/);
    for (const line of logs) expect(JSON.parse(line)).toMatchObject({ component: 'card-reader' });
  });
});
