// The imager driver against the simulator on an in-memory line with manual timers: each sample jurisdiction
// decoded, refusals (another barcode, no licence subfile), line faults and health, partial reads, unplug and
// reconnect with backoff, and a privacy check of everything logged.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ImagerSimulator } from '../sim/id-scanner/imager-simulator';
import { encodeAamva } from '../sim/id-scanner/aamva-encoder';
import { SAMPLE_DOCUMENTS, SAMPLE_LICENCES, SAMPLE_SPECS } from '../sim/id-scanner/sample-licences';
import { manualTimers } from '../test-support/manual-timers';
import { MemoryTransport } from '../transport/memory-transport';
import { GuichetError } from '@guichet/shared';
import type { ScanResult } from './id-document';
import { IdScanner } from './id-scanner';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function rig(options: { aimIdentifier?: boolean; crLfSuffix?: boolean } = {}) {
  const [host, device] = MemoryTransport.pair();
  const clock = manualTimers();
  const logLines: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  const scanner = new IdScanner({
    transport: host,
    timers: clock.timers,
    clock: () => new Date('2026-11-29T12:00:00Z'),
    log,
    reconnect: { baseMs: 500, maxMs: 4000 },
  });
  const scans: ScanResult[] = [];
  const errors: GuichetError[] = [];
  const connections: string[] = [];
  scanner.on('scan', (s) => scans.push(s));
  scanner.on('error', (e) => errors.push(e));
  scanner.on('connected', () => connections.push('connected'));
  scanner.on('disconnected', (e) => connections.push(`disconnected:${e.code}`));
  const sim = new ImagerSimulator(device, options);
  await sim.start();
  await scanner.connect();
  return { host, device, clock, scanner, sim, scans, errors, connections, logLines };
}

