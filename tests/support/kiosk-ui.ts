// The citizen touch UI under test: built once per test file (into its own folder, so files running in
// parallel do not race), served by the real UI bridge over the FAKE transaction desk and manual timers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { FakeTransactionDesk } from '@guichet/kiosk/test-support/fake-transaction-desk';
import { ManualTimers } from '@guichet/kiosk/test-support/manual-timers';
import { startUiBridge, type UiBridge } from '@guichet/kiosk/ui-bridge/ui-bridge';
import type { SurveyRecord } from '@guichet/kiosk/ui-bridge/screen-controller';
import type { ServiceId } from '@guichet/shared/catalog/services';
import en from '../../kiosk/ui/src/locales/en.json';
import fr from '../../kiosk/ui/src/locales/fr.json';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests/browser/screenshots');

/** Builds the UI into a fresh temporary folder; remove it with `fs.rmSync(dir, { recursive: true })`. */
export async function buildKioskUi(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-ui-'));
  await build({
    configFile: path.join(ROOT, 'kiosk/ui/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface KioskUiHarness {
  desk: FakeTransactionDesk;
  timers: ManualTimers;
  bridge: UiBridge;
  surveys: SurveyRecord[];
}

export const IDLE_MS = 60_000;
export const COUNTDOWN_MS = 30_000;

export async function startKioskUi(staticDir: string): Promise<KioskUiHarness> {
  const desk = new FakeTransactionDesk({ now: () => new Date('2026-11-29T15:00:00Z') });
  const timers = new ManualTimers();
  const surveys: SurveyRecord[] = [];
  const bridge = await startUiBridge({
    desk,
    staticDir,
    timers,
    idleMs: IDLE_MS,
    countdownMs: COUNTDOWN_MS,
    onSurvey: (record) => surveys.push(record),
    alternatives: [
      {
        name: { en: 'ServiceOntario, Bayshore', fr: 'ServiceOntario, Bayshore' },
        address: '100 Bayshore Dr, Ottawa',
        distanceKm: 6.4,
      },
      {
        name: { en: 'ServiceOntario, Rideau Centre', fr: 'ServiceOntario, Centre Rideau' },
        address: '50 Rideau St, Ottawa',
        distanceKm: 1.25,
      },
    ],
  });
  return { desk, timers, bridge, surveys };
}

export const CATALOGS = { en, fr };
export type Lang = keyof typeof CATALOGS;

/** Amounts as the UI shows them in each language. */
export const MONEY: Record<Lang, (cents: number) => string> = {
  en: (c) => `$${(c / 100).toFixed(2)}`,
  fr: (c) => `${(c / 100).toFixed(2).replace('.', ',')} $`,
};

/** What a citizen types and picks on the details screen for one service, and what the quote must show. */
export interface CitizenEntry {
  fields: Record<string, string>;
  choices?: Record<string, string>;
  serviceCents: number;
  feeCents: number;
}

/** The citizen's entries per service (fake, realistic), and what the quote must show. */
export const CITIZEN: Record<ServiceId, CitizenEntry> = {
  'vehicle-sticker-renewal': {
    fields: { plate: 'BXRT 482', licenceNumber: 'K40317658210973' },
    serviceCents: 12_000,
    feeCents: 100,
  },
  'driver-record-abstract': { fields: { licenceNumber: 'M52016649330817' }, serviceCents: 1_200, feeCents: 100 },
  'personalized-plates': {
    fields: { plateText: 'GO LEAFS', licenceNumber: 'D11947205583321' },
    serviceCents: 30_500,
    feeCents: 100,
  },
  'change-of-address': {
    fields: {
      licenceNumber: 'T70528831640095',
      healthCardNumber: '4827361950QZ',
      outdoorsCardNumber: '708158440912775',
      street: '221 Elgin Street',
      unit: '1204',
      city: 'Ottawa',
      postalCode: 'K2P1L4',
    },
    serviceCents: 0,
    feeCents: 0,
  },
  'fines-and-parking-tickets': {
    fields: { ticketNumber: 'TO-884512' },
    choices: { issuer: 'city-toronto' },
    serviceCents: 3_000,
    feeCents: 100,
  },
  'outdoors-card-renewal': { fields: { outdoorsCardNumber: '708158902214536' }, serviceCents: 968, feeCents: 100 },
};

/**
 * Fills the details screen by touch: the sticker's plate on the on-screen keyboard (the way a citizen types it),
 * the other fields typed in, the choices (who issued a ticket) picked by their labels.
 */
export async function fillDetails(
  page: Page,
  lang: Lang,
  serviceId: ServiceId,
  citizen: Pick<CitizenEntry, 'fields' | 'choices'>,
): Promise<void> {
  const t = CATALOGS[lang];
  for (const [name, value] of Object.entries(citizen.fields)) {
    const input = page.getByLabel(t.field[name as keyof typeof t.field]);
    if (serviceId === 'vehicle-sticker-renewal' && name === 'plate') {
      await input.click();
      for (const key of value)
        await page
          .locator('.osk .key', { hasText: key === ' ' ? t.details.space : key })
          .first()
          .click();
      if ((await input.inputValue()) !== value)
        throw new Error(`the on-screen keyboard typed ${await input.inputValue()}`);
    } else {
      await input.fill(value);
    }
  }
  for (const [name, value] of Object.entries(citizen.choices ?? {})) {
    const labels = t.choice[name as keyof typeof t.choice] as Record<string, string>;
    await page.getByRole('radio', { name: labels[value] }).check();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The screen the page shows now (the app's data-screen attribute). */
export function currentScreen(page: Page): Promise<string | null> {
  return page.locator('.kiosk').getAttribute('data-screen', { timeout: 5_000 });
}

/** One browser file's world: the UI built into its own folder, served over the test desk, one 1920×1080 page open. */
export interface KioskUiSession {
  h: KioskUiHarness;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openKioskUi(): Promise<KioskUiSession> {
  const dist = await buildKioskUi();
  const h = await startKioskUi(dist);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(h.bridge.url);
  return {
    h,
    browser,
    page,
    close: async () => {
      await browser.close();
      await h.bridge.close();
      fs.rmSync(dist, { recursive: true, force: true });
    },
  };
}
