// The citizen touch UI for everyone, in a real browser: every service completed with the keypad keys alone,
// axe (WCAG 2.1 A/AA) with zero violations on every screen in both languages and both display modes, the
// privacy wipe after inactivity, devices failing mid-flow, and the portrait layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { SERVICE_IDS, serviceById, type ServiceId } from '@guichet/shared/catalog/services';
import en from '../../kiosk/ui/src/locales/en.json';
import {
  CITIZEN,
  COUNTDOWN_MS,
  IDLE_MS,
  openKioskUi,
  currentScreen,
  screenshot,
  type KioskUiHarness,
  type KioskUiSession,
} from '../support/kiosk-ui';

// The root tsconfig has no DOM lib: what the page-side callbacks touch, typed here (casts are erased).
interface PageGlobals {
  document: { activeElement: unknown; cookie: string };
  localStorage: { length: number };
  sessionStorage: { length: number };
  indexedDB: { databases(): Promise<unknown[]> };
}
interface PageElement {
  classList: { contains(name: string): boolean };
  getBoundingClientRect(): { x: number; height: number };
  outerHTML: string;
}

let session: KioskUiSession | undefined;
let h: KioskUiHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await openKioskUi();
  ({ h, browser, page } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
});

function resetDesk(): void {
  h.desk.setDevice('paymentTerminal', 'up');
  h.desk.setDevice('printer', 'up');
  h.desk.setInService(true);
  h.desk.nextSale = 'approved';
  h.desk.queuedMinistries.clear();
  h.bridge.controller.wipe();
}

async function toAttract(): Promise<void> {
  resetDesk();
  await expect.poll(() => currentScreen(page)).toBe('attract');
}

/** Presses Down (the keypad's "next") until `target` has the focus, as a keypad user would. */
async function arrowTo(target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('ArrowDown');
    if (
      await target
        .evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement)
        .catch(() => false)
    )
      return;
  }
  throw new Error(`could not reach ${String(target)} with the arrow keys`);
}

const button = (name: string) => page.getByRole('button', { name, exact: true });

async function keyboardFlow(serviceId: ServiceId): Promise<void> {
  const citizen = CITIZEN[serviceId];
  await toAttract();
  await arrowTo(button(en.attract.start));
  await page.keyboard.press('Enter');
  await expect.poll(() => currentScreen(page)).toBe('services');
  await arrowTo(button(serviceById(serviceId).name.en));
  await page.keyboard.press('Enter');
  await expect.poll(() => currentScreen(page)).toBe('details');
  for (const [name, value] of Object.entries(citizen.choices ?? {})) {
    const labels = en.choice[name as keyof typeof en.choice] as Record<string, string>;
    await arrowTo(page.getByRole('radio', { name: labels[value] }));
    await page.keyboard.press('Enter');
    expect(await page.getByRole('radio', { name: labels[value] }).isChecked()).toBe(true);
  }
  for (const [name, value] of Object.entries(citizen.fields)) {
    await arrowTo(page.getByLabel(en.field[name as keyof typeof en.field]));
    await page.keyboard.type(value.toLowerCase());
  }
  if (serviceId === 'change-of-address') {
    // The province list: Left/Right change the choice, Up/Down leave it.
    const province = page.getByLabel(en.field.province);
    await arrowTo(province);
    await page.keyboard.press('ArrowRight');
    expect(await province.inputValue()).toBe('QC');
    await page.keyboard.press('ArrowLeft');
    expect(await province.inputValue()).toBe('ON');
    await arrowTo(page.getByLabel(en.field.postalCode));
  }
  // Enter in a field sends the form, as Enter on Continue would.
  await page.keyboard.press('Enter');
  await expect.poll(() => currentScreen(page)).toBe('quote');
  const total = citizen.serviceCents + citizen.feeCents;
  await arrowTo(
    button(total === 0 ? en.quote.confirm : en.quote.pay.replace('{{amount}}', `$${(total / 100).toFixed(2)}`)),
  );
  await page.keyboard.press('Enter');
  if (total > 0) {
    await expect.poll(() => currentScreen(page)).toBe('payment');
    h.desk.terminal.insertCard();
    h.desk.terminal.enterPin();
    h.desk.terminal.removeCard();
  }
  await expect.poll(() => currentScreen(page)).toBe('result');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.result.completed.title);
  await arrowTo(button(en.result.finish));
  await page.keyboard.press('Enter');
  await expect.poll(() => currentScreen(page)).toBe('survey');
  await page.keyboard.press('Escape');
  await expect.poll(() => currentScreen(page)).toBe('attract');
}

