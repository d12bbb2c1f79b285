// The simulator's live commands (stdin of `guichet sim payment-terminal`) and its option validation.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryTransport } from '../../transport/memory-transport';
import { applyCommand } from './cli';
import { PaymentTerminalSimulator } from './terminal-simulator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('sim payment-terminal live commands', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('changes script, fault, late delay and terminal state; refuses unknown values', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const sim = new PaymentTerminalSimulator(MemoryTransport.pair()[1]);
    expect(applyCommand(sim, 'script pin-timeout')).toBeUndefined();
    expect(applyCommand(sim, 'fault nak-storm')).toBeUndefined();
    expect(applyCommand(sim, 'late-ms 5000')).toBeUndefined();
    expect(applyCommand(sim, 'state busy')).toBeUndefined();
    expect(applyCommand(sim, 'authorisation-ms 3000')).toBeUndefined();
    expect(applyCommand(sim, 'while-authorising busy')).toBeUndefined();
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
    expect(applyCommand(sim, 'while-authorising maybe')).toMatch(/unknown while-authorising/);
    expect(applyCommand(sim, 'authorisation-ms soon')).toMatch(/cannot apply/);
    expect(applyCommand(sim, 'script smile')).toMatch(/unknown script/);
    expect(applyCommand(sim, 'fault fire')).toMatch(/unknown fault/);
    expect(applyCommand(sim, 'late-ms soon')).toMatch(/cannot apply/);
    expect(sim.script).toBe('pin-timeout');
    expect(JSON.parse(written.at(-1) ?? '{}')).toMatchObject({ event: 'settings', terminalState: 'BUSY' });
  });

  it('exits 2 with a clear message on an unknown script', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'provisioning/bin/guichet.js'),
        'sim',
        'payment-terminal',
        '--port',
        '/tmp/none',
        '--script',
        'smile',
      ],
      { cwd: root },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid option/);
  }, 25_000);

  it('exits 2 naming the file when --records is not a records database', async () => {
    const junk = path.join(mkdtempSync(path.join(tmpdir(), 'guichet-sim-records-')), 'junk.db');
    writeFileSync(junk, 'not sqlite at all, only text that goes on for a while\n'.repeat(4));
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'provisioning/bin/guichet.js'),
        'sim',
        'payment-terminal',
        '--port',
        '/tmp/none',
        '--records',
        junk,
      ],
      { cwd: root },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    rmSync(path.dirname(junk), { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toContain(`sim payment-terminal: ${junk}: not a payment terminal records file`);
  }, 25_000);
});
