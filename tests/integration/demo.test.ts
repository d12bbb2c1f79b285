// `npm start` as a newcomer runs it: the demo network's 70 kiosks are online within 15 s, the printed
// URLs and credentials work, and Ctrl-C (SIGINT) stops everything cleanly.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, tempDir, waitFor } from '../support/fleet-harness';

const repo = path.resolve(import.meta.dirname, '../..');

describe('npm start (demo)', () => {
  it('brings 70 demo kiosks online within 15 s, prints working URLs and stops on Ctrl-C', async () => {
    const dataDir = tempDir('demo');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), GUICHET_DATA_DIR: dataDir };
    delete env.GUICHET_ADMIN_TOKEN;
    delete env.GUICHET_SITES_FILE;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'provisioning/src/demo/start-demo.ts')], {
      cwd: repo,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const startedAt = Date.now();
    try {
      const token = await waitFor('printed token', () => /Admin API token:\s+(\S+)/.exec(stdout)?.[1], 20_000);
      const kiosksUrl = /Kiosks \(API\):\s+(\S+)/.exec(stdout)?.[1];
      expect(kiosksUrl).toBe(`http://127.0.0.1:${port}/api/v1/kiosks`);
      const online = await waitFor(
        '70 kiosks online',
        async () => {
          const res = await api<{ kiosks: Array<{ status: string }> }>(`http://127.0.0.1:${port}`, '/api/v1/kiosks', {
            token,
          });
          const n = res.body.kiosks.filter((k) => k.status === 'online').length;
          return res.body.kiosks.length === 70 && n === 70 && n;
        },
        20_000,
        250,
      );
      expect(online).toBe(70);
      // Measured from process start, which includes loading TypeScript: the promise is "within 15 s of npm start".
      expect(Date.now() - startedAt).toBeLessThan(15_000);
      expect(fs.statSync(path.join(dataDir, 'demo-kiosk-credentials.json')).mode & 0o077).toBe(0);
      // Simulated kiosks need no native device library: none is mapped into the process.
      const maps = fs.readFileSync(`/proc/${child.pid}/maps`, 'utf8');
      expect(maps).toContain('better_sqlite3.node');
      expect(maps).not.toMatch(/node-hid|HID\.node|serialport|bindings-cpp/i);
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stdout).toContain('Stopping kiosks and fleet server');
  });
});
