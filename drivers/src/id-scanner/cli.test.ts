// `guichet sim id-scanner --scan …` fed into `guichet id-scan decode`, both run in-process from their own command
// registrations: one JSON object per payload, a one-line error per bad line naming its number (never its content),
// exit 0 / 1 / 2; and `guichet id-scan watch` against the imager simulator on a socat pty.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { registerSimCommand } from '../sim/cli';
import { encodeAamva } from '../sim/id-scanner/aamva-encoder';
import { SAMPLE_DOCUMENTS, SAMPLE_SPECS } from '../sim/id-scanner/sample-licences';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ImagerSimulator } from '../sim/id-scanner/imager-simulator';
import { runCli, startCli } from '../test-support/run-cli';
import { startPtyPair } from '../test-support/socat-pty';
import { SerialTransport } from '../transport/serial-transport';
import { MAX_HEX_LINE_CHARS, registerIdScanCommand } from './cli';

const register = (program: Command, io: CliIo): void => {
  registerIdScanCommand(program, io);
  registerSimCommand(program, io);
};
const guichet = (args: string[], stdin?: string) => runCli(register, args, stdin);

const expectedLine = (sample: keyof typeof SAMPLE_DOCUMENTS) => {
  const d = SAMPLE_DOCUMENTS[sample];
  return {
    kind: d.kind,
    jurisdiction: d.jurisdiction,
    licenceNumber: d.licenceNumber,
    familyName: d.familyName,
    givenNames: d.givenNames,
    birthDate: d.birthDate,
    expiry: d.expiry,
    address: d.address,
    city: d.city,
    postalCode: d.postalCode,
    unverified: [],
  };
};

describe('guichet id-scan decode', () => {
  it('decodes the simulator payloads of three jurisdictions, exit 0, nothing on stderr', async () => {
    const sim = await guichet(['sim', 'id-scanner', '--scan', 'ontario', 'british-columbia', 'michigan']);
    expect(sim).toMatchObject({ code: 0, stderr: '' });
    const decoded = await guichet(['id-scan', 'decode'], sim.stdout);
    expect(decoded.stderr).toBe('');
    expect(decoded.code).toBe(0);
    expect(
      decoded.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([expectedLine('ontario'), expectedLine('british-columbia'), expectedLine('michigan')]);
  });

  it('a bad line gets one stderr line naming its number and code, never its content; the rest still decode; exit 1', async () => {
    const ontarioHex = encodeAamva(SAMPLE_SPECS.ontario).toString('hex');
    const truncated = ontarioHex.slice(0, 200);
    const spaced = encodeAamva(SAMPLE_SPECS.michigan).toString('hex').replace(/(..)/g, '$1 ');
    const input = [
      ontarioHex,
      'zz SAMPLE not hex',
      truncated,
      '',
      Buffer.from('https://example.org').toString('hex'),
      'abc',
      `${spaced}\r`,
    ].join('\n');
    const decoded = await guichet(['id-scan', 'decode'], input);
    expect(decoded.code).toBe(1);
    const results = decoded.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(results).toEqual([expectedLine('ontario'), expectedLine('michigan')]);
    expect(decoded.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^guichet id-scan decode: line 2: .*not hex digits \[IDSCAN_HEX_NOT_HEX\]$/),
      expect.stringMatching(/^guichet id-scan decode: line 3: .*segment terminator.* \[IDSCAN_TRUNCATED\]$/),
      expect.stringMatching(/^guichet id-scan decode: line 5: .*\[IDSCAN_NOT_AAMVA\]$/),
      expect.stringMatching(/^guichet id-scan decode: line 6: .*odd number .*\[IDSCAN_HEX_ODD_LENGTH\]$/),
    ]);
    for (const secret of ['SAMPLE', 'JANE', 'QUEEN', 'S1234', truncated.slice(0, 40), 'example'])
      expect(decoded.stderr).not.toContain(secret);
  });

  it('a line longer than any payload is refused as it streams, without a newline, exit 1', async () => {
    const decoded = await guichet(['id-scan', 'decode'], 'ab'.repeat(MAX_HEX_LINE_CHARS));
    expect(decoded.code).toBe(1);
    expect(decoded.stdout).toBe('');
    expect(decoded.stderr).toMatch(/^guichet id-scan decode: line 1: .*\[IDSCAN_TOO_LONG\]\n$/);
  });

  it('empty input decodes nothing and exits 0', async () => {
    expect(await guichet(['id-scan', 'decode'], '')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('usage errors exit 2: an extra argument, an unknown option, an unknown sample', async () => {
    const extra = await guichet(['id-scan', 'decode', 'payload.hex'], '');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/too many arguments/);
    expect((await guichet(['id-scan', 'decode', '--hex'], '')).code).toBe(2);
    const sim = await guichet(['sim', 'id-scanner', '--scan', 'atlantis']);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toContain('atlantis');
  });
});

describe('guichet id-scan watch', () => {
  it('prints each scan of a real serial line as JSON with health until interrupted (imager simulator on a socat pty)', async () => {
    const ptys = await startPtyPair(['ttyKIOSK', 'ttyIMAGER']);
    const sim = new ImagerSimulator(new SerialTransport({ path: ptys.b }));
    try {
      await sim.start();
      const watch = startCli(register, ['id-scan', 'watch', '--port', ptys.a]);
      await eventually('watch to connect', () => watch.lines().some((l) => l.includes('"event":"connected"')), {
        timeoutMs: 5000,
      });
      await sim.scan('michigan');
      await sim.scan(Buffer.from('not a licence'));
      await eventually(
        'two scans printed',
        () => watch.lines().filter((l) => l.includes('"event":"scan"')).length === 2,
        {
          timeoutMs: 5000,
        },
      );
      watch.interrupt();
      const done = await watch.done;
      expect(done.code).toBe(0);
      const scans = watch
        .lines()
        .map((l) => JSON.parse(l) as { event: string; scan?: unknown; health: { state: string } })
        .filter((e) => e.event === 'scan');
      expect(scans.map((e) => e.scan)).toEqual([
        SAMPLE_DOCUMENTS.michigan,
        { kind: 'refused', reason: 'not-aamva', code: 'IDSCAN_NOT_AAMVA' },
      ]);
      expect(scans.every((e) => e.health.state === 'ok')).toBe(true);
    } finally {
      await sim.stop();
      await ptys.stop();
    }
  });

  it('exits 1 with a typed message when the port does not exist, 2 on a bad --baud', async () => {
    const missing = await guichet(['id-scan', 'watch', '--port', '/nonexistent/ttyACM9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^guichet id-scan watch: .*\[TRANSPORT_CONNECT_FAILED\]\n$/);
    const baud = await guichet(['id-scan', 'watch', '--port', '/dev/null', '--baud', 'fast']);
    expect(baud.code).toBe(2);
    expect((await guichet(['id-scan', 'watch'])).code).toBe(2);
  });
});