describe('IdScanner over an in-memory line', () => {
  const stop: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const s of stop.splice(0)) await s();
  });

  it('decodes a scan of each sample jurisdiction, with AIM identifier and CR LF suffix, health ok', async () => {
    const r = await rig({ aimIdentifier: true, crLfSuffix: true });
    stop.push(() => r.scanner.close());
    for (const sample of SAMPLE_LICENCES) await r.sim.scan(sample);
    await flush();
    expect(r.scans).toEqual(SAMPLE_LICENCES.map((s) => SAMPLE_DOCUMENTS[s]));
    expect(r.errors).toEqual([]);
    expect(r.scanner.health()).toEqual({ state: 'ok', checkedAt: '2026-11-29T12:00:00.000Z' });
  });

  it('refuses another barcode and an AAMVA file without a licence, and a non-PDF417 AIM identifier', async () => {
    const r = await rig();
    stop.push(() => r.scanner.close());
    await r.sim.scan(Buffer.from('https://example.org/boarding-pass'));
    const registration = encodeAamva({
      ...SAMPLE_SPECS.michigan,
      subfiles: [{ type: 'VH', elements: [['VAA', 'X']] }],
    });
    await r.sim.scan(registration);
    await r.sim.scan(Buffer.from(']Q1@\n\x1e\rANSI ', 'latin1'));
    await flush();
    expect(r.scans).toEqual([
      { kind: 'refused', reason: 'not-aamva', code: 'IDSCAN_NOT_AAMVA' },
      { kind: 'refused', reason: 'not-a-licence', code: 'IDSCAN_NO_LICENCE_SUBFILE' },
      { kind: 'refused', reason: 'not-aamva', code: 'IDSCAN_NOT_AAMVA' },
    ]);
    expect(r.scanner.health().state).toBe('ok');
  });

  it('a partial read is a refused scan and a line fault; three malformed in a row warn; a good scan clears it', async () => {
    const r = await rig();
    stop.push(() => r.scanner.close());
    await r.sim.fault('partial-read');
    await flush();
    r.clock.advance(300);
    expect(r.scans).toEqual([{ kind: 'refused', reason: 'partial-read', code: 'IDSCAN_FRAME_PARTIAL' }]);
    expect(r.errors.map((e) => e.code)).toEqual(['IDSCAN_FRAME_PARTIAL']);
    const truncated = encodeAamva(SAMPLE_SPECS.ontario).subarray(0, 100);
    await r.sim.scan(truncated);
    await r.sim.scan(truncated);
    await flush();
    expect(r.scans.slice(1)).toEqual([
      { kind: 'refused', reason: 'malformed', code: 'IDSCAN_TRUNCATED' },
      { kind: 'refused', reason: 'malformed', code: 'IDSCAN_TRUNCATED' },
    ]);
    expect(r.scanner.health()).toMatchObject({ state: 'warning', code: 'IDSCAN_REPEATED_MALFORMED' });
    await r.sim.scan('ontario');
    await flush();
    expect(r.scans.at(-1)).toEqual(SAMPLE_DOCUMENTS.ontario);
    expect(r.scanner.health().state).toBe('ok');
  });

  it('an imager that lost its STX/ETX programming: garbage faults, fault health after three, recovers on a good frame', async () => {
    const r = await rig();
    stop.push(() => r.scanner.close());
    for (let i = 0; i < 3; i += 1) {
      await r.sim.fault(i === 0 ? 'no-prefix-suffix' : 'garbage');
      await flush();
      r.clock.advance(300);
    }
    expect(r.errors.map((e) => e.code)).toEqual([
      'IDSCAN_FRAME_GARBAGE',
      'IDSCAN_FRAME_GARBAGE',
      'IDSCAN_FRAME_GARBAGE',
    ]);
    expect(r.scans).toEqual([]);
    expect(r.scanner.health()).toMatchObject({ state: 'fault', code: 'IDSCAN_LINE_FAULTS' });
    await r.sim.scan('michigan');
    await flush();
    expect(r.scans).toEqual([SAMPLE_DOCUMENTS.michigan]);
    expect(r.scanner.health().state).toBe('ok');
  });

  it('unplugged: offline at once, reopened after the backoff delay, scans again', async () => {
    const r = await rig();
    stop.push(() => r.scanner.close());
    await r.sim.fault('partial-read');
    await flush();
    // The OS closes the host end when the USB device goes away.
    await r.host.close();
    expect(r.connections).toEqual(['connected', 'disconnected:IDSCAN_DISCONNECTED']);
    expect(r.scanner.health()).toMatchObject({ state: 'offline', code: 'IDSCAN_DISCONNECTED' });
    // The half frame was dropped with the line: no partial-read is reported after the silence. The reopen is
    // due 500 ms after the unplug (backoff base).
    r.clock.advance(300);
    expect(r.scans).toEqual([]);
    r.clock.advance(199);
    expect(r.host.isOpen).toBe(false);
    r.clock.advance(1);
    await eventually('the driver to reopen the line', () => r.connections.length === 3);
    expect(r.connections.at(-1)).toBe('connected');
    await r.sim.scan('british-columbia');
    await flush();
    expect(r.scans).toEqual([SAMPLE_DOCUMENTS['british-columbia']]);
  });

  it('while the imager stays away, reopen attempts back off 500, 1000, 2000, 4000, 4000 ms with a typed offline code', async () => {
    const [host] = MemoryTransport.pair();
    const clock = manualTimers();
    const attempts: number[] = [];
    let present = false;
    const open = host.open.bind(host);
    host.open = () => {
      attempts.push(clock.timers.now?.() ?? -1);
      return present ? open() : Promise.reject(new GuichetError('TRANSPORT_CONNECT_FAILED', 'no such port'));
    };
    const scanner = new IdScanner({ transport: host, timers: clock.timers, reconnect: { baseMs: 500, maxMs: 4000 } });
    const connected: number[] = [];
    scanner.on('connected', () => connected.push(clock.timers.now?.() ?? -1));
    await expect(scanner.connect()).rejects.toMatchObject({ code: 'TRANSPORT_CONNECT_FAILED' });
    expect(scanner.health()).toMatchObject({ state: 'offline', code: 'TRANSPORT_CONNECT_FAILED' });
    for (const delay of [500, 1000, 2000, 4000, 4000]) {
      const before = attempts.length;
      clock.advance(delay - 1);
      expect(attempts).toHaveLength(before);
      clock.advance(1);
      await flush();
    }
    expect(attempts).toEqual([0, 500, 1500, 3500, 7500, 11500]);
    present = true;
    clock.advance(4000);
    await flush();
    expect(connected).toEqual([15500]);
    expect(scanner.health().state).toBe('ok');
    await scanner.close();
  });

  it('close() stops reconnecting and reports closed', async () => {
    const r = await rig();
    await r.host.close();
    await r.scanner.close();
    expect(r.clock.pending()).toBe(0);
    expect(r.scanner.health()).toMatchObject({ state: 'offline', code: 'IDSCAN_CLOSED' });
  });

  it('logs no payload byte and no personal field, and zeroes the received chunks', async () => {
    const r = await rig();
    stop.push(() => r.scanner.close());
    for (const sample of SAMPLE_LICENCES) await r.sim.scan(sample);
    await r.sim.scan(encodeAamva(SAMPLE_SPECS.ontario).subarray(0, 100));
    await flush();
    const logged = r.logLines.join('');
    expect(logged).toContain('"component":"id-scanner"');
    expect(logged).toContain('"event":"scan"');
    for (const sample of SAMPLE_LICENCES) {
      const d = SAMPLE_DOCUMENTS[sample];
      for (const secret of [d.licenceNumber, d.familyName, d.givenNames, d.birthDate, d.address, d.postalCode])
        expect(logged).not.toContain(secret);
    }
    expect(logged).not.toContain('ANSI');
    // The device side's record of what it sent shares the chunks the driver received: all wiped.
    expect(r.device.written.every((chunk) => chunk.every((b) => b === 0))).toBe(true);
  });
});
