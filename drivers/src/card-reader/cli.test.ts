// `guichet sim card-reader --swipe …` fed into `guichet card-reader decode`, both run in-process from their own
// command registrations, with bad lines on stdin and a privacy scan of stdout and stderr. The two as a real
// shell pipe of the binary: tests/integration/guichet-cli.test.ts.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { registerSimCommand } from '../sim/cli';
import { runCli } from '../test-support/run-cli';
import { registerCardReaderCommand } from './cli';
import { SwipeResult } from './swipe-result';

/** The `guichet` commands these tests use: card-reader and sim, registered as the binary does. */
const register = (program: Command, io: CliIo): void => {
  registerCardReaderCommand(program, io);
  registerSimCommand(program, io);
};
const guichet = (args: string[], stdin?: string) => runCli(register, args, stdin);

const PAN = '4556737586899855';
const PAN_HEX = Buffer.from(PAN).toString('hex');

describe('guichet card-reader decode', () => {
  it('decodes the simulator swipes, one JSON object per swipe, errors per bad line, and never prints the PAN', async () => {
    const sim = await guichet([
      'sim',
      'card-reader',
      '--swipe',
      'driver-licence',
      'payment-card',
      'health-card',
      'garbage',
    ]);
    expect(sim.code).toBe(0);
    const lines = sim.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => /^[0-9a-f]{674}$/.test(l))).toBe(true);
    expect(sim.stdout).toContain(PAN_HEX); // the input really carries the card

    const badLines = ['zz not hex', 'abc', '00'.repeat(20), `${'00'.repeat(7)}${PAN_HEX}`];
    const input = [lines[0], badLines[0], lines[1], badLines[1], lines[2], badLines[2], lines[3], '', badLines[3]].join(
      '\n',
    );
    const decoded = await guichet(['card-reader', 'decode'], input);
    expect(decoded.code).toBe(1);
    const results = decoded.stdout
      .trim()
      .split('\n')
      .map((l) => SwipeResult.parse(JSON.parse(l)));
    expect(results.map((r) => r.kind)).toEqual(['driver-licence', 'payment-card-refused', 'health-card', 'unreadable']);
    expect(results[1]).toEqual({ kind: 'payment-card-refused', brand: 'visa', last4: '9855' });
    expect(results[0]).toMatchObject({
      licenceNumber: 'D6101-40706-60905',
      familyName: 'DOE',
      postalCode: 'M5V 3L9',
      expiry: '2028-09-05',
    });
    const errors = decoded.stderr.trim().split('\n');
    expect(errors).toEqual([
      expect.stringMatching(/line 2: .*not hex digits \[CARD_HEX_NOT_HEX\]/),
      expect.stringMatching(/line 4: .*odd number .*\[CARD_HEX_ODD_LENGTH\]/),
      expect.stringMatching(/line 6: .*337 bytes.*\[CARD_REPORT_BAD_LENGTH\]/),
      expect.stringMatching(/line 9: .*\[CARD_REPORT_BAD_LENGTH\]/),
    ]);
    const everything = decoded.stdout + decoded.stderr;
    for (const secret of [PAN, PAN.slice(0, 12), PAN_HEX, 'CARDHOLDER', '2812101000'])
      expect(everything).not.toContain(secret);
  });

  it('watch: with no reader plugged in (no USB here), exits 1 with a typed message', async () => {
    const watch = await guichet(['card-reader', 'watch', '--vendor-id', '0801', '--product-id', '0001']);
    expect(watch.code).toBe(1);
    // HID_UNAVAILABLE on a machine without libusb-1.0-0; CARD_READER_NOT_FOUND where node-hid loads.
    expect(watch.stderr).toMatch(/guichet card-reader watch: .*\[(CARD_READER_NOT_FOUND|HID_UNAVAILABLE)\]/);
  });

  it('a MagneSafe reader and licences of three jurisdictions decode; a keyboard-mode reader is refused', async () => {
    const sim = await guichet([
      'sim',
      'card-reader',
      '--reader',
      'magnesafe',
      '--swipe',
      'payment-card',
      'driver-licence',
      'licence-quebec',
      'licence-michigan',
    ]);
    expect(sim.code).toBe(0);
    expect(sim.stdout).not.toContain(PAN_HEX); // masked by the reader
    const decoded = await guichet(['card-reader', 'decode'], sim.stdout);
    expect(decoded.code).toBe(0);
    const results = decoded.stdout
      .trim()
      .split('\n')
      .map((l) => SwipeResult.parse(JSON.parse(l)));
    expect(results).toMatchObject([
      { kind: 'payment-card-refused', brand: 'visa', last4: '9855' },
      { kind: 'driver-licence', jurisdiction: 'ON', licenceNumber: 'D6101-40706-60905' },
      { kind: 'driver-licence', jurisdiction: 'QC', verified: { licenceNumber: false } },
      { kind: 'driver-licence', jurisdiction: 'MI', verified: { licenceNumber: false } },
    ]);
    const keyboard = await guichet(['sim', 'card-reader', '--reader', 'magtek-keyboard', '--swipe', 'payment-card']);
    expect(keyboard).toMatchObject({ code: 1, stdout: '' });
    expect(keyboard.stderr).toMatch(/keyboard-emulation.*HID mode.*\[CARD_READER_KEYBOARD_MODE\]/s);
  });

  it('refuses an unknown swipe kind', async () => {
    const sim = await guichet(['sim', 'card-reader', '--swipe', 'library-card']);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toContain('library-card');
    expect(sim.stdout).toBe('');
  });
});
