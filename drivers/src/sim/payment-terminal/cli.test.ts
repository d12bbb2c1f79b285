// The simulator's live commands (stdin of `guichet sim payment-terminal`) and its option validation, run
// in-process. The spawned binary over a pty pair is in tests/integration/guichet-cli.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli-io';
import { runCli } from '../../test-support/run-cli';
import { MemoryTransport } from '../../transport/memory-transport';
import { registerSimCommand } from '../cli';
import { applyCommand } from './cli';
import { PaymentTerminalSimulator } from './terminal-simulator';

describe('sim payment-terminal live commands', () => {
  it('changes script, fault, late delay and terminal state; refuses unknown values', () => {
    const written: string[] = [];
    const io: CliIo = {
      stdin: process.stdin,
      out: (text) => void written.push(text),
      err: () => undefined,
      exit: () => undefined,
      interrupted: () => new Promise(() => undefined),
    };
    const sim = new PaymentTerminalSimulator(MemoryTransport.pair()[1]);
    const apply = (line: string): string | undefined => applyCommand(sim, line, io);
    expect(apply('script pin-timeout')).toBeUndefined();
    expect(apply('fault nak-storm')).toBeUndefined();
    expect(apply('late-ms 5000')).toBeUndefined();
    expect(apply('state busy')).toBeUndefined();
    expect(apply('authorisation-ms 3000')).toBeUndefined();
    expect(apply('while-authorising busy')).toBeUndefined();
    expect({
      script: sim.script,
      fault: sim.fault,
      lateMs: sim.lateMs,
      terminalState: sim.terminalState,
      authorisationMs: sim.authorisationMs,
      whileAuthorising: sim.whileAuthorising,
    }).toEqual({
      script: 'pin-timeout',
      fault: 'nak-storm',
      lateMs: 5000,
      terminalState: 'BUSY',
      authorisationMs: 3000,
      whileAuthorising: 'busy',
    });
    expect(apply('while-authorising maybe')).toMatch(/unknown while-authorising/);
    expect(apply('authorisation-ms soon')).toMatch(/cannot apply/);
    expect(apply('script smile')).toMatch(/unknown script/);
    expect(apply('fault fire')).toMatch(/unknown fault/);
    expect(apply('late-ms soon')).toMatch(/cannot apply/);
    expect(sim.script).toBe('pin-timeout');
    expect(written).toHaveLength(6); // one settings report per change applied, none for a refusal
    expect(JSON.parse(written.at(-1) ?? '{}')).toMatchObject({ event: 'settings', terminalState: 'BUSY' });
  });

  it('exits 2 with a clear message on an unknown script, before opening any port', async () => {
    const run = await runCli(registerSimCommand, [
      'sim',
      'payment-terminal',
      '--port',
      '/tmp/none',
      '--script',
      'smile',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/invalid option/);
    expect(run.stdout).toBe('');
  });

  it('exits 1 naming the port when it cannot be opened', async () => {
    const run = await runCli(registerSimCommand, ['sim', 'payment-terminal', '--port', '/nonexistent/ttyNONE']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot open /nonexistent/ttyNONE');
  });

  it('exits 2 naming the file when --records is not a records database, before opening any port', async () => {
    const junk = path.join(mkdtempSync(path.join(tmpdir(), 'guichet-sim-records-')), 'junk.db');
    writeFileSync(junk, 'not sqlite at all, only text that goes on for a while\n'.repeat(4));
    const run = await runCli(registerSimCommand, ['sim', 'payment-terminal', '--port', '/tmp/none', '--records', junk]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(junk);
    expect(run.stdout).toBe('');
  });
});