describe('keypad only', () => {
  for (const serviceId of SERVICE_IDS) {
    it(`completes ${serviceId} with the arrow keys, Enter and Escape`, async () => {
      await keyboardFlow(serviceId);
    });
  }

  it('switches language with L, opens and closes help with H and Escape, goes back with Backspace', async () => {
    await toAttract();
    await page.locator('main h1').focus();
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await page.keyboard.press('L');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.keyboard.press('h');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(await page.getByRole('dialog').innerText()).toContain(en.help.screen.attract);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await arrowTo(button(en.attract.start));
    await page.keyboard.press('Enter');
    await expect.poll(() => currentScreen(page)).toBe('services');
    await page.keyboard.press('Backspace');
    await expect.poll(() => currentScreen(page)).toBe('attract');
  });
});

const MODES = [
  { lang: 'en', highContrast: false, largeText: false },
  { lang: 'en', highContrast: true, largeText: true },
  { lang: 'fr', highContrast: false, largeText: false },
  { lang: 'fr', highContrast: true, largeText: true },
] as const;

/** Runs axe on the current screen in both languages and both display modes (set by intents, as the buttons do). */
async function axeEverywhere(name: string, again?: () => Promise<void>): Promise<void> {
  for (const mode of MODES) {
    h.bridge.controller.handle({ type: 'set-language', lang: mode.lang });
    h.bridge.controller.handle({
      type: 'set-display-mode',
      mode: { highContrast: mode.highContrast, largeText: mode.largeText },
    });
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(mode.lang);
    await expect
      .poll(() =>
        page.locator('.kiosk').evaluate((el) => (el as unknown as PageElement).classList.contains('high-contrast')),
      )
      .toBe(mode.highContrast);
    // Some states (the idle countdown) end with any intent, a language switch included: bring them back.
    await again?.();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations, `${name} ${JSON.stringify(mode)}`).toEqual([]);
    if (mode.highContrast) await screenshot(page, `axe-${name}-${mode.lang}-contrast`);
  }
  h.bridge.controller.handle({ type: 'set-language', lang: 'en' });
  h.bridge.controller.handle({ type: 'set-display-mode', mode: { highContrast: false, largeText: false } });
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
}

async function startService(serviceId: ServiceId): Promise<void> {
  await button(en.attract.start).click();
  await button(serviceById(serviceId).name.en).click();
  await expect.poll(() => currentScreen(page)).toBe('details');
}

async function fillAndContinue(serviceId: ServiceId): Promise<void> {
  const citizen = CITIZEN[serviceId];
  for (const [name, value] of Object.entries(citizen.fields))
    await page.getByLabel(en.field[name as keyof typeof en.field]).fill(value);
  for (const [name, value] of Object.entries(citizen.choices ?? {})) {
    const labels = en.choice[name as keyof typeof en.choice] as Record<string, string>;
    await page.getByRole('radio', { name: labels[value] }).check();
  }
  await button(en.common.continue).click();
}

