// The kiosk runtime's own process serves the touch screen (kiosk/src/main.ts): on GUICHET_KIOSK_UI_PORT at
// 127.0.0.1, the built UI or, without a build, a bilingual out-of-order notice after one log line; a port
// already taken is one log line and the kiosk keeps running (its faults still reach the fleet).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { tempDir } from '../support/fleet-harness';
import { REPO_ROOT } from '../support/run-process';

const children: ChildProcess[] = [];
const servers: net.Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A loopback port held open by this test (to take it), or released (to give it to the kiosk). */
async function loopbackPort(hold: boolean): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  if (hold) servers.push(server);
  else await new Promise((resolve) => server.close(resolve));
  return port;
}

function spawnKiosk(uiPort: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'kiosk/src/main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      // Nothing listens there: the kiosk keeps trying, its screen does not wait for the fleet.
      GUICHET_FLEET_URL: 'http://127.0.0.1:9',
      GUICHET_KIOSK_ID: 'K-001',
      GUICHET_KIOSK_CREDENTIAL: 'test-credential-0123456789',
      GUICHET_KIOSK_DATA_DIR: tempDir('screen-process'),
      GUICHET_KIOSK_UI_PORT: String(uiPort),
      GUICHET_KIOSK_IDLE_MS: '30000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  return { child, output: () => text };
}

it('serves the touch screen on GUICHET_KIOSK_UI_PORT at 127.0.0.1', async () => {
  const port = await loopbackPort(false);
  const { output } = spawnKiosk(port);
  const res = await eventually(
    'the kiosk screen answers',
    () => fetch(`http://127.0.0.1:${port}/`).catch(() => undefined),
    { timeoutMs: 30_000, everyMs: 100 },
  );
  const body = await res.text();
  if (fs.existsSync(path.join(REPO_ROOT, 'kiosk/ui/dist/index.html'))) {
    expect(res.status).toBe(200);
    expect(body).toContain('<div id="app"');
  } else {
    expect(res.status).toBe(503);
    expect(body).toContain('npm run build:ui');
    expect(output().match(/the touch UI is not built/g)).toHaveLength(1);
  }
  expect(output()).toContain(`"url":"http://127.0.0.1:${port}"`);
}, 40_000);

it('keeps running with one log line when the screen port is taken', async () => {
  const port = await loopbackPort(true);
  const { child, output } = spawnKiosk(port);
  await eventually('the screen failure logged', () => output().includes('"event":"screen-failed"'), {
    timeoutMs: 30_000,
    everyMs: 100,
  });
  expect(output().match(/screen-failed/g)).toHaveLength(1);
  expect(child.exitCode).toBeNull();
  // Still a working kiosk: it stops cleanly when told to.
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 40_000);
