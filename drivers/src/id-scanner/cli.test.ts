// `guichet sim id-scanner --scan …` fed into `guichet id-scan decode`, both run in-process from their own command
// registrations: one JSON object per payload, a one-line error per bad line naming its number (never its content),
// exit 0 / 1 / 2.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { registerSimCommand } from '../sim/cli';
import { encodeAamva } from '../sim/id-scanner/aamva-encoder';
import { SAMPLE_DOCUMENTS, SAMPLE_SPECS } from '../sim/id-scanner/sample-licences';
import { runCli } from '../test-support/run-cli';
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
