// Integration over a real serial line: the driver and the imager simulator each on one end of a socat pty pair,
// both through SerialTransport (node-serialport's OS binding), as a kiosk talks to a USB-COM imager on
// /dev/ttyACM0. Real timers: waits are on events (eventually), never fixed sleeps.
import { eventually } from '@guichet/shared/test-support/eventually';
import { afterEach, describe, expect, it } from 'vitest';
import { ImagerSimulator } from '../sim/id-scanner/imager-simulator';
import { SAMPLE_DOCUMENTS, SAMPLE_LICENCES } from '../sim/id-scanner/sample-licences';
import { startPtyPair } from '../test-support/socat-pty';
import { SerialTransport } from '../transport/serial-transport';
import type { ScanResult } from './id-document';
import { IdScanner } from './id-scanner';

describe('IdScanner over a socat pty pair', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function rig() {
    const ptys = await startPtyPair(['ttyKIOSK', 'ttyIMAGER']);
    cleanups.push(() => ptys.stop());
    const sim = new ImagerSimulator(new SerialTransport({ path: ptys.b, baudRate: 115200 }), {
      crLfSuffix: true,
      unplug: () => ptys.stop(),
    });
    await sim.start();
    cleanups.push(() => sim.stop());
    const scanner = new IdScanner({
      transport: new SerialTransport({ path: ptys.a, baudRate: 115200 }),
      reconnect: { baseMs: 20, maxMs: 100 },
    });
    const scans: ScanResult[] = [];
    const events: string[] = [];
    scanner.on('scan', (s) => scans.push(s));
    scanner.on('error', (e) => events.push(`error:${e.code}`));
    scanner.on('disconnected', (e) => events.push(`disconnected:${e.code}`));
    await scanner.connect();
    cleanups.push(() => scanner.close());
    return { ptys, sim, scanner, scans, events };
  }

  it('decodes a scan of each sample jurisdiction, sent in 64-byte packets', async () => {
    const r = await rig();
    for (const sample of SAMPLE_LICENCES) await r.sim.scan(sample);
    await eventually('three scans', () => r.scans.length === 3, { timeoutMs: 5000 });
    expect(r.scans).toEqual(SAMPLE_LICENCES.map((s) => SAMPLE_DOCUMENTS[s]));
    expect(r.scanner.health().state).toBe('ok');
  });

  it('faults on the line: a partial read is refused after the inter-byte timeout, garbage reported, then a good scan', async () => {
    const r = await rig();
    await r.sim.fault('partial-read');
    await eventually('the partial read', () => r.scans.length === 1, { timeoutMs: 5000 });
    expect(r.scans[0]).toEqual({ kind: 'refused', reason: 'partial-read', code: 'IDSCAN_FRAME_PARTIAL' });
    await r.sim.fault('garbage');
    await eventually('the garbage report', () => r.events.includes('error:IDSCAN_FRAME_GARBAGE'), { timeoutMs: 5000 });
    await r.sim.scan('ontario');
    await eventually('the good scan', () => r.scans.length === 2, { timeoutMs: 5000 });
    expect(r.scans[1]).toEqual(SAMPLE_DOCUMENTS.ontario);
  });

  it('unplug (the cable goes away): the driver reports disconnected and goes offline', async () => {
    const r = await rig();
    await r.sim.fault('unplug');
    await eventually('the disconnect', () => r.events.includes('disconnected:IDSCAN_DISCONNECTED'), {
      timeoutMs: 5000,
    });
    expect(r.scanner.health()).toMatchObject({ state: 'offline', code: 'IDSCAN_DISCONNECTED' });
  });
});
