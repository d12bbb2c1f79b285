// The demo's citizens on manual time: when each kiosk gets a visit (the schedule), what the visits are (the mix
// of services, seeded cases, PIN pad behaviours), and how a visit drives a kiosk's transaction API. The kiosks
// here are recording doubles; tests/integration/demo-citizens.test.ts runs citizens on real kiosks.
import { describe, expect, it } from 'vitest';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { GuichetError, TxDetails, type KioskMode, type ServiceId } from '@guichet/shared';
import {
  DemoCitizens,
  PIN_PAD_MIX,
  SERVICE_MIX,
  nextGapMs,
  pickVisit,
  pickWeighted,
  runVisit,
  type CitizenKiosk,
  type CitizenSession,
  type CitizenVisit,
  type VisitOutcome,
} from './demo-citizens';

/** A small seeded generator (mulberry32), so the statistics below are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws given in order, then `rest` for ever. */
const scripted =
  (draws: number[], rest = 0.5) =>
  () =>
    draws.shift() ?? rest;

interface RecordingKiosk extends CitizenKiosk {
  calls: string[];
  mode: KioskMode;
  online: boolean;
  ready: boolean;
  busy: boolean;
}

/**
 * A kiosk whose transactions end at once: the quote ends the transaction as `quoteEnds` says (a refusal), the
 * payment as the PIN pad script says; it records each call with the PIN pad settings at that moment.
 */
function recordingKiosk(kioskId: string, time?: ManualTime, quoteEnds?: string): RecordingKiosk {
  const calls: string[] = [];
  const pinPad: CitizenKiosk['pinPad'] = { script: 'approve', fault: 'none' };
  const kiosk: RecordingKiosk = {
    kioskId,
    calls,
    mode: 'in-service',
    online: true,
    ready: true,
    busy: false,
    pinPad,
    transactions: {
      get isReady() {
        return kiosk.ready;
      },
      begin: (serviceId: ServiceId, lang: string) => {
        if (kiosk.busy) return Promise.reject(new GuichetError('TX_BUSY', 'busy'));
        calls.push(`${time ? `${time.now().getTime() / 1000}s ` : ''}begin ${serviceId} ${lang}`);
        let state = 'identifying';
        const session: CitizenSession = {
          txId: `TX${calls.length}`,
          get state() {
            return state;
          },
          enterDetails: (input) => {
            calls.push(`details ${TxDetails.safeParse(input).success ? 'valid' : 'invalid'}`);
            return Promise.resolve();
          },
          quote: () => {
            state = quoteEnds ?? 'quoting';
            return Promise.resolve({ state });
          },
          pay: () => {
            calls.push(`pay ${pinPad.script}/${pinPad.fault}`);
            state = pinPad.script === 'approve' ? 'completed' : 'declined';
            return Promise.resolve();
          },
          cancel: () => {
            calls.push('cancel');
            state = 'cancelled';
            return Promise.resolve();
          },
          settled: () => Promise.resolve({ state }),
        };
        return Promise.resolve(session);
      },
    },
  };
  return kiosk;
}

const visit = (overrides: Partial<CitizenVisit> = {}): CitizenVisit => ({
  serviceId: 'vehicle-sticker-renewal',
  caseName: 'sticker.ok',
  details: { serviceId: 'vehicle-sticker-renewal', plate: 'CBKR 482', licenceNumber: 'T42187305690318' },
  lang: 'en',
  action: 'pay',
  pinPad: 'approve',
  ...overrides,
});

