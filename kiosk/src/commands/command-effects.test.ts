// The reboot command is configuration an operator writes: parsed into argv (never given to a shell), and run
// for real here with harmless programs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRebootCommand, spawnCommand } from './command-effects';
import { fileLogSource, logExcerpt } from './log-excerpt';

describe('reboot command', () => {
  it('parses words into argv, absent or blank meaning not configured', () => {
    expect(parseRebootCommand('/usr/bin/systemctl reboot')).toEqual(['/usr/bin/systemctl', 'reboot']);
    expect(parseRebootCommand('  /usr/bin/sudo   /sbin/reboot ')).toEqual(['/usr/bin/sudo', '/sbin/reboot']);
    expect(parseRebootCommand(undefined)).toBeUndefined();
    expect(parseRebootCommand('   ')).toBeUndefined();
  });

  it('refuses a relative program and anything a shell would interpret', () => {
    expect(() => parseRebootCommand('reboot')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    for (const bad of ['/sbin/reboot; rm -rf /', '/bin/sh -c "reboot"', '/sbin/reboot $(id)', '/sbin/reboot | tee'])
      expect(() => parseRebootCommand(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('spawns argv without a shell and resolves with the exit status', async () => {
    expect(await spawnCommand(['/bin/true'])).toBe(0);
    expect(await spawnCommand(['/bin/false'])).toBe(1);
    // No shell: the `;` is an argument of echo, not a second command (a marker file would appear otherwise).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-spawn-'));
    const marker = path.join(dir, 'marker');
    expect(await spawnCommand(['/bin/echo', ';', '/usr/bin/touch', marker])).toBe(0);
    expect(fs.existsSync(marker)).toBe(false);
    await expect(spawnCommand(['/nonexistent/reboot'])).rejects.toMatchObject({ code: 'REBOOT_FAILED' });
  });
});

describe('log excerpt', () => {
  it('keeps the newest whole JSON lines within the cap and drops what is not JSON', () => {
    const raw = ['{"partial', '{"i":1}', 'Error: a stack trace', '{"i":2}', '{"i":3}', ''].join('\n');
    expect(logExcerpt(raw, 1024)).toEqual({
      text: '{"i":1}\n{"i":2}\n{"i":3}\n',
      bytes: 24,
      lines: 3,
      truncated: false,
      redacted: 0,
    });
    expect(logExcerpt(raw, 16)).toMatchObject({ text: '{"i":2}\n{"i":3}\n', lines: 2, truncated: true });
  });

  it('redacts personal fields and long digit runs, leaves ids and dates alone', () => {
    const line = JSON.stringify({
      time: 1795123200000,
      txId: '01KB12345678912345AB',
      at: '2026-11-29T15:00:00.000Z',
      licenceNumber: 'D1234-56789-01234',
      nested: { address: '1 Main St', list: ['health 1234-567-890'] },
    });
    const { text, redacted } = logExcerpt(line, 4096);
    expect(JSON.parse(text)).toEqual({
      time: 1795123200000,
      txId: '01KB12345678912345AB',
      at: '2026-11-29T15:00:00.000Z',
      licenceNumber: '[redacted]',
      nested: { address: '[redacted]', list: ['health [redacted]'] },
    });
    expect(redacted).toBe(3);
  });

  it('reads only the end of a log file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-logfile-'));
    const file = path.join(dir, 'kiosk.log');
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i })).join('\n') + '\n');
    const tail = fileLogSource(file).tail(1024);
    expect(tail.length).toBeLessThanOrEqual(2048);
    const excerpt = logExcerpt(tail, 1024);
    expect(excerpt.text.trimEnd().split('\n').at(-1)).toBe('{"i":4999}');
    expect(excerpt.bytes).toBeLessThanOrEqual(1024);
  });
});
