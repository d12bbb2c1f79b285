// The fleet status page while the fleet server cannot write its database: a banner from /healthz says since when
// and why, in the page's language, and goes away once storage is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { ADMIN_TOKEN, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';
import { launchChromium } from '../support/browser';

/** A technician who signs in to the page (a session cookie: no token in the page). */
const USER = 'tech-status';
const PASSWORD = 'a long status-page password';

let server: FleetServer;
let browser: Browser;
let runtime: KioskRuntime;
const time = new ManualTime(Date.now());

async function storage(): Promise<string> {
  const res = await fetch(`${server.url}/healthz`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return ((await res.json()) as { storage: string }).storage;
}

beforeAll(async () => {
  const dir = tempDir('status-storage');
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 1)), pino({ level: 'silent' }), {
    clock: time,
    timers: time,
  });
  runtime = new KioskRuntime({
    kioskId: 'K-001',
    credential: server.credentials.issue('K-001', new Date()),
    fleetUrl: server.url,
    dataDir: `${dir}/kiosk`,
    heartbeatIntervalMs: 200,
    devices: new SimulatedDeviceBoard(),
    log: pino({ level: 'silent' }),
  });
  runtime.start();
  await eventually('K-001 online', () => server.monitor.view('K-001', () => false)?.status === 'online');
  await server.users.create({ username: USER, role: 'technician' }, PASSWORD);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await server?.stop();
});

describe('fleet status page on failing storage', () => {
  it('shows a banner while storage fails and none once it is back', async () => {
    // Signed in while the disk works (a sign-in writes its session); the page then keeps showing what it can.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#kiosks tbody tr');
    expect(await page.locator('#storage').isVisible()).toBe(false);
    server.db.pragma('query_only = 1');
    await eventually('storage failing', async () => {
      await time.advance(200);
      return (await storage()) === 'failing';
    });
    await page.reload(); // the next refresh, now rather than in 5 s; the session cookie stays
    await expect.poll(() => page.locator('#storage').isVisible()).toBe(true);
    expect(await page.locator('#storage').innerText()).toMatch(
      /^The fleet server cannot write its database since .+ \(SQLITE_READONLY\)/,
    );
    expect(await page.locator('#storage').getAttribute('role')).toBe('alert');

    server.db.pragma('query_only = 0');
    await time.advance(61_000);
    expect(await storage()).toBe('ok');
    // The page's own next refresh (every 5 s) takes the banner down.
    await expect.poll(() => page.locator('#storage').isHidden(), { timeout: 15_000 }).toBe(true);
    await context.close();
  });
});