describe('the choice of a visit', () => {
  it('picks from weighted tables by the draw', () => {
    const table = [
      ['a', 1],
      ['b', 3],
    ] as const;
    expect([0, 0.2, 0.25, 0.99].map((draw) => pickWeighted(table, draw))).toEqual(['a', 'a', 'b', 'b']);
  });

  it('turns five draws into one visit of a seeded case', () => {
    // service 0 → sticker, case 0 → sticker.ok, 0.9 → English, 0.9 → pays, 0.99 → no answer from the PIN pad.
    expect(pickVisit(scripted([0, 0, 0.9, 0.9, 0.99]))).toEqual({
      serviceId: 'vehicle-sticker-renewal',
      caseName: 'sticker.ok',
      details: { serviceId: 'vehicle-sticker-renewal', plate: 'CBKR 482', licenceNumber: 'T42187305690318' },
      lang: 'en',
      action: 'pay',
      pinPad: 'no-answer',
    });
    // 0.97 → personalized plates, 0 → a free plate text (two more draws: word, number), French, walks away.
    expect(pickVisit(scripted([0.97, 0, 0.2, 0.42, 0.1, 0.01, 0.5]))).toMatchObject({
      serviceId: 'personalized-plates',
      caseName: 'plates.available',
      details: { plateText: 'MAPLE420' },
      lang: 'fr',
      action: 'cancel',
    });
  });

  it('gives the configured mix of services and PIN pad behaviours, every visit a valid request', () => {
    const random = seeded(7);
    const n = 20_000;
    const visits = Array.from({ length: n }, () => pickVisit(random));
    // Each share within one percentage point of its weight (four standard deviations at this size).
    const expectShare = (what: string, count: number, percent: number) =>
      expect(Math.abs((count / n) * 100 - percent), what).toBeLessThan(1);
    for (const [serviceId, weight] of SERVICE_MIX)
      expectShare(serviceId, visits.filter((v) => v.serviceId === serviceId).length, weight);
    for (const [behaviour, weight] of PIN_PAD_MIX)
      expectShare(behaviour, visits.filter((v) => v.pinPad === behaviour).length, weight);
    expectShare('French', visits.filter((v) => v.lang === 'fr').length, 30);
    expectShare('walks away', visits.filter((v) => v.action === 'cancel').length, 5);
    // Mostly cases each ministry accepts; about one citizen in six brings one it refuses (16.4 % by the tables).
    const refusedCase = /unknown|suspended|not-owner|not-available|expired|replaced|cancelled|collections/;
    const refused = visits.filter((v) => refusedCase.test(v.caseName)).length / n;
    expect(refused).toBeGreaterThan(0.155);
    expect(refused).toBeLessThan(0.175);
    expect(visits.every((v) => TxDetails.safeParse(v.details).success)).toBe(true);
    // Personalized plate texts vary, so most are still free to order.
    const asked = visits.filter((v) => v.caseName === 'plates.available').map((v) => v.details.plateText);
    expect(new Set(asked).size / asked.length).toBeGreaterThan(0.9);
  });
});

describe('the schedule of visits', () => {
  it('spreads the first visits over one mean gap, then comes a jittered gap after each citizen leaves', async () => {
    const time = new ManualTime('2026-11-30T14:00:00Z');
    const kiosks = [recordingKiosk('K-1', time), recordingKiosk('K-2', time)];
    // 60 an hour: a mean gap of 60 s. Start draws 0.25 and 0.75; then 0.5 everywhere: a gap of exactly 60 s,
    // and an Outdoors Card renewal (service draw 0.5) in English, paid, approved.
    const citizens = new DemoCitizens(kiosks, { perHour: 60, timers: time, random: scripted([0.25, 0.75]) });
    citizens.start();
    await time.advance(180_000);
    const start = Date.parse('2026-11-30T14:00:00Z') / 1000;
    const at = (s: number) => `${start + s}s begin outdoors-card-renewal en`;
    expect(kiosks[0]!.calls.filter((c) => c.includes('begin'))).toEqual([at(15), at(75), at(135)]);
    expect(kiosks[1]!.calls.filter((c) => c.includes('begin'))).toEqual([at(45), at(105), at(165)]);
    await citizens.stop();
    await time.advance(3_600_000);
    expect(kiosks[0]!.calls.filter((c) => c.includes('begin'))).toHaveLength(3);
  });

  it('keeps the configured rate per kiosk over a long run, with gaps between half and one and a half means', async () => {
    const time = new ManualTime('2026-11-30T00:00:00Z');
    const kiosks = Array.from({ length: 5 }, (_, i) => recordingKiosk(`K-${i}`));
    const outcomes: VisitOutcome[] = [];
    const gaps: number[] = [];
    const random = seeded(11);
    const citizens = new DemoCitizens(kiosks, {
      perHour: 30,
      timers: {
        setTimeout: (fn, ms) => {
          gaps.push(ms);
          return time.setTimeout(fn, ms);
        },
        clearTimeout: (handle) => time.clearTimeout(handle),
      },
      random,
      onVisit: (outcome) => outcomes.push(outcome),
    });
    citizens.start();
    await time.advance(100 * 3_600_000);
    // 5 kiosks × 30 an hour × 100 hours, within 2 %.
    expect(Math.abs(outcomes.length - 15_000)).toBeLessThan(300);
    const later = gaps.slice(5);
    expect(Math.min(...later)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...later)).toBeLessThanOrEqual(180_000);
    expect(new Set(outcomes.map((o) => o.kioskId)).size).toBe(5);
    expect(outcomes.filter((o) => o.outcome === 'completed').length / outcomes.length).toBeGreaterThan(0.7);
    await citizens.stop();
  });

  it('sends no citizen at all at a rate of 0', () => {
    const time = new ManualTime('2026-11-30T00:00:00Z');
    new DemoCitizens([recordingKiosk('K-1')], { perHour: 0, timers: time, random: Math.random }).start();
    expect(time.pending).toBe(0);
  });

  it('on stop, lets the citizen at a kiosk finish within the grace time and sends no more', async () => {
    const time = new ManualTime('2026-11-30T00:00:00Z');
    const kiosk = recordingKiosk('K-1', time);
    let finishPayment!: () => void;
    const transactions = kiosk.transactions!;
    const slowKiosk: CitizenKiosk = {
      ...kiosk,
      transactions: {
        isReady: true,
        begin: async (serviceId, lang) => {
          const session = await transactions.begin(serviceId, lang);
          return { ...session, pay: () => new Promise<void>((resolve) => (finishPayment = resolve)) };
        },
      },
    };
    const outcomes: VisitOutcome[] = [];
    const citizens = new DemoCitizens([slowKiosk], {
      perHour: 3600,
      timers: time,
      random: scripted([0]),
      onVisit: (o) => outcomes.push(o),
    });
    citizens.start();
    await time.advance(0);
    expect(citizens.visiting).toBe(1);
    const stopped = citizens.stop(5_000);
    finishPayment();
    await stopped;
    expect(outcomes).toHaveLength(1);
    await time.advance(60_000);
    expect(kiosk.calls.filter((c) => c.includes('begin'))).toHaveLength(1);
  });
});

