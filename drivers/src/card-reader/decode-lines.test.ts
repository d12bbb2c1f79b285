// decodeLines (the `card-reader decode` core) in process: line splitting, and a bound on how much of a line it holds.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { sampleReport } from '../sim/card-reader/sample-cards';
import { decodeLines } from './cli';
import { reportToHex } from './report-hex';

describe('decodeLines', () => {
  it('rejects a line over the maximum while it is still streaming, without waiting for a newline', async () => {
    const errors: string[] = [];
    let sent = 0;
    let stop = false;
    // Endless hex digits and no newline (one chunk per macrotask, like a pipe): the old line reader held all of it.
    const endless = new Readable({
      read() {
        setImmediate(() => {
          if (stop) {
            this.push(null);
            return;
          }
          sent += 65536;
          this.push(Buffer.alloc(65536, 0x61));
        });
      },
    });
    const done = decodeLines(
      endless,
      () => undefined,
      (line) => errors.push(line),
    );
    await eventually('the oversized line to be reported', () => errors.length > 0);
    stop = true;
    expect(await done).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/line 1: .*\[CARD_REPORT_BAD_LENGTH\]/);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('carries on after an oversized line, with CRLF and a last line without newline', async () => {
    const good = reportToHex(sampleReport('payment-card'));
    const out: string[] = [];
    const errors: string[] = [];
    const input = Readable.from([
      `${'b'.repeat(5000)}`,
      `${'c'.repeat(5000)}\r\n${good}\r\n\n`,
      good.slice(0, 100),
      good.slice(100),
    ]);
    expect(
      await decodeLines(
        input,
        (line) => out.push(line),
        (line) => errors.push(line),
      ),
    ).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('line 1:');
    expect(out).toHaveLength(2);
  });
});
