// The fleet server as a real process: killed with SIGKILL it loses no event (SQLite WAL, synchronous
// FULL); a bad sites file stops it at start-up with a one-line error and exit status 2, writing nothing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { api, ADMIN_TOKEN, tempDir, writeSitesFile } from '../support/fleet-harness';

const repo = path.resolve(import.meta.dirname, '../..');
const main = path.join(repo, 'fleet-server/src/main.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function fleetEnv(dir: string, sites: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    GUICHET_DATA_DIR: dir,
    GUICHET_SITES_FILE: sites,
    GUICHET_ADMIN_TOKEN: ADMIN_TOKEN,
    GUICHET_OFFLINE_AFTER_MS: '300',
    LOG_LEVEL: 'silent',
  };
}

function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}

describe('fleet server process', () => {
  it('keeps every event after kill -9 and restart', async () => {
    const dir = tempDir('fleetproc');
    const sites = writeSitesFile(dir, 5);
    const port = freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: repo,
      env: fleetEnv(dir, sites, port),
      stdio: 'ignore',
    });
    children.push(first);
    // No kiosk ever connects, so each is declared offline after the grace period: five fault events.
    const before = await eventually(
      'five faults',
      async () => {
        const res = await fetch(`${url}/healthz`).catch(() => undefined);
        if (!res?.ok) return false;
        const db = await import('better-sqlite3');
        const conn = new db.default(path.join(dir, 'fleet.db'), { readonly: true });
        try {
          const rows = conn.prepare('SELECT body FROM events ORDER BY seq').all() as Array<{ body: string }>;
          return rows.length === 5 && rows.map((r) => r.body);
        } finally {
          conn.close();
        }
      },
      { timeoutMs: 20_000, everyMs: 100 },
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const second = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: repo,
      env: fleetEnv(dir, sites, port),
      stdio: 'ignore',
    });
    children.push(second);
    await eventually('restarted', async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok, {
      timeoutMs: 20_000,
      everyMs: 100,
    });
    const kiosks = await api<{ kiosks: Array<{ status: string; openFaults: unknown[] }> }>(url, '/api/v1/kiosks');
    expect(kiosks.body.kiosks.every((k) => k.status === 'offline' && k.openFaults.length === 1)).toBe(true);
    const db = await import('better-sqlite3');
    const conn = new db.default(path.join(dir, 'fleet.db'), { readonly: true });
    const after = (conn.prepare('SELECT body FROM events ORDER BY seq').all() as Array<{ body: string }>).map(
      (r) => r.body,
    );
    conn.close();
    // Still-open faults are not detected twice after the restart.
    expect(after).toEqual(before);
  });

  it('refuses a sites file with a bad time zone: one line naming the file and the field, exit 2, nothing written', () => {
    const dir = tempDir('badtz');
    const sites = writeSitesFile(dir, 1);
    const file = JSON.parse(fs.readFileSync(sites, 'utf8')) as { sites: Array<{ timezone: string }> };
    file.sites[0]!.timezone = 'America/Atlantis';
    fs.writeFileSync(sites, JSON.stringify(file));
    const dataDir = path.join(dir, 'data');
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      cwd: repo,
      env: fleetEnv(dataDir, sites, freePort()),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SITES_FILE_BAD_TIMEZONE');
    expect(lines[0]).toContain(sites);
    expect(lines[0]).toContain('sites.0.timezone');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses a sites file that is not JSON', () => {
    const dir = tempDir('notjson');
    const sites = path.join(dir, 'sites.json');
    fs.writeFileSync(sites, '{"sites": [ oops');
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      cwd: repo,
      env: fleetEnv(path.join(dir, 'data'), sites, freePort()),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/SITES_FILE_NOT_JSON: .*sites\.json: not valid JSON/);
  });
});
