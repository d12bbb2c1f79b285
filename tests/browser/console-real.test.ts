// The technician console against the REAL fleet server (SQLite, socket.io /console, session cookies, the incident
// service, remote commands) with real KioskRuntime kiosks, in Debian Chromium: sign in through the form, the fleet by
// site, a printer running out of paper on a kiosk (the ESC/POS simulator over TCP) opening an incident that reaches
// the queue live, acknowledge (audited), resolve refused while faulted then done once the paper is back, the kiosk
// page from GET /kiosks/:id, a maintenance window planned and cancelled, and a printer test page sent to the kiosk
// that comes back done. Screens go to tests/browser/screenshots/console-real (gitignored) to be looked at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard, startKioskDevices, type KioskDevices } from '@guichet/kiosk';
import { eventually } from '@guichet/shared/test-support/eventually';
import en from '../../fleet-server/web/console/src/locales/en.json';
import fr from '../../fleet-server/web/console/src/locales/fr.json';
import { launchChromium } from '../support/browser';
import { buildConsole, CONSOLE_SCREENSHOTS } from '../support/console-harness';
import { startFleet, tempDir, testFleetConfig } from '../support/fleet-harness';

const TECH = { username: 'dana', password: 'a long technician password' };
const ANALYST = { username: 'omar', password: 'a long analyst password' };
const SHOTS = path.join(CONSOLE_SCREENSHOTS, '../console-real');

/** Two always-open sites with coordinates (drawn on the map), three kiosks: K-001 and K-002 connect, K-003 never. */
function writeSites(dir: string): string {
  const day = [['00:00', '24:00']];
  const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  const site = (id: string, name: string, city: string, region: string, latitude: number, longitude: number) => ({
    id,
    name,
    kind: 'mall',
    city,
    region,
    latitude,
    longitude,
    timezone: 'America/Toronto',
    hours,
  });
  const file = {
    sites: [
      site('mall-yorkdale', 'Yorkdale Shopping Centre', 'Toronto', 'toronto', 43.7254, -79.4522),
      site('mall-rideau', 'CF Rideau Centre', 'Ottawa', 'eastern', 45.4255, -75.6923),
    ],
    kiosks: [
      { id: 'K-001', siteId: 'mall-yorkdale', commissionedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'K-002', siteId: 'mall-yorkdale', commissionedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'K-003', siteId: 'mall-rideau', commissionedAt: '2025-01-01T00:00:00.000Z' },
    ],
  };
  const filePath = path.join(dir, 'sites.json');
  fs.writeFileSync(filePath, JSON.stringify(file, null, 2));
  return filePath;
}

let dir: string;
let dist: string;
let server: FleetServer;
let devices: KioskDevices;
let k1: KioskRuntime;
let k2: KioskRuntime;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const policyViolations: string[] = [];