describe('axe on every screen, English and French, standard and high-contrast large text', () => {
  it('finds no violation from attract to thanks, on failures, dialogs and out of service', async () => {
    await toAttract();
    await axeEverywhere('attract');
    await page.keyboard.press('h');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await axeEverywhere('help');
    await page.keyboard.press('Escape');

    h.desk.setDevice('printer', 'down');
    await button(en.attract.start).click();
    await expect.poll(() => currentScreen(page)).toBe('services');
    await axeEverywhere('services');
    h.desk.setDevice('printer', 'up');
    await button(serviceById('vehicle-sticker-renewal').name.en).click();
    await button(en.common.continue).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    await axeEverywhere('details-errors');

    h.desk.holdQuotes = true;
    await fillAndContinue('vehicle-sticker-renewal');
    await expect.poll(() => currentScreen(page)).toBe('working');
    await axeEverywhere('working');
    h.desk.releaseQuotes();
    await expect.poll(() => currentScreen(page)).toBe('quote');
    await axeEverywhere('quote');
    await button(en.quote.pay.replace('{{amount}}', '$121.00')).click();
    await expect.poll(() => currentScreen(page)).toBe('payment');
    await axeEverywhere('payment');
    h.timers.advance(IDLE_MS);
    // No idle countdown while the terminal has the card: money in motion is never wiped.
    expect(h.bridge.controller.snapshot().idle).toBeNull();
    h.desk.nextSale = 'declined';
    h.desk.terminal.tapCard();
    await expect.poll(() => currentScreen(page)).toBe('result');
    await axeEverywhere('result-declined');
    h.desk.nextSale = 'approved';
    await button(en.result.retryCard).click();
    await expect.poll(() => currentScreen(page)).toBe('payment');
    h.desk.setDevice('printer', 'down');
    h.desk.terminal.tapCard();
    await expect.poll(() => page.getByRole('button', { name: en.result.reprint }).count()).toBe(1);
    await axeEverywhere('result-receipt-failed');
    await button(en.result.finish).click();
    await expect.poll(() => currentScreen(page)).toBe('survey');
    await axeEverywhere('survey');
    await button(en.survey.send).click();
    await expect.poll(() => currentScreen(page)).toBe('thanks');
    await axeEverywhere('thanks');

    await toAttract();
    await startService('change-of-address');
    const idle = async () => {
      h.timers.advance(IDLE_MS);
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
    };
    await axeEverywhere('idle', idle);

    h.desk.setInService(false);
    h.bridge.controller.wipe();
    await expect.poll(() => currentScreen(page)).toBe('out-of-service');
    await axeEverywhere('out-of-service');
  }, 240_000);
});

describe('privacy', () => {
  it('after inactivity asks "Need more time?", extends on demand, then wipes screen, DOM, storage and bridge', async () => {
    await toAttract();
    await startService('change-of-address');
    await fillAndContinue('change-of-address');
    await expect.poll(() => currentScreen(page)).toBe('quote');
    const personal = Object.values(CITIZEN['change-of-address'].fields).filter((v) => v.length > 4);
    const html = await page.content();
    expect(personal.some((v) => html.includes(v))).toBe(true);

    h.timers.advance(IDLE_MS - 1);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    h.timers.advance(1);
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
    expect(await page.getByRole('alertdialog').innerText()).toContain(en.idle.title);
    expect(await page.getByRole('alertdialog').innerText()).toContain('cleared in 30 seconds');
    h.timers.advance(5_000);
    await expect.poll(() => page.getByRole('alertdialog').innerText()).toContain('cleared in 25 seconds');
    await button(en.idle.more).click();
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    expect(await currentScreen(page)).toBe('quote');

    h.timers.advance(IDLE_MS + COUNTDOWN_MS);
    await expect.poll(() => currentScreen(page)).toBe('attract');
    const after = await page.content();
    for (const value of personal) expect(after).not.toContain(value);
    const storage = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      return {
        local: g.localStorage.length,
        session: g.sessionStorage.length,
        cookie: g.document.cookie,
        databases: (await g.indexedDB.databases()).length,
      };
    });
    expect(storage).toEqual({ local: 0, session: 0, cookie: '', databases: 0 });
    expect(h.bridge.controller.holdsSession).toBe(false);
    expect(h.desk.heldDetails()).toBe(0);
    const snapshot = JSON.stringify(h.bridge.controller.snapshot());
    for (const value of personal) expect(snapshot).not.toContain(value);
  });
});