describe('a visit', () => {
  it('enters the details, takes the quote and pays with the PIN pad set for this citizen, then resets it', async () => {
    const kiosk = recordingKiosk('K-1');
    expect(await runVisit(kiosk, visit({ pinPad: 'insufficient-funds' }))).toEqual({
      kioskId: 'K-1',
      serviceId: 'vehicle-sticker-renewal',
      caseName: 'sticker.ok',
      pinPad: 'insufficient-funds',
      txId: 'TX1',
      outcome: 'declined',
    });
    expect(await runVisit(kiosk, visit({ pinPad: 'no-answer' }))).toMatchObject({ outcome: 'completed' });
    expect(kiosk.calls).toEqual([
      'begin vehicle-sticker-renewal en',
      'details valid',
      'pay insufficient-funds/none',
      'begin vehicle-sticker-renewal en',
      'details valid',
      'pay approve/drop-after-auth',
    ]);
    expect(kiosk.pinPad).toEqual({ script: 'approve', fault: 'none' });
  });

  it('walks away from the price, or leaves when the ministry refuses at the quote', async () => {
    const kiosk = recordingKiosk('K-1');
    expect(await runVisit(kiosk, visit({ action: 'cancel' }))).toMatchObject({ outcome: 'cancelled' });
    expect(kiosk.calls.at(-1)).toBe('cancel');
    const refusing = recordingKiosk('K-2', undefined, 'cancelled');
    expect(await runVisit(refusing, visit())).toMatchObject({ outcome: 'cancelled' });
    expect(refusing.calls).toEqual(['begin vehicle-sticker-renewal en', 'details valid']);
  });

  it('does not start at a kiosk that is out of service, offline, still recovering or busy', async () => {
    const kiosk = recordingKiosk('K-1');
    kiosk.mode = 'out-of-service';
    expect(await runVisit(kiosk, visit())).toMatchObject({ outcome: 'kiosk-unavailable' });
    kiosk.mode = 'in-service';
    kiosk.online = false;
    expect(await runVisit(kiosk, visit())).toMatchObject({ outcome: 'kiosk-unavailable' });
    kiosk.online = true;
    kiosk.ready = false;
    expect(await runVisit(kiosk, visit())).toMatchObject({ outcome: 'kiosk-unavailable' });
    kiosk.ready = true;
    kiosk.busy = true;
    expect(await runVisit(kiosk, visit())).toMatchObject({ outcome: 'kiosk-busy' });
    expect(await runVisit({ ...kiosk, transactions: undefined }, visit())).toMatchObject({
      outcome: 'kiosk-unavailable',
    });
    expect(kiosk.calls).toEqual([]);
  });

  it('gap lengths: the mean ±50 %', () => {
    expect([0, 0.5, 0.999].map((draw) => nextGapMs(30, draw))).toEqual([60_000, 120_000, 179_880]);
  });
});