beforeAll(async () => {
  dir = tempDir('console-real');
  dist = await buildConsole();
  const silent = pino({ level: 'silent' });
  server = await startFleet(
    testFleetConfig(path.join(dir, 'fleet'), writeSites(dir), { startupGraceMs: 1_500 }),
    silent,
    { consoleDistDir: dist },
  );
  await server.users.create({ username: TECH.username, role: 'technician' }, TECH.password);
  await server.users.create(
    { username: ANALYST.username, role: 'analyst', ministry: 'transportation' },
    ANALYST.password,
  );
  // K-001: the kiosk's real device wiring (ESC/POS printer simulator over TCP, PIN pad simulator), polled on demand.
  const k1Dir = path.join(dir, 'k1');
  devices = await startKioskDevices({}, { kioskId: 'K-001', dataDir: k1Dir, pollMs: 3_600_000 });
  k1 = new KioskRuntime({
    kioskId: 'K-001',
    credential: server.credentials.issue('K-001', new Date()),
    fleetUrl: server.url,
    dataDir: k1Dir,
    heartbeatIntervalMs: 200,
    devices: devices.board,
    transactionDevices: { terminal: devices.terminal, printer: devices.printer },
    log: silent,
  });
  k2 = new KioskRuntime({
    kioskId: 'K-002',
    credential: server.credentials.issue('K-002', new Date()),
    fleetUrl: server.url,
    dataDir: path.join(dir, 'k2'),
    heartbeatIntervalMs: 200,
    devices: new SimulatedDeviceBoard(),
    log: silent,
  });
  k1.start();
  k2.start();
  await eventually('K-001 and K-002 online', () =>
    ['K-001', 'K-002'].every((id) => server.monitor.view(id, () => false)?.status === 'online'),
  );
  // K-003 never connects: after the start-up grace its network fault opens an incident.
  await eventually('K-003 offline with an incident', () =>
    server.incidents.list({ subject: 'test', role: 'admin' } as never, {}).some((i) => i.kioskId === 'K-003'),
  );
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-CA',
    timezoneId: 'America/Toronto',
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await k1?.stop();
  await k2?.stop();
  await devices?.close();
  await server?.stop();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

async function shot(name: string, target: Page = page, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

const admin = { subject: 'test', role: 'admin' } as const;
const incidentOf = (kioskId: string) =>
  server.incidents.list(admin as never, { status: 'all' }).find((i) => i.kioskId === kioskId && !i.resolvedAt);
const card = (kioskId: string) => page.locator(`.incident[data-incident^="${kioskId}-"]`);

interface PageGlobals {
  __notReloaded?: boolean;
}

describe('technician console on the real fleet server', () => {
  it('signs in through the form and shows the real kiosks by site with their statuses', async () => {
    await page.goto(`${server.url}/console/`);
    await page.locator('#username').fill(TECH.username);
    await page.locator('#password').fill(TECH.password);
    await page.locator('form button[type=submit]').click();
    await page.locator('.link-live').waitFor();
    expect(await page.locator('.who').textContent()).toBe(`Signed in as ${TECH.username}`);
    const yorkdale = page.locator('.site-list > li[data-site="mall-yorkdale"]');
    const rideau = page.locator('.site-list > li[data-site="mall-rideau"]');
    expect(await yorkdale.getAttribute('data-status')).toBe('ok');
    expect(await rideau.getAttribute('data-status')).toBe('down');
    await yorkdale.locator('summary').click();
    expect(await yorkdale.locator('.kiosk-list li').allTextContents()).toEqual(['K-001 — Online', 'K-002 — Online']);
    await rideau.locator('summary').click();
    expect(await rideau.locator('.kiosk-list li').textContent()).toBe('K-003 — Offline (Network)');
    expect(await page.locator('[data-nav=incidents]').textContent()).toBe('Incidents (1)');
    await shot('fleet-desktop-en');
  });

  it('shows a printer fault as a new incident live, acknowledges it, refuses to resolve it while faulted', async () => {
    await page.locator('[data-nav=incidents]').click();
    await page.locator('main[data-screen=incidents]').waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__notReloaded = true;
    });
    devices.simulators.printer!.inject({ paper: 'end' });
    await devices.board.pollOnce();
    await eventually('K-001 incident opened', () => incidentOf('K-001') !== undefined);
    const k1Card = card('K-001');
    await k1Card.waitFor();
    expect(await k1Card.locator('.incident-what').textContent()).toContain('Printer');
    expect(await k1Card.locator('.clock').textContent()).toMatch(/^(2 h 00 min|1 h 59 min) left$/);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__notReloaded)).toBe(true);
    await shot('incident-queue-desktop-en');

    await k1Card.getByRole('button', { name: en.incidents.acknowledge }).click();
    await expect.poll(() => k1Card.locator('.badge').textContent()).toBe(en.incidentState.acknowledged);
    expect(await k1Card.locator('.incident-state').textContent()).toContain(`by ${TECH.username}`);
    const incident = incidentOf('K-001')!;
    expect(incident.acknowledgedBy).toBe(TECH.username);
    const audit = server.audit.query({ limit: 50, action: 'incident.acknowledge' }).entries;
    expect(audit).toEqual([
      expect.objectContaining({ actor: TECH.username, target: incident.incidentId, action: 'incident.acknowledge' }),
    ]);

    await k1Card.locator('summary').click();
    // A note goes to the real server and comes back in the incident's details (GET /incidents/:id history).
    await k1Card.getByLabel(en.incidents.note).fill('Ordered a paper roll');
    await k1Card.getByRole('button', { name: en.incidents.addNote }).click();
    await expect
      .poll(() => k1Card.locator('.note-list .note-text').allTextContents())
      .toEqual(['Ordered a paper roll']);
    expect(await k1Card.locator('.note-list .note-meta').textContent()).toMatch(new RegExp(`^${TECH.username}, `));
    await k1Card.getByLabel(en.incidents.note).fill('Paper roll empty, replacing');
    await k1Card.getByRole('button', { name: en.incidents.resolve }).click();
    await expect.poll(() => k1Card.locator('[role=alert]').textContent()).toBe(en.incidents.stillFaulted);
    expect(incidentOf('K-001')!.resolvedAt).toBeNull();
    await shot('incident-409-desktop-en');
  });

  it('resolves with a note once the paper is back: the repaired incident waits in the queue for it', async () => {
    devices.simulators.printer!.inject({ paper: 'ok' });
    await devices.board.pollOnce();
    await eventually('K-001 repaired', () => incidentOf('K-001')?.status === 'repaired');
    const repaired = page.locator(`.repaired-list .incident[data-incident^="K-001-"]`);
    await repaired.waitFor();
    await shot('incident-repaired-desktop-en');
    await repaired.locator('summary').click();
    await repaired.getByLabel(en.incidents.note).fill('Replaced the paper roll');
    await repaired.getByRole('button', { name: en.incidents.resolve }).click();
    await expect.poll(() => repaired.count()).toBe(0);
    const resolved = server.incidents.list(admin as never, { status: 'resolved' }).find((i) => i.kioskId === 'K-001')!;
    expect(resolved).toMatchObject({ resolvedBy: TECH.username, resolution: 'Replaced the paper roll' });
    expect(server.audit.query({ limit: 50, action: 'incident.resolve' }).entries).toHaveLength(1);
  });

  it("shows the kiosk's devices, recent events and transaction counts from GET /kiosks/:id", async () => {
    await page.goto(`${server.url}/console/#/kiosks/K-001`);
    await page.locator('main[data-screen=kiosk] h1').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Kiosk K-001');
    expect(await page.locator('[data-device=printer] dd').textContent()).toBe(en.deviceState.ok);
    expect(await page.locator('[data-device=network] dd').textContent()).toContain(en.deviceState.ok);
    const events = page.locator('[aria-labelledby=events-heading] tbody tr');
    await expect.poll(() => events.count()).toBeGreaterThanOrEqual(2);
    const rows = await events.allTextContents();
    expect(rows[0]).toMatch(/Fault cleared.*Printer/);
    expect(rows[1]).toMatch(/Fault detected.*Printer · Out of paper$/);
    expect(await page.locator('[aria-labelledby=tx-heading] dl').textContent()).toBe(
      'Completed0Cancelled0Refused by the ministry0In progress0',
    );
    await shot('kiosk-desktop-en');
  });

  it('plans a maintenance window from the UI and cancels it, both in the real server', async () => {
    await page.goto(`${server.url}/console/#/maintenance/K-002`);
    await page.getByLabel(en.maintenance.reason).fill('Replace the card reader');
    await page.getByRole('button', { name: en.maintenance.plan }).click();
    await expect.poll(() => page.locator('.windows li').count()).toBe(1);
    const [planned] = server.maintenance.forKiosk('K-002');
    expect(planned).toMatchObject({ reason: 'Replace the card reader', plannedBy: TECH.username });
    expect(planned!.cancelledBy).toBeUndefined();
    expect(planned!.end!.getTime() - planned!.start.getTime()).toBe(2 * 3600_000);
    await page.locator('.windows li button').click();
    await expect.poll(() => page.locator('.windows li .badge').textContent()).toBe(en.maintenance.cancelled);
    expect(server.maintenance.forKiosk('K-002')[0]).toMatchObject({ cancelledBy: TECH.username });
    expect(server.audit.query({ limit: 50, target: 'K-002' }).entries.map((e) => e.action)).toEqual([
      'maintenance.cancel',
      'maintenance.plan',
    ]);
  });

  it('says the real server’s maintenance refusals in French, with instants in local time, and plans nothing', async () => {
    await page.goto(`${server.url}/console/#/maintenance/K-002`);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByLabel(fr.maintenance.reason).waitFor();
    const before = server.maintenance.forKiosk('K-002').length;
    const alert = page.locator('.action-result.error');
    // A start in the past: the server's MAINTENANCE_IN_PAST, said in French with the start in Ontario time.
    await page.getByLabel(fr.maintenance.start).fill('2020-01-01T08:00');
    await page.getByLabel(fr.maintenance.end).fill('2020-01-01T10:00');
    await page.getByLabel(fr.maintenance.reason).fill('Remplacer le lecteur');
    await page.getByRole('button', { name: fr.maintenance.plan }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe(fr.maintenance.error.inPast.replace('{{start}}', '1 janv. 2020, 08 h 00'));
    // Ten days: MAINTENANCE_TOO_LONG with the seven-day limit and both instants.
    await page.getByLabel(fr.maintenance.start).fill('2099-03-02T09:30');
    await page.getByLabel(fr.maintenance.end).fill('2099-03-12T09:30');
    await page.getByRole('button', { name: fr.maintenance.plan }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe(
        fr.maintenance.error.tooLong
          .replace('{{days}}', '7')
          .replace('{{start}}', '2 mars 2099, 09 h 30')
          .replace('{{end}}', '12 mars 2099, 09 h 30'),
      );
    expect(await alert.textContent()).not.toMatch(/\d{4}-\d\d-\d\dT|must|past/);
    expect(server.maintenance.forKiosk('K-002').length).toBe(before);
    await shot('maintenance-refused-fr');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByLabel(en.maintenance.reason).count()).toBe(1);
  });

  it('sends a printer test page to the connected kiosk from its page and sees it done; a reboot asks first', async () => {
    await page.goto(`${server.url}/console/#/kiosks/K-001`);
    const commands = page.locator('section[aria-labelledby=commands-heading]');
    await commands.waitFor();
    await expect.poll(() => commands.locator('.muted').last().textContent()).toBe(en.commands.none);
    await commands.getByRole('button', { name: en.commands.kind['print-test-page'] }).click();
    await expect
      .poll(() => commands.locator('[role=status]').textContent())
      .toBe(`Sent: ${en.commands.kind['print-test-page']}.`);
    const row = commands.locator('tbody tr[data-type="print-test-page"]');
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 15_000 }).toBe(en.commands.state.done);
    const [sent] = server.commands.list('K-001');
    expect(sent).toMatchObject({ type: 'print-test-page', state: 'done', requestedBy: TECH.username });
    expect(devices.simulators.printer!.text()).toMatch(/Printer test page/i);
    // The ESC/POS simulator answers the process-id request: the page is confirmed by the printer itself.
    expect(await row.locator('td').last().textContent()).toBe(en.commands.testPage.confirmed);
    expect(server.audit.query({ limit: 10, action: 'command.send' }).entries).toEqual([
      expect.objectContaining({ actor: TECH.username, target: 'K-001' }),
    ]);

    // A reboot interrupts the kiosk: it asks first, and Cancel sends nothing and gives the focus back.
    const reboot = commands.getByRole('button', { name: en.commands.kind.reboot });
    await reboot.click();
    const confirm = commands.getByRole('group', { name: 'Reboot the kiosk?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('unavailable to citizens');
    await shot('kiosk-commands-desktop-en');
    await confirm.getByRole('button', { name: en.commands.cancel }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(
      await reboot.evaluate(
        (b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      ),
    ).toBe(true);
    expect(server.commands.list('K-001')).toHaveLength(1);
  });

  it('takes the kiosk out of service after confirming, and back in service', async () => {
    const commands = page.locator('section[aria-labelledby=commands-heading]');
    await commands.getByRole('button', { name: en.commands.kind['out-of-service'] }).click();
    await commands.getByLabel(en.commands.reason).fill('Screen cracked');
    await commands.getByRole('button', { name: `Yes: ${en.commands.kind['out-of-service']}` }).click();
    await eventually(
      'K-001 out of service',
      () => server.monitor.view('K-001', () => false)?.status === 'out-of-service',
    );
    await expect.poll(() => page.locator('.lead .badge').textContent()).toBe('Out of service');
    await commands.getByRole('button', { name: en.commands.kind['in-service'] }).click();
    await eventually('K-001 back online', () => server.monitor.view('K-001', () => false)?.status === 'online');
    expect(server.commands.list('K-001').map((c) => c.type)).toEqual([
      'in-service',
      'out-of-service',
      'print-test-page',
    ]);
  });

  it('works on a phone: the queue and the kiosk page with its commands, no sideways scrolling', async () => {
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-CA',
      timezoneId: 'America/Toronto',
    });
    const phone = await phoneContext.newPage();
    try {
      await phone.goto(`${server.url}/console/#/incidents`);
      await phone.locator('#username').fill(TECH.username);
      await phone.locator('#password').fill(TECH.password);
      await phone.locator('form button[type=submit]').click();
      await phone.locator('.incident[data-incident^="K-003-"]').waitFor();
      await shot('incident-queue-phone-en', phone, false);
      await phone.goto(`${server.url}/console/#/kiosks/K-001`);
      await phone.locator('.command-list tbody tr').first().waitFor();
      await phone.locator('#commands-heading').scrollIntoViewIfNeeded();
      await shot('kiosk-commands-phone-en', phone, false);
      // Against the screen's 390 px, not innerWidth: a mobile browser widens its layout viewport to what overflows.
      const pageWidth = () =>
        phone.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        );
      expect(await pageWidth()).toBeLessThanOrEqual(390);
      // French words are longer: the kiosk page with its command list still fits.
      await phone.getByRole('button', { name: 'Français' }).click();
      await phone.locator('html[lang=fr]').waitFor();
      await shot('kiosk-commands-phone-fr', phone, false);
      expect(await pageWidth()).toBeLessThanOrEqual(390);
      await phone.getByRole('button', { name: 'English' }).click();
      await phone.locator('html[lang=en]').waitFor();
    } finally {
      await phoneContext.close();
    }
  });

  it('shows an analyst the kiosk page without remote commands', async () => {
    const analystContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await analystContext.newPage();
    try {
      await phone.goto(`${server.url}/console/#/kiosks/K-001`);
      await phone.locator('#username').fill(ANALYST.username);
      await phone.locator('#password').fill(ANALYST.password);
      await phone.locator('form button[type=submit]').click();
      await phone.locator('main[data-screen=kiosk] #devices-heading').waitFor();
      expect(await phone.locator('#commands-heading').count()).toBe(0);
    } finally {
      await analystContext.close();
    }
  });

  it('has no Content-Security-Policy violation on the real server', () => {
    expect(policyViolations).toEqual([]);
  });
});
