// The citizen touch UI on the REAL kiosk runtime, in Debian Chromium: a real fleet server (SQLite, socket.io)
// with the real transaction hub and the ministry simulators behind their adapters, a real KioskRuntime with its
// journal, and the kiosk's simulated devices (PIN pad over the POSLink-style line, ESC/POS printer over TCP).
// A paid service in English approved (receipt printed, hub committed, ledger posted), one in French declined
// then paid with another card, and change of address with the health system down (its delivery queued).
// Screens go to tests/browser/screenshots/ (gitignored) to be looked at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { FleetServer } from '@guichet/fleet-server';
import { createMinistryAdapters } from '@guichet/fleet-server/hub/adapters/create-ministry-adapters';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import { startMinistrySimulators, TEST_CASES, type StartedMinistries } from '@guichet/ministries';
import {
  KioskRuntime,
  loadAlternatives,
  startKioskDevices,
  startKioskScreen,
  type KioskDevices,
  type KioskScreen,
} from '@guichet/kiosk';
import { serviceById, type ServiceId } from '@guichet/shared/catalog/services';
import { eventually } from '@guichet/shared/test-support/eventually';
import en from '../../kiosk/ui/src/locales/en.json';
import fr from '../../kiosk/ui/src/locales/fr.json';
import { launchChromium } from '../support/browser';
import { SCREENSHOTS, buildKioskUi, currentScreen, screenshot } from '../support/kiosk-ui';
import { api, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

const CATALOGS = { en, fr };
type Lang = keyof typeof CATALOGS;
const KIOSK = 'K-001';

let dir: string;
let dist: string;
let ministries: StartedMinistries;
let server: FleetServer;
let devices: KioskDevices;
let runtime: KioskRuntime;
let screen: KioskScreen;
let browser: Browser;
let page: Page;
/** The demo's device panel, beside the screen. */
let panel: Page;
let recorded: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  dir = tempDir('ui-runtime');
  dist = await buildKioskUi();
  ministries = await startMinistrySimulators({ dataDir: path.join(dir, 'ministries') });
  const silent = pino({ level: 'silent' });
  server = new FleetServer(
    testFleetConfig(path.join(dir, 'fleet'), writeSitesFile(dir, 1), { pricesFile: DEMO_PRICES_FILE }),
    { logger: silent, ministries: createMinistryAdapters(ministries.endpoints) },
  );
  await server.start();
  const dataDir = path.join(dir, 'kiosk');
  devices = await startKioskDevices({}, { kioskId: KIOSK, dataDir, pollMs: 200 });
  runtime = new KioskRuntime({
    kioskId: KIOSK,
    credential: server.credentials.issue(KIOSK, new Date()),
    fleetUrl: server.url,
    dataDir,
    heartbeatIntervalMs: 200,
    devices: devices.board,
    transactionDevices: { terminal: devices.terminal, printer: devices.printer },
    log: silent,
  });
  recorded = vi.spyOn(runtime.link, 'record');
  runtime.start();
  await runtime.transactions!.ready;
  await eventually('the kiosk link to connect', () => runtime.link.connected);
  // Long enough for the payment screen to be seen; the PIN pad still answers on its own.
  devices.simulators.terminal!.authorisationMs = 800;
  const { terminal, cardReader, printer } = devices.simulators;
  screen = await startKioskScreen({
    runtime,
    devices,
    staticDir: dist,
    idleMs: 600_000,
    alternatives: loadAlternatives(writeKioskSites(dir), KIOSK),
    demoPanel: { terminal, cardReader, printer },
    log: silent,
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  panel = await context.newPage();
  page.setDefaultTimeout(10_000);
  panel.setDefaultTimeout(10_000);
  await panel.goto(`${screen.url}/demo-panel`);
  await page.goto(screen.url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await screen?.close();
  await runtime?.stop();
  await devices?.close();
  await server?.stop();
  await ministries?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

/** The kiosk's copy of a sites file with coordinates: its own site in Ottawa's Rideau Centre, three others. */
function writeKioskSites(into: string): string {
  const site = (id: string, name: string, address: string, latitude: number, longitude: number) => ({
    id,
    name,
    address,
    latitude,
    longitude,
    timezone: 'America/Toronto',
    hours: {},
  });
  const file = path.join(into, 'kiosk-sites.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      sites: [
        site('rideau', 'Rideau Centre', '50 Rideau Street, Ottawa', 45.4257, -75.6918),
        site('bayshore', 'Bayshore Shopping Centre', '100 Bayshore Drive, Ottawa', 45.3497, -75.8061),
        site('st-laurent', 'St. Laurent Centre', '1200 St. Laurent Boulevard, Ottawa', 45.4217, -75.6388),
        site('yorkdale', 'Yorkdale Shopping Centre', '3401 Dufferin Street, Toronto', 43.7254, -79.4522),
      ],
      kiosks: [{ id: KIOSK, siteId: 'rideau' }],
    }),
  );
  return file;
}

// Each test starts from the attract screen, whatever the one before left.
beforeEach(() => screen.bridge.controller.wipe());

async function shot(name: string): Promise<void> {
  await screenshot(page, `runtime-${name}`);
}

/** From the attract screen to the quote, typing the citizen's details. */
async function toQuote(lang: Lang, serviceId: ServiceId, fields: Record<string, string>, shots: string): Promise<void> {
  const t = CATALOGS[lang];
  await expect.poll(() => currentScreen(page)).toBe('attract');
  if (lang === 'fr') await page.getByRole('button', { name: 'Français' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
  await page.getByRole('button', { name: t.attract.start }).click();
  await expect.poll(() => currentScreen(page)).toBe('services');
  await shot(`${shots}-01-services`);
  await page.getByRole('button', { name: serviceById(serviceId).name[lang], exact: true }).click();
  await expect.poll(() => currentScreen(page)).toBe('details');
  for (const [name, value] of Object.entries(fields))
    await page.getByLabel(t.field[name as keyof typeof t.field]).fill(value);
  await shot(`${shots}-02-details`);
  await page.getByRole('button', { name: t.common.continue }).click();
  await expect.poll(() => currentScreen(page), { timeout: 15_000 }).toBe('quote');
  await shot(`${shots}-03-quote`);
}

function reference(): string {
  const view = screen.bridge.controller.snapshot().view;
  if (view.screen !== 'result') throw new Error(`not on the result screen: ${view.screen}`);
  return view.reference;
}

async function hubState(txId: string): Promise<unknown> {
  const ack = await server.hub.status(KIOSK, txId);
  return 'status' in ack ? ack.status : ack;
}

describe('citizen touch UI on the real kiosk runtime', () => {
  it('renews a sticker in English: approved on the PIN pad, receipt printed, committed at the hub', async () => {
    const t = en;
    devices.simulators.terminal!.script = 'approve';
    await toQuote('en', 'vehicle-sticker-renewal', { ...TEST_CASES.sticker.ok }, 'en-sticker');
    const amounts = await page.locator('table.amounts').innerText();
    expect(amounts).toContain(`${t.quote.total}\t$121.00`);
    await page.getByRole('button', { name: t.quote.pay.replace('{{amount}}', '$121.00') }).click();
    await expect.poll(() => currentScreen(page)).toBe('payment');
    expect(await page.locator('.prompt-text').innerText()).toBe(t.payment.prompt['insert-or-tap']);
    // The kiosk cannot call back a sale the PIN pad holds: no Cancel is offered.
    expect(await page.getByRole('button', { name: t.common.cancel }).count()).toBe(0);
    await shot('en-sticker-04-payment');
    await expect.poll(() => currentScreen(page), { timeout: 15_000 }).toBe('result');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.result.completed.title);
    await expect.poll(() => page.locator('.receipt').innerText()).toBe(t.result.receiptPrinted);
    await shot('en-sticker-05-result');
    // The hub's own line keys, labelled by the catalog; its amount lines are not repeated under the amounts.
    const lines = await page.locator('.lines').innerText();
    expect(lines).toMatch(new RegExp(`${t.line.ministry.reference}\\s+MTO\\d+`));
    expect(lines).toContain(t.line.vehicles.permitExpiry);
    expect(lines).not.toContain('tx.');

    const txId = reference();
    expect(await page.locator('.kiosk').innerText()).toContain(txId);
    expect(await hubState(txId)).toMatchObject({
      state: 'committed',
      deliveries: [{ ministryId: 'transportation', status: 'done' }],
    });
    expect(server.hub.ledger.linesFor(txId)).toHaveLength(4);
    expect(runtime.transactions!.get(txId)).toMatchObject({ state: 'completed', receipt: 'printed' });
    const receipt = devices.simulators.printer!.text();
    expect(receipt).toContain(txId);
    expect(receipt).toContain('$121.00');
    expect(receipt).toContain('VISA ****4242');
    expect(receipt).not.toContain(TEST_CASES.sticker.ok.licenceNumber);
    const charged = [...devices.simulators.terminal!.transactions.values()].filter((s) => s.reference === txId);
    expect(charged).toMatchObject([{ state: 'APPROVED', amountCents: 12_100 }]);

    await page.getByRole('button', { name: t.result.finish }).click();
    await expect.poll(() => currentScreen(page)).toBe('survey');
    await page
      .getByRole('group', { name: t.survey.question.easyToUse })
      .getByRole('radio', { name: t.survey.answer.good })
      .check();
    await page.getByRole('button', { name: t.survey.send }).click();
    await expect.poll(() => currentScreen(page)).toBe('thanks');
    await shot('en-sticker-06-thanks');
    expect(recorded).toHaveBeenCalledWith('survey.answered', {
      serviceId: 'vehicle-sticker-renewal',
      answers: { easyToUse: 'good' },
    });
    await page.getByRole('button', { name: t.thanks.again }).click();
  });

  it('orders a driver record abstract in French: declined, then paid with another card', async () => {
    const t = fr;
    const terminal = devices.simulators.terminal!;
    await panel.getByRole('button', { name: 'Next card: declined' }).click();
    await expect.poll(() => panel.locator('p').innerText()).toContain('next card: decline');
    expect(terminal.script).toBe('decline');
    await toQuote('fr', 'driver-record-abstract', { ...TEST_CASES.abstract.ok }, 'fr-abstract');
    const total = await page.locator('table.amounts').innerText();
    expect(total).toContain(`${t.quote.total}\t13,00 $`);
    await page.getByRole('button', { name: t.quote.pay.replace('{{amount}}', '13,00 $') }).click();
    await expect.poll(() => currentScreen(page)).toBe('payment');
    await shot('fr-abstract-04-payment');
    await expect.poll(() => currentScreen(page), { timeout: 15_000 }).toBe('result');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.result.declined.title);
    await shot('fr-abstract-05-declined');
    const declinedTx = reference();
    expect(runtime.transactions!.get(declinedTx)).toMatchObject({ state: 'declined' });
    await expect.poll(() => hubState(declinedTx)).toMatchObject({ state: 'cancelled' });
    expect(server.hub.ledger.linesFor(declinedTx)).toHaveLength(0);

    await panel.getByRole('button', { name: 'Next card: approved' }).click();
    await expect.poll(() => terminal.script).toBe('approve');
    await page.getByRole('button', { name: t.result.retryCard }).click();
    // From one result screen to the next (through a new quote and the PIN pad): wait for the outcome itself.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 })
      .toBe(t.result.completed.title);
    expect(await currentScreen(page)).toBe('result');
    await shot('fr-abstract-06-result');
    const paidTx = reference();
    expect(paidTx).not.toBe(declinedTx);
    expect(await hubState(paidTx)).toMatchObject({ state: 'committed' });
    const sales = [...terminal.transactions.values()].filter((s) => [declinedTx, paidTx].includes(s.reference));
    expect(sales.map((s) => s.state).sort()).toEqual(['APPROVED', 'DECLINED']);
    expect(devices.simulators.printer!.text()).toContain(paidTx);
    await page.getByRole('button', { name: t.result.finish }).click();
    await expect.poll(() => currentScreen(page)).toBe('survey');
    await page.getByRole('button', { name: t.survey.skip }).click();
    await expect.poll(() => currentScreen(page)).toBe('attract');
  });

  it('changes an address with the health system down: done at two ministries, queued at health', async () => {
    const t = en;
    const { newAddress, ...cards } = TEST_CASES.changeOfAddress.ok;
    await toQuote(
      'en',
      'change-of-address',
      {
        ...cards,
        street: newAddress.street,
        unit: newAddress.unit,
        city: newAddress.city,
        postalCode: newAddress.postalCode,
      },
      'en-address',
    );
    // Validated at the quote; the health system goes down before the citizen confirms.
    await ministries.simulators.health.inject({ down: true });
    await page.getByRole('button', { name: t.quote.confirm }).click();
    await expect.poll(() => currentScreen(page), { timeout: 20_000 }).toBe('result');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.result.completed.title);
    const deliveries = await page.locator('.deliveries').innerText();
    expect(deliveries).toContain(t.result.delivery.queued.replace('{{ministry}}', 'Ministry of Health'));
    await shot('en-address-04-result-queued');
    const txId = reference();
    const committed = (await hubState(txId)) as {
      state: string;
      deliveries: Array<{ ministryId: string; status: string }>;
    };
    expect(committed.state).toBe('committed');
    expect(Object.fromEntries(committed.deliveries.map((d) => [d.ministryId, d.status]))).toEqual({
      transportation: 'done',
      health: 'queued',
      'natural-resources': 'done',
    });
    expect(devices.simulators.terminal!.transactions.has(txId)).toBe(false);
    await ministries.simulators.health.heal();
    await page.getByRole('button', { name: t.result.finish }).click();
    await expect.poll(() => currentScreen(page)).toBe('survey');
    await page.getByRole('button', { name: t.survey.skip }).click();
    await expect.poll(() => currentScreen(page)).toBe('attract');
  });

  it('withholds the driver record abstract while the printer is out of paper, and offers it again once reloaded', async () => {
    await panel.getByRole('button', { name: 'Printer: out of paper' }).click();
    await expect.poll(() => devices.simulators.printer!.faults.paper).toBe('end');
    await devices.board.pollOnce();
    await page.getByRole('button', { name: en.attract.start }).click();
    await expect.poll(() => currentScreen(page)).toBe('services');
    const abstract = page.getByRole('button', { name: serviceById('driver-record-abstract').name.en, exact: true });
    await expect.poll(() => abstract.getAttribute('aria-disabled')).toBe('true');
    expect(await abstract.innerText()).toContain(en.services.unavailable.printer);
    await shot('en-services-printer-out');
    await panel.getByRole('button', { name: 'Printer: paper reloaded' }).click();
    await expect.poll(() => devices.simulators.printer!.faults.paper).toBe('ok');
    await devices.board.pollOnce();
    await expect.poll(() => abstract.getAttribute('aria-disabled')).toBe(null);
    await page.getByRole('button', { name: en.common.back }).click();
    await expect.poll(() => currentScreen(page)).toBe('attract');
  });

  it('prefills the licence number from a licence swiped on the card reader (from the demo panel)', async () => {
    await expect.poll(() => currentScreen(page)).toBe('attract');
    await page.getByRole('button', { name: en.attract.start }).click();
    await page.getByRole('button', { name: serviceById('driver-record-abstract').name.en, exact: true }).click();
    await expect.poll(() => currentScreen(page)).toBe('details');
    await panel.getByRole('button', { name: "Swipe a driver's licence" }).click();
    // The sample licence D6101-40706-60905, without its dashes; nothing else from the card is used.
    await expect.poll(() => page.getByLabel(en.field.licenceNumber).inputValue()).toBe('D61014070660905');
    await shot('en-abstract-swiped');
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'runtime-demo-panel.png') });
    await page.getByRole('button', { name: en.common.back }).click();
    await expect.poll(() => currentScreen(page)).toBe('services');
    await page.getByRole('button', { name: en.common.back }).click();
    await expect.poll(() => currentScreen(page)).toBe('attract');
  });

  it('shows the nearest other sites when the fleet takes the kiosk out of service, and comes back', async () => {
    const put = (mode: string) =>
      api(server, `/api/v1/kiosks/${KIOSK}/target-state`, { method: 'PUT', body: JSON.stringify({ mode }) });
    expect((await put('out-of-service')).status).toBe(200);
    await expect.poll(() => currentScreen(page), { timeout: 10_000 }).toBe('out-of-service');
    const places = await page.locator('.alternatives li strong').allInnerTexts();
    expect(places).toEqual(['St. Laurent Centre', 'Bayshore Shopping Centre', 'Yorkdale Shopping Centre']);
    expect(await page.locator('.alternatives').innerText()).toContain('4.2 km');
    await shot('en-out-of-service');
    expect((await put('in-service')).status).toBe(200);
    await expect.poll(() => currentScreen(page), { timeout: 10_000 }).toBe('attract');
  });
});
