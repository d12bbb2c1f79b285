// The simulated MagTek reader: real 337-byte reports for scripted swipes, unplug/replug, and nothing after close.
// Its report deliveries and reconnect delay run on vitest's fake timers, advanced by the tests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseMagtekReport } from '../../card-reader/magtek-report';
import { reportFromHex, reportToHex } from '../../card-reader/report-hex';
import type { HidConnectionChange } from '../../card-reader/hid-transport';
import { SAMPLE_TRACKS, sampleReport, SWIPE_KINDS } from './sample-cards';
import { SimulatedHidTransport } from './simulated-hid-transport';

const cleanup: Array<() => Promise<void>> = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
  vi.useRealTimers();
});

describe('SimulatedHidTransport', () => {
  it('sends each scripted card as a MagTek report whose tracks are the scripted strings', async () => {
    const sim = new SimulatedHidTransport();
    cleanup.push(() => sim.close());
    await sim.open();
    const reports: Buffer[] = [];
    sim.onReport((r) => reports.push(r));
    for (const kind of SWIPE_KINDS) sim.swipe(kind);
    expect(reports).toEqual([]); // delivered asynchronously, like a USB interrupt transfer
    await vi.runAllTimersAsync();
    expect(reports.map((r) => r.length)).toEqual(SWIPE_KINDS.map(() => 337));
    const licence = parseMagtekReport(reports[0] as Buffer);
    expect(licence.encodeType).toBe('aamva');
    expect(licence.tracks.map((t) => t.data.toString('latin1'))).toEqual(SAMPLE_TRACKS['driver-licence'].tracks);
    expect(parseMagtekReport(reports[SWIPE_KINDS.indexOf('garbage')] as Buffer).tracks[0].decodeError).toBe(true);
  });

  it('hex round trip of a report is exact', () => {
    const report = sampleReport('health-card');
    expect(reportFromHex(reportToHex(report)).equals(report)).toBe(true);
    expect(reportFromHex(reportToHex(report).replace(/(..)/g, '$1 ')).equals(report)).toBe(true);
  });

  it('unplug drops swipes and reports the loss; replug reconnects only while open; close stops it', async () => {
    const sim = new SimulatedHidTransport({ reconnectDelayMs: 5 });
    cleanup.push(() => sim.close());
    await sim.open();
    const changes: HidConnectionChange[] = [];
    sim.onConnection((c) => changes.push(c));
    sim.unplug();
    expect(sim.isOpen).toBe(false);
    expect(sim.swipe('payment-card')).toBe(false);
    await expect(new SimulatedHidTransport({ plugged: false }).open()).rejects.toMatchObject({
      code: 'CARD_READER_NOT_FOUND',
    });
    sim.replug();
    await vi.advanceTimersByTimeAsync(4);
    expect(changes.map((c) => c.connected)).toEqual([false]); // not before the reconnect delay
    await vi.advanceTimersByTimeAsync(1);
    expect(changes.map((c) => c.connected)).toEqual([false, true]);
    sim.unplug();
    await sim.close();
    sim.replug();
    await vi.advanceTimersByTimeAsync(20);
    expect(sim.isOpen).toBe(false);
    expect(changes.map((c) => c.connected)).toEqual([false, true, false]);
  });
});

describe('simulated reader profiles', () => {
  it('a keyboard-mode MagTek is refused at open with the typed error the real transport gives', async () => {
    const sim = new SimulatedHidTransport({ reader: 'magtek-keyboard' });
    expect(sim.description).toBe('hid:0801:0001');
    await expect(sim.open()).rejects.toMatchObject({ code: 'CARD_READER_KEYBOARD_MODE' });
    expect(sim.isOpen).toBe(false);
    expect(sim.swipe('payment-card')).toBe(false);
  });

  it('a MagneSafe (0x0011) sends 887-byte reports whose masked tracks hide the PAN middle digits', async () => {
    const sim = new SimulatedHidTransport({ reader: 'magnesafe' });
    cleanup.push(() => sim.close());
    expect(sim.description).toBe('hid:0801:0011');
    await sim.open();
    const reports: Buffer[] = [];
    sim.onReport((r) => reports.push(r));
    sim.swipe('payment-card');
    sim.swipe('licence-quebec');
    await vi.runAllTimersAsync();
    expect(reports.map((r) => r.length)).toEqual([887, 887]);
    const payment = parseMagtekReport(reports[0] as Buffer);
    expect(payment).toMatchObject({ layout: 'magnesafe', masked: true });
    expect(payment.tracks[1].data.toString('latin1')).toBe(';4556730000009855=28120000000000000000?');
    expect((reports[0] as Buffer).toString('latin1')).not.toContain('4556737586899855');
    expect(parseMagtekReport(reports[1] as Buffer).tracks[1].data.toString('latin1')).toBe(
      SAMPLE_TRACKS['licence-quebec'].tracks[1],
    );
  });
});
