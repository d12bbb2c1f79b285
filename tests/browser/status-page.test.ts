// The fleet status page in a real browser: sign in as a person (session cookie), see every kiosk with its status in
// words, switch to French, and a wrong password says so — all from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';
import { launchChromium } from '../support/browser';

/** A technician who signs in to the page (a session cookie: no token in the page). */
const USER = 'tech-status';
const PASSWORD = 'a long status-page password';

let server: FleetServer;
let browser: Browser;
let runtime: KioskRuntime;
// The fleet runs on manual time (from now, so the page's "last heard … ago" stays sensible): repair clocks are exact.
const time = new ManualTime(Date.now());

beforeAll(async () => {
  const dir = tempDir('status');
  server = await startFleet(
    testFleetConfig(dir, writeSitesFile(dir, 3), { startupGraceMs: 500 }),
    pino({ level: 'silent' }),
    { clock: time, timers: time },
  );
  const devices = new SimulatedDeviceBoard();
  devices.set('printer', { state: 'warning', code: 'PAPER_NEAR_END' });
  runtime = new KioskRuntime({
    kioskId: 'K-002',
    credential: server.credentials.issue('K-002', new Date()),
    fleetUrl: server.url,
    dataDir: `${dir}/kiosk`,
    heartbeatIntervalMs: 200,
    devices,
    log: pino({ level: 'silent' }),
  });
  runtime.start();
  await eventually('K-002 online', () => server.monitor.view('K-002', () => false)?.status === 'online');
  // K-001 and K-003 never connect: after the start-up grace each has an open incident with a running clock.
  await time.advance(500);
  expect(
    server.events
      .all()
      .filter((e) => e.type === 'fault.detected')
      .map((e) => e.kioskId),
  ).toEqual(['K-001', 'K-003']);
  // Five minutes of the two-hour repair clock pass (the clock is set: no offline check falls due meanwhile).
  time.setTime(time.now().getTime() + 5 * 60_000);
  await server.users.create({ username: USER, role: 'technician' }, PASSWORD);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await server?.stop();
});

describe('fleet status page', () => {
  it('signs in with the keyboard and lists kiosks needing attention first, status in words', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The server's Content-Security-Policy must block nothing the page does (Chromium logs each violation).
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(server.url);
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#kiosks tbody tr');
    await expect.poll(() => page.locator('#login').isHidden()).toBe(true);
    const rows = await page.locator('#kiosks tbody tr').allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/K-001.*Offline.*1 h 55 min left/s);
    expect(rows[2]).toMatch(/K-002.*Online.*printer: PAPER_NEAR_END.*—/s);
    expect(await page.locator('#summary').innerText()).toContain('1 of 3 kiosks scheduled now are operational (33.3%)');
    expect(await page.locator('#summary').getAttribute('class')).toContain('below');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect
      .poll(() => page.locator('#summary').innerText())
      .toContain('1 des 3 guichets prévus en ce moment sont en service');
    expect(await page.locator('#kiosks tbody tr').first().innerText()).toMatch(/reste 1 h 55 min/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#kiosks thead').innerText()).toContain('Dernier signal');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('says so when the password is wrong, and keeps no credential in the page or its storage', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=fr`);
    await page.getByLabel('Nom d’utilisateur').fill(USER);
    await page.getByLabel('Mot de passe').fill('not the password at all');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#login-error').innerText())
      .toContain('Nom d’utilisateur ou mot de passe incorrect');
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
    // The session id is in an HttpOnly cookie the page's script cannot read; nothing is kept in storage.
    expect(await page.evaluate('[sessionStorage.length, localStorage.length, document.cookie]')).toEqual([0, 0, '']);
    expect(await page.locator('#fleet').isHidden()).toBe(true);
    await context.close();
  });
});
