// The citizen touch UI on the REAL kiosk runtime, in Debian Chromium: a real fleet server (SQLite, socket.io)
// with the real transaction hub and the ministry simulators behind their adapters, a real KioskRuntime with its
// journal, and the kiosk's simulated devices (PIN pad over the POSLink-style line, ESC/POS printer over TCP).
// Every service end to end by touch in English and in French, on seeded records the ministry simulators accept
// (paid ones approved on the PIN pad; the receipt printed, the hub committed), a paid service declined then paid
// with another card, and change of address with the health system down (its delivery queued).
// Screens go to tests/browser/screenshots/ (gitignored) to be looked at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { FleetServer } from '@guichet/fleet-server';
import { createMinistryAdapters } from '@guichet/fleet-server/hub/adapters/create-ministry-adapters';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import {
  SEED_AG_TICKETS,
  SEED_OTTAWA_TICKETS,
  SEED_TORONTO_TICKETS,
  SEED_OUTDOORS_CARDS,
  startMinistrySimulators,
  TEST_CASES,
  type SeedTicket,
  type StartedMinistries,
} from '@guichet/ministries';
import {
  KioskRuntime,
  loadAlternatives,
  startKioskDevices,
  startKioskScreen,
  type KioskDevices,
  type KioskScreen,
} from '@guichet/kiosk';
import type { MinistryId } from '@guichet/shared/catalog/ministries';
import { SERVICE_IDS, serviceById, type ServiceId } from '@guichet/shared/catalog/services';
import { eventually } from '@guichet/shared/test-support/eventually';
import { launchChromium } from '../support/browser';
import {
  CATALOGS,
  MONEY,
  SCREENSHOTS,
  buildKioskUi,
  currentScreen,
  fillDetails,
  screenshot,
  type CitizenEntry,
  type Lang,
} from '../support/kiosk-ui';
import { api, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

const { en, fr } = CATALOGS;
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
  // The screen and the demo panel each in its own context (its own window): as two tabs of one window, the
  // one behind gets no animation frames, and every click there waits seconds for its button to be 'stable'.
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  panel = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
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

/** From the attract screen to the quote, by touch; screens saved under `shots` when given. */
async function toQuote(
  lang: Lang,
  serviceId: ServiceId,
  citizen: Pick<CitizenEntry, 'fields' | 'choices'>,
  shots?: string,
): Promise<void> {
  const t = CATALOGS[lang];
  await expect.poll(() => currentScreen(page)).toBe('attract');
  if (lang === 'fr') await page.getByRole('button', { name: 'Français' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
  await page.getByRole('button', { name: t.attract.start }).click();
  await expect.poll(() => currentScreen(page)).toBe('services');
  if (shots) await shot(`${shots}-01-services`);
  await page.getByRole('button', { name: serviceById(serviceId).name[lang], exact: true }).click();
  await expect.poll(() => currentScreen(page)).toBe('details');
  await fillDetails(page, lang, serviceId, citizen);
  if (shots) await shot(`${shots}-02-details`);
  await page.getByRole('button', { name: t.common.continue }).click();
  await expect.poll(() => currentScreen(page), { timeout: 15_000 }).toBe('quote');
  if (shots) await shot(`${shots}-03-quote`);
}

/** The details screen's address fields, from a seeded address. */
function addressFields(address: { street: string; unit: string; city: string; postalCode: string }) {
  return { street: address.street, unit: address.unit, city: address.city, postalCode: address.postalCode };
}

/** The amount due on a seeded ticket: what the issuer's system answers, so what the quote must show. */
function dueOn(tickets: readonly SeedTicket[], number: string): number {
  const ticket = tickets.find((t) => t.number === number);
  if (!ticket) throw new Error(`no seeded ticket ${number}`);
  return ticket.amountDueCents;
}

/** A seeded Outdoors Card no other flow here renews or moves. */
function otherOutdoorsCard(): string {
  const card = SEED_OUTDOORS_CARDS.find(
    (c) =>
      c.status === 'ACTIVE' &&
      c.expiry > '2027' &&
      ![TEST_CASES.outdoors.ok, TEST_CASES.outdoors.expiringSoon].some((o) => o.outdoorsCardNumber === c.number),
  );
  if (!card) throw new Error('no spare seeded Outdoors Card');
  return card.number;
}

interface RealCitizen extends CitizenEntry {
  /** Where the hub must have delivered it, each done. */
  ministries: MinistryId[];
}

const FEE = 100;
const { newAddress: seededAddress, ...addressCards } = TEST_CASES.changeOfAddress.ok;
const ADDRESS = addressFields(seededAddress);
/**
 * Per service and language, a seeded record the ministry simulators accept, distinct per language where the
 * ministry sells it only once (a personalized plate, a ticket); service prices are the demo price list's.
 */
const REAL: Record<ServiceId, Record<Lang, RealCitizen>> = {
  'vehicle-sticker-renewal': {
    en: { fields: { ...TEST_CASES.sticker.ok }, serviceCents: 12_000, feeCents: FEE, ministries: ['transportation'] },
    fr: {
      fields: { ...TEST_CASES.sticker.northernOntario },
      serviceCents: 6_000,
      feeCents: FEE,
      ministries: ['transportation'],
    },
  },
  'driver-record-abstract': {
    en: { fields: { ...TEST_CASES.abstract.ok }, serviceCents: 1_200, feeCents: FEE, ministries: ['transportation'] },
    fr: {
      fields: { licenceNumber: TEST_CASES.sticker.ok.licenceNumber },
      serviceCents: 1_200,
      feeCents: FEE,
      ministries: ['transportation'],
    },
  },
  'personalized-plates': {
    en: {
      fields: { ...TEST_CASES.personalizedPlate.available },
      serviceCents: 30_500,
      feeCents: FEE,
      ministries: ['transportation'],
    },
    fr: {
      // Another valid driver and a text nobody holds: TRILLIUM is on order once the English flow has run.
      fields: { licenceNumber: TEST_CASES.abstract.ok.licenceNumber, plateText: 'ERABLE' },
      serviceCents: 30_500,
      feeCents: FEE,
      ministries: ['transportation'],
    },
  },
  'change-of-address': {
    en: {
      fields: { ...addressCards, ...ADDRESS },
      serviceCents: 0,
      feeCents: 0,
      ministries: ['transportation', 'health', 'natural-resources'],
    },
    fr: {
      fields: {
        licenceNumber: TEST_CASES.changeOfAddress.withoutOutdoorsCard.licenceNumber,
        healthCardNumber: TEST_CASES.changeOfAddress.withoutOutdoorsCard.healthCardNumber,
        outdoorsCardNumber: otherOutdoorsCard(),
        ...ADDRESS,
      },
      serviceCents: 0,
      feeCents: 0,
      ministries: ['transportation', 'health', 'natural-resources'],
    },
  },
  'fines-and-parking-tickets': {
    en: {
      fields: { ticketNumber: TEST_CASES.fines.attorneyGeneral.ok },
      choices: { issuer: 'attorney-general' },
      serviceCents: dueOn(SEED_AG_TICKETS, TEST_CASES.fines.attorneyGeneral.ok),
      feeCents: FEE,
      ministries: ['attorney-general'],
    },
    fr: {
      fields: { ticketNumber: TEST_CASES.fines.cityOttawa.ok },
      choices: { issuer: 'city-ottawa' },
      serviceCents: dueOn(SEED_OTTAWA_TICKETS, TEST_CASES.fines.cityOttawa.ok),
      feeCents: FEE,
      ministries: ['city-ottawa'],
    },
  },
  'outdoors-card-renewal': {
    en: { fields: { ...TEST_CASES.outdoors.ok }, serviceCents: 968, feeCents: FEE, ministries: ['natural-resources'] },
    fr: {
      fields: { ...TEST_CASES.outdoors.expiringSoon },
      serviceCents: 968,
      feeCents: FEE,
      ministries: ['natural-resources'],
    },
  },
};

/** Every service in both languages, and the third issuer of tickets (Toronto's parking tags) once more. */
const CASES: Array<{ serviceId: ServiceId; lang: Lang; citizen: RealCitizen; title: string }> = [
  ...(['en', 'fr'] as const).flatMap((lang) =>
    SERVICE_IDS.map((serviceId) => ({
      serviceId,
      lang,
      citizen: REAL[serviceId][lang],
      title: `${serviceId} in ${lang === 'en' ? 'English' : 'French'}`,
    })),
  ),
  {
    serviceId: 'fines-and-parking-tickets',
    lang: 'en',
    citizen: {
      fields: { ticketNumber: TEST_CASES.fines.cityToronto.ok },
      choices: { issuer: 'city-toronto' },
      serviceCents: dueOn(SEED_TORONTO_TICKETS, TEST_CASES.fines.cityToronto.ok),
      feeCents: FEE,
      ministries: ['city-toronto'],
    },
    title: 'fines-and-parking-tickets in English, a City of Toronto parking tag',
  },
];

/** An amount as the receipt prints it (en-CA / fr-CA; the French one's space may be a no-break space). */
function printedMoney(lang: Lang, amount: number): string {
  const [whole, part] = (amount / 100).toFixed(2).split('.') as [string, string];
  return lang === 'en' ? `\\$${whole}\\.${part}` : `${whole},${part}\\s\\$`;
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
    await toQuote('en', 'vehicle-sticker-renewal', { fields: { ...TEST_CASES.sticker.ok } }, 'en-sticker');
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
    await toQuote('fr', 'driver-record-abstract', { fields: { ...TEST_CASES.abstract.ok } }, 'fr-abstract');
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
    await toQuote('en', 'change-of-address', { fields: { ...cards, ...addressFields(newAddress) } }, 'en-address');
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

describe('each service end to end by touch on the real runtime, in English and in French', () => {
  for (const { serviceId, lang, citizen, title } of CASES) {
    it(title, async () => {
      const t = CATALOGS[lang];
      const total = citizen.serviceCents + citizen.feeCents;
      const terminal = devices.simulators.terminal!;
      const printer = devices.simulators.printer!;
      terminal.script = 'approve';
      const printedBefore = printer.text().length;
      await toQuote(lang, serviceId, citizen);

      // The fee apart from the service's own price, on the quote (and on the receipt, below).
      const amounts = await page.locator('table.amounts').innerText();
      if (total === 0) {
        expect(amounts).toMatch(new RegExp(`${t.quote.servicePrice}\\s+${t.quote.free}`));
        expect(amounts).toMatch(new RegExp(`${t.quote.fee}\\s+${t.quote.free}`));
        await page.getByRole('button', { name: t.quote.confirm }).click();
      } else {
        expect(amounts).toContain(`${t.quote.servicePrice}\t${MONEY[lang](citizen.serviceCents)}`);
        expect(amounts).toContain(`${t.quote.fee}\t${MONEY[lang](citizen.feeCents)}`);
        expect(amounts).toContain(`${t.quote.total}\t${MONEY[lang](total)}`);
        await page.getByRole('button', { name: t.quote.pay.replace('{{amount}}', MONEY[lang](total)) }).click();
        await expect.poll(() => currentScreen(page)).toBe('payment');
        expect(await page.locator('.prompt-text').innerText()).toBe(t.payment.prompt['insert-or-tap']);
      }

      await expect.poll(() => currentScreen(page), { timeout: 20_000 }).toBe('result');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.result.completed.title);
      expect(await page.locator('.lead').innerText()).toBe(
        t.result.completed.body.replace('{{service}}', serviceById(serviceId).name[lang]),
      );
      await expect.poll(() => page.locator('.receipt').innerText()).toBe(t.result.receiptPrinted);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      const shown = await page.locator('.result').innerText();
      if (total === 0) {
        expect(shown).not.toContain(t.result.paid.replace('{{amount}}', '').trim());
        const deliveries = await page.locator('.deliveries li').allInnerTexts();
        expect(deliveries).toHaveLength(3);
        for (const item of deliveries) expect(item).toMatch(lang === 'en' ? /: updated$/ : / : mis à jour$/);
      } else {
        expect(shown).toContain(t.result.paid.replace('{{amount}}', MONEY[lang](total)));
      }
      const issuer = citizen.choices?.issuer ? `-${citizen.choices.issuer}` : '';
      await screenshot(page, `runtime-all-${lang}-${serviceId}${issuer}-result`);

      const txId = reference();
      expect(await page.locator('.reference .mono').innerText()).toBe(txId);
      const committed = (await hubState(txId)) as {
        state: string;
        deliveries: Array<{ ministryId: string; status: string }>;
      };
      expect(committed.state).toBe('committed');
      expect(Object.fromEntries(committed.deliveries.map((d) => [d.ministryId, d.status]))).toEqual(
        Object.fromEntries(citizen.ministries.map((m) => [m, 'done'])),
      );
      expect(runtime.transactions!.get(txId)).toMatchObject({ state: 'completed', receipt: 'printed' });
      const sales = [...terminal.transactions.values()].filter((s) => s.reference === txId);
      expect(sales).toMatchObject(total === 0 ? [] : [{ state: 'APPROVED', amountCents: total }]);

      const receipt = printer.text().slice(printedBefore);
      expect(receipt).toContain(txId);
      if (total === 0) {
        expect(receipt).toContain(lang === 'en' ? 'No charge / Sans frais' : 'Sans frais / No charge');
      } else {
        const fee = lang === 'en' ? 'Convenience fee / Frais de service' : 'Frais de service / Convenience fee';
        expect(receipt).toMatch(new RegExp(`${fee}\\s+${printedMoney(lang, citizen.feeCents)}`));
        expect(receipt).toMatch(new RegExp(`Total\\s+${printedMoney(lang, total)}`));
      }

      await page.getByRole('button', { name: t.result.finish }).click();
      await expect.poll(() => currentScreen(page)).toBe('survey');
      await page.getByRole('button', { name: t.survey.skip }).click();
      await expect.poll(() => currentScreen(page)).toBe('attract');
    });
  }
});
