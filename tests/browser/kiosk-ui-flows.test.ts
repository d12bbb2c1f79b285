// The citizen touch UI in a real browser (Debian Chromium): every service end to end by touch in English and
// in French, a language switch mid-flow that keeps what was typed, and a swipe that prefills the licence.
// Screens are saved to tests/browser/screenshots/ (gitignored) to be looked at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SERVICE_IDS, serviceById, type ServiceId } from '@guichet/shared/catalog/services';
import {
  CATALOGS,
  CITIZEN,
  MONEY,
  openKioskUi,
  currentScreen,
  fillDetails,
  screenshot,
  type KioskUiHarness,
  type KioskUiSession,
  type Lang,
} from '../support/kiosk-ui';

const { en, fr } = CATALOGS;

let session: KioskUiSession | undefined;
let h: KioskUiHarness;
let page: Page;

beforeAll(async () => {
  session = await openKioskUi();
  ({ h, page } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
});

async function toAttract(): Promise<void> {
  h.bridge.controller.wipe();
  await expect.poll(() => currentScreen(page)).toBe('attract');
}

async function touchFlow(serviceId: ServiceId, lang: Lang, shots: string | null): Promise<void> {
  const t = CATALOGS[lang];
  const citizen = CITIZEN[serviceId];
  const shot = async (name: string) => {
    if (shots) await screenshot(page, `${shots}-${name}`);
  };
  await toAttract();
  if (lang === 'fr') await page.getByRole('button', { name: 'Français' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
  await shot('01-attract');
  await page.getByRole('button', { name: t.attract.start }).click();
  await expect.poll(() => currentScreen(page)).toBe('services');
  await shot('02-services');
  await page.getByRole('button', { name: serviceById(serviceId).name[lang], exact: true }).click();
  await expect.poll(() => currentScreen(page)).toBe('details');
  await fillDetails(page, lang, serviceId, citizen);
  await shot('03-details');
  await page.getByRole('button', { name: t.common.continue }).click();
  await expect.poll(() => currentScreen(page)).toBe('quote');
  const total = citizen.serviceCents + citizen.feeCents;
  const amounts = await page.locator('table.amounts').innerText();
  if (total === 0) {
    expect(amounts).toMatch(new RegExp(`${t.quote.servicePrice}\\s+${t.quote.free}`));
    expect(amounts).toMatch(new RegExp(`${t.quote.fee}\\s+${t.quote.free}`));
  } else {
    expect(amounts).toContain(`${t.quote.servicePrice}\t${MONEY[lang](citizen.serviceCents)}`);
    expect(amounts).toContain(`${t.quote.fee}\t${MONEY[lang](citizen.feeCents)}`);
    expect(amounts).toContain(`${t.quote.total}\t${MONEY[lang](total)}`);
  }
  await shot('04-quote');
  const salesBefore = h.desk.sales.length;
  if (total === 0) {
    await page.getByRole('button', { name: t.quote.confirm }).click();
  } else {
    await page.getByRole('button', { name: t.quote.pay.replace('{{amount}}', MONEY[lang](total)) }).click();
    await expect.poll(() => page.locator('.prompt-text').innerText()).toBe(t.payment.prompt['insert-or-tap']);
    await shot('05-payment-insert');
    h.desk.terminal.insertCard();
    await expect.poll(() => page.locator('.prompt-text').innerText()).toBe(t.payment.prompt['enter-pin']);
    await shot('06-payment-pin');
    h.desk.terminal.enterPin();
    await expect.poll(() => page.locator('.prompt-text').innerText()).toBe(t.payment.prompt['remove-card']);
    await shot('07-payment-remove');
    h.desk.terminal.removeCard();
  }
  await expect.poll(() => currentScreen(page)).toBe('result');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t.result.completed.title);
  expect(await page.locator('.receipt').innerText()).toBe(t.result.receiptPrinted);
  expect(h.desk.sales.length - salesBefore).toBe(total === 0 ? 0 : 1);
  await shot('08-result');
  await page.getByRole('button', { name: t.result.finish }).click();
  await expect.poll(() => currentScreen(page)).toBe('survey');
  await shot('09-survey');
  if (shots) {
    const surveysBefore = h.surveys.length;
    await page
      .getByRole('group', { name: t.survey.question.easyToUse })
      .getByRole('radio', { name: t.survey.answer.good })
      .check();
    await page
      .getByRole('group', { name: t.survey.question.overallSatisfaction })
      .getByRole('radio', { name: t.survey.answer.neutral })
      .check();
    await page.getByRole('button', { name: t.survey.send }).click();
    await expect.poll(() => currentScreen(page)).toBe('thanks');
    expect(h.surveys.slice(surveysBefore)).toEqual([
      { serviceId, answers: { easyToUse: 'good', overallSatisfaction: 'neutral' } },
    ]);
    await shot('10-thanks');
    await page.getByRole('button', { name: t.thanks.again }).click();
  } else {
    await page.getByRole('button', { name: t.survey.skip }).click();
  }
  await expect.poll(() => currentScreen(page)).toBe('attract');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
}

describe('citizen touch UI, by touch', () => {
  for (const lang of ['en', 'fr'] as const) {
    for (const serviceId of SERVICE_IDS) {
      it(`${serviceId} end to end in ${lang === 'en' ? 'English' : 'French'}`, async () => {
        const shots =
          serviceId === 'vehicle-sticker-renewal' || serviceId === 'change-of-address' ? `${lang}-${serviceId}` : null;
        await touchFlow(serviceId, lang, shots);
      });
    }
  }

  it('switches language mid-flow without losing what was typed, and sets <html lang>', async () => {
    await toAttract();
    await page.getByRole('button', { name: en.attract.start }).click();
    await page.getByRole('button', { name: serviceById('vehicle-sticker-renewal').name.en, exact: true }).click();
    await page.getByLabel(en.field.plate).fill('BXRT 482');
    await page.getByLabel(en.field.licenceNumber).fill('K40317658210973');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      serviceById('vehicle-sticker-renewal').name.fr,
    );
    expect(await page.getByLabel(fr.field.plate).inputValue()).toBe('BXRT 482');
    expect(await page.getByLabel(fr.field.licenceNumber).inputValue()).toBe('K40317658210973');
    expect(await page.locator('.progress-count').innerText()).toBe('Étape 1 sur 4');
    await page.getByRole('button', { name: fr.common.continue }).click();
    await expect.poll(() => currentScreen(page)).toBe('quote');
    expect(await page.locator('table.amounts').innerText()).toContain('121,00 $');
    expect(await page.locator('.lines').innerText()).toContain('29 novembre 2027');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('table.amounts').innerText()).toContain('$121.00');
    expect(await page.locator('.lines').innerText()).toContain('November 29, 2027');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('prefills the licence number from a swipe, and flags what the shared schema refuses', async () => {
    await toAttract();
    await page.getByRole('button', { name: en.attract.start }).click();
    await page.getByRole('button', { name: serviceById('driver-record-abstract').name.en, exact: true }).click();
    await page.getByRole('button', { name: en.common.continue }).click();
    await expect.poll(() => page.getByLabel(en.field.licenceNumber).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').innerText()).toBe(en.details.fix);
    expect(h.bridge.controller.handle({ type: 'swipe-prefill', values: { licenceNumber: 'M52016649330817' } })).toEqual(
      {
        ok: true,
      },
    );
    await expect.poll(() => page.getByLabel(en.field.licenceNumber).inputValue()).toBe('M52016649330817');
    await page.getByRole('button', { name: en.common.continue }).click();
    await expect.poll(() => currentScreen(page)).toBe('quote');
  });
});
