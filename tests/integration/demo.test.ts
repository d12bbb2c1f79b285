// `npm start` as a newcomer runs it: the demo network's 70 kiosks all come online, the printed URLs and
// credentials work, and Ctrl-C (SIGINT) stops everything cleanly. How fast is a benchmark's question
// (tests/bench/demo-startup.bench.ts), not a test's.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKioskUi } from '../support/kiosk-ui';
import { tempDir } from '../support/fleet-harness';
import { allDemoKiosksOnline, DEMO_KIOSKS, demoToken, spawnDemo, stopDemo } from '../support/demo-process';

// `npm start` builds the touch UI before the demo starts; the test builds it into a folder of its own.
let uiDir = '';
beforeAll(async () => {
  uiDir = await buildKioskUi();
}, 60_000);
afterAll(() => fs.rmSync(uiDir, { recursive: true, force: true }));

describe('npm start (demo)', () => {
  it('brings every demo kiosk online, prints working URLs and stops on Ctrl-C', async () => {
    const dataDir = tempDir('demo');
    const demo = spawnDemo(dataDir, { GUICHET_KIOSK_UI_DIR: uiDir });
    let stopped: Promise<number | null> | undefined;
    try {
      const token = await demoToken(demo);
      expect(/Kiosks \(API\):\s+(\S+)/.exec(demo.stdout())?.[1]).toBe(`http://127.0.0.1:${demo.port}/api/v1/kiosks`);
      expect(await allDemoKiosksOnline(demo, token)).toBe(DEMO_KIOSKS);
      // The console's address and the demo's people, each able to sign in with the printed password.
      expect(/Console:\s+(\S+)/.exec(demo.stdout())?.[1]).toBe(`http://127.0.0.1:${demo.port}/console/`);
      const people = [...demo.stdout().matchAll(/Sign in as:\s+(\S+) \/ (\S+)\s+\((\w+)/g)];
      expect(people.map((m) => `${m[1]}:${m[3]}`)).toEqual(['admin:admin', 'tech:technician', 'analyst:analyst']);
      for (const [, username, password, role] of people) {
        const res = await fetch(`http://127.0.0.1:${demo.port}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { user: { role: string } }).user.role).toBe(role);
      }
      expect(fs.statSync(path.join(dataDir, 'demo-users.json')).mode & 0o077).toBe(0);
      expect(fs.statSync(path.join(dataDir, 'demo-kiosk-credentials.json')).mode & 0o077).toBe(0);
      // Simulated kiosks need no native device library: none is mapped into the process.
      const maps = fs.readFileSync(`/proc/${demo.child.pid}/maps`, 'utf8');
      expect(maps).toContain('better_sqlite3.node');
      expect(maps).not.toMatch(/node-hid|HID\.node|serialport|bindings-cpp/i);
      // Each simulated PIN pad keeps its batch where `guichet reconcile --data-dir` reads it.
      const batches = fs.readdirSync(path.join(dataDir, 'terminals')).filter((file) => file.endsWith('.db'));
      expect(batches).toHaveLength(DEMO_KIOSKS);
      // The first kiosk's touch screen and the demo panel beside it are served where the demo says.
      const screenUrl = /Kiosk screen:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(demo.stdout())?.[1];
      expect(screenUrl).toBeDefined();
      const screen = await fetch(`${screenUrl}/`);
      expect(screen.status).toBe(200);
      expect(screen.headers.get('content-type')).toMatch(/text\/html/);
      expect(await screen.text()).toMatch(/<script type="module"[^>]+src="\.\/assets\/index-[\w-]+\.js"/);
      expect(/Demo panel:\s+(\S+)/.exec(demo.stdout())?.[1]).toBe(`${screenUrl}/demo-panel`);
      const panel = await fetch(`${screenUrl}/demo-panel`);
      expect(panel.status).toBe(200);
      expect(await panel.text()).toMatch(/declin/i);
    } finally {
      stopped = stopDemo(demo);
    }
    expect(await stopped).toBe(0);
    expect(demo.stdout()).toContain('Stopping kiosks and fleet server');
  });
});