describe('devices failing', () => {
  it('card payment failing mid-payment: not charged, that service says so, change of address still works', async () => {
    await toAttract();
    await startService('vehicle-sticker-renewal');
    await fillAndContinue('vehicle-sticker-renewal');
    await button(en.quote.pay.replace('{{amount}}', '$121.00')).click();
    await expect.poll(() => currentScreen(page)).toBe('payment');
    const sales = h.desk.sales.length;
    h.desk.setDevice('paymentTerminal', 'down');
    await expect.poll(() => currentScreen(page)).toBe('result');
    expect(await page.locator('main').innerText()).toContain(en.result.reason.PAYMENT_UNAVAILABLE);
    expect(h.desk.sales.length).toBe(sales);
    await screenshot(page, 'failure-payment-down');
    await button(en.result.finish).click();
    await button(en.attract.start).click();
    const sticker = button(serviceById('vehicle-sticker-renewal').name.en);
    expect(await sticker.getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('#svc-vehicle-sticker-renewal-desc').innerText()).toBe(en.services.unavailable.payment);
    // force: Playwright itself will not click an aria-disabled button; a finger would.
    await sticker.click({ force: true });
    expect(await currentScreen(page)).toBe('services');
    await screenshot(page, 'services-payment-down');
    h.desk.queuedMinistries.add('health');
    await button(serviceById('change-of-address').name.en).click();
    await fillAndContinue('change-of-address');
    await button(en.quote.confirm).click();
    await expect.poll(() => currentScreen(page)).toBe('result');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Ministry of Transportation: updated');
    expect(text).toContain('Ministry of Health: will be updated automatically');
    await screenshot(page, 'result-delivery-queued');
  });

  it('printer failing while printing: completed, says so, and reprints once the printer is back', async () => {
    await toAttract();
    await startService('outdoors-card-renewal');
    await fillAndContinue('outdoors-card-renewal');
    await button(en.quote.pay.replace('{{amount}}', '$10.68')).click();
    h.desk.setDevice('printer', 'down');
    h.desk.terminal.tapCard();
    await expect.poll(() => currentScreen(page)).toBe('result');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.result.completed.title);
    expect(await page.locator('main').innerText()).toContain(en.result.receiptFailed);
    h.desk.setDevice('printer', 'up');
    await button(en.result.reprint).click();
    await expect.poll(() => page.locator('.receipt').innerText()).toBe(en.result.receiptPrinted);
    expect(await button(en.result.reprint).count()).toBe(0);
  });

  it('an unknown sale outcome tells the citizen not to pay again', async () => {
    await toAttract();
    await startService('driver-record-abstract');
    await fillAndContinue('driver-record-abstract');
    await button(en.quote.pay.replace('{{amount}}', '$13.00')).click();
    h.desk.nextSale = 'unknown';
    h.desk.terminal.tapCard();
    await expect.poll(() => currentScreen(page)).toBe('result');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(en.result['needs-resolution'].title);
    expect(await button(en.result.retryCard).count()).toBe(0);
    await screenshot(page, 'result-needs-resolution');
  });

  it('out of service by the fleet: the nearest alternatives, nearest first', async () => {
    await toAttract();
    h.desk.setInService(false);
    await expect.poll(() => currentScreen(page)).toBe('out-of-service');
    const items = await page.locator('.alternatives li').allInnerTexts();
    expect(items[0]).toContain('Rideau Centre');
    expect(items[0]).toContain('1.3 km away');
    h.bridge.controller.handle({ type: 'set-language', lang: 'fr' });
    await expect.poll(() => page.locator('.alternatives li').first().innerText()).toContain('à 1,3 km');
    await screenshot(page, 'out-of-service-fr');
  });
});

describe('portrait 1080x1920', () => {
  it('lays out services and the details form in one column, still without axe violations', async () => {
    await toAttract();
    const portrait = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const tall = await portrait.newPage();
    await tall.goto(h.bridge.url);
    await tall.getByRole('button', { name: en.attract.start }).click();
    await expect.poll(() => currentScreen(tall)).toBe('services');
    const boxes = await tall
      .locator('button.service')
      .evaluateAll((els) => (els as unknown as PageElement[]).map((el) => el.getBoundingClientRect().x));
    expect(new Set(boxes).size).toBe(1);
    await screenshot(tall, 'portrait-services');
    await tall.getByRole('button', { name: serviceById('fines-and-parking-tickets').name.en }).click();
    await expect.poll(() => currentScreen(tall)).toBe('details');
    await screenshot(tall, 'portrait-details');
    const result = await new AxeBuilder({ page: tall })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
    const small = await tall
      .locator('button:not(.key), input[type=text], select')
      .evaluateAll((els) =>
        (els as unknown as PageElement[])
          .filter((el) => el.getBoundingClientRect().height < 60)
          .map((el) => el.outerHTML.slice(0, 80)),
      );
    expect(small).toEqual([]);
    await portrait.close();
  });
});
