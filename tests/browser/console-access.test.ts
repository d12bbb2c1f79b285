// The technician console for everyone, on a phone in a van and at a desk: axe (WCAG 2.1 A/AA) with zero
// violations on every screen in English and French at 390×844 and 1440×900, no sideways scrolling on the phone,
// touch targets of at least 44 px, and the day's main path (sign in, open the queue, acknowledge) by keyboard alone.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../fleet-server/web/console/src/locales/en.json';
import { launchChromium } from '../support/browser';
import {
  buildConsole,
  consoleScreenshot,
  fleetSnapshot,
  startConsoleServer,
  TECH,
  type CommandBody,
  type ConsoleTestServer,
} from '../support/console-harness';

interface PageGlobals {
  document: { activeElement: { getAttribute(name: string): string | null; textContent: string | null } | null };
}
interface PageElement {
  getBoundingClientRect(): { width: number; height: number };
  outerHTML: string;
}

const T0 = '2026-11-30T15:00:00.000Z';
const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1440, height: 900 } },
} as const;
type Size = keyof typeof SIZES;
type Lang = 'en' | 'fr';

/** Each screen: its hash, and what to open on it so axe sees the hidden parts too. */
const SCREENS: { name: string; hash: string; prepare?: (page: Page) => Promise<void> }[] = [
  {
    name: 'fleet',
    hash: '#/',
    prepare: async (page) => {
      await page.locator('.site-list > li').first().locator('summary').click();
      await page.locator('.kiosk-list li').first().waitFor();
    },
  },
  {
    name: 'incidents',
    hash: '#/incidents',
    prepare: async (page) => {
      await page.locator('.incident').first().locator('details summary').click();
    },
  },
  {
    name: 'kiosk',
    hash: '#/kiosks/K-031',
    // The remote commands: their list (a finished collect-logs with its download, a failed test page), and a
    // disruptive command's confirmation open.
    prepare: async (page) => {
      await page.locator('.command-list tbody tr').first().waitFor();
      await page.locator('button[data-command=restart-runtime]').click();
      await page.locator('.confirm').waitFor();
    },
  },
  {
    name: 'maintenance',
    hash: '#/maintenance/K-002',
    prepare: async (page) => {
      await page.locator('.windows li').first().waitFor();
    },
  },
  {
    name: 'sla',
    hash: '#/sla',
    prepare: async (page) => {
      await page.locator('.chart canvas').first().waitFor();
      await page.locator('.table-alt summary').click();
    },
  },
];

let dist: string;
let server: ConsoleTestServer;
let browser: Browser;

beforeAll(async () => {
  dist = await buildConsole();
  server = await startConsoleServer(dist, fleetSnapshot(T0));
  // A planned window, so the maintenance screen shows its list and cancel button.
  server.windows.set('K-002', [
    {
      maintenanceId: 'MW-7',
      kioskId: 'K-002',
      start: '2026-12-01T13:00:00.000Z',
      end: '2026-12-01T15:00:00.000Z',
      reason: 'Replace the card reader',
      plannedBy: 'tech',
      cancelledBy: null,
    },
  ]);
  const command = (commandId: string, type: string, state: 'done' | 'failed'): CommandBody => ({
    commandId,
    kioskId: 'K-031',
    type,
    params: {},
    state,
    requestedBy: 'tech',
    requestedRole: 'technician',
    createdAt: '2026-11-30T14:40:00.000Z',
    expiresAt: '2026-11-30T15:40:00.000Z',
    sentAt: '2026-11-30T14:40:00.000Z',
    acknowledgedAt: '2026-11-30T14:40:01.000Z',
    finishedAt: '2026-11-30T14:40:02.000Z',
    deliveries: 1,
  });
  server.commands.set('K-031', [
    { ...command('cmd-2', 'collect-logs', 'done'), logsUrl: '/api/v1/kiosks/K-031/commands/cmd-2/logs' },
    {
      ...command('cmd-1', 'print-test-page', 'failed'),
      error: { code: 'PRINTER_UNAVAILABLE', message: 'no paper' },
    },
  ]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

async function open(size: Size): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...SIZES[size], locale: 'en-CA' });
  const page = await context.newPage();
  await page.clock.setFixedTime(Date.parse(T0));
  return { context, page };
}

async function axe(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, what).toEqual([]);
}

async function phoneChecks(page: Page, what: string): Promise<void> {
  // Against the screen's width, not innerWidth: a mobile browser widens its layout viewport to what overflows, so
  // scrollWidth - innerWidth stays 0 however wide the page is.
  const width = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth,
  );
  expect(width, `${what}: sideways scroll`).toBeLessThanOrEqual(SIZES.phone.viewport.width);
  // The header leaves the screen to the work: who is signed in sits beside the language and sign-out buttons,
  // which share one row (sign-out never alone on its own).
  // (Signed out, there is no header.)
  if ((await page.locator('.top-bar').count()) > 0) {
    const header = (await page.locator('.top-bar').boundingBox())!;
    expect(header.height, `${what}: header height`).toBeLessThanOrEqual(170);
    const signOut = await page.locator('.top-bar button.secondary').boundingBox();
    const language = await page.locator('.top-bar button.lang').boundingBox();
    expect(Math.abs(signOut!.y - language!.y), `${what}: sign-out beside the language button`).toBeLessThan(1);
  }
  const small = await page
    .locator('button, input, select, textarea, summary, nav a, .kiosk-list a, .button-link')
    .evaluateAll((els) =>
      els
        .map((e) => e as unknown as PageElement)
        .filter((e) => {
          const box = e.getBoundingClientRect();
          return box.width > 0 && box.height < 44;
        })
        .map((e) => e.outerHTML.slice(0, 80)),
    );
  expect(small, `${what}: targets under 44 px`).toEqual([]);
}

describe('technician console accessibility', () => {
  for (const size of ['phone', 'desktop'] as const) {
    for (const lang of ['en', 'fr'] as const satisfies readonly Lang[]) {
      it(`has no axe violations on any screen (${size}, ${lang})`, async () => {
        const { context, page } = await open(size);
        try {
          await page.goto(server.consoleUrl);
          if (lang === 'fr') await page.getByRole('button', { name: 'Français' }).click();
          await page.locator(`html[lang=${lang}]`).waitFor();
          await axe(page, `sign-in ${size} ${lang}`);
          if (size === 'phone') await phoneChecks(page, `sign-in ${lang}`);
          await consoleScreenshot(page, `sign-in-${size}-${lang}`, size === 'desktop');

          await page.locator('#username').fill(TECH.username);
          await page.locator('#password').fill(TECH.password);
          await page.locator('form button[type=submit]').click();
          await page.locator('.link-live').waitFor();
          for (const screen of SCREENS) {
            await page.evaluate((hash) => {
              (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
            }, screen.hash);
            await page.locator(`main[data-screen=${screen.name}]`).waitFor();
            await page.locator(`main[data-screen] h1`).waitFor();
            await page.locator('.link-live').waitFor();
            // The phone's picture is what a technician first sees; the desk's is the whole page, opened up.
            if (size === 'phone') await consoleScreenshot(page, `${screen.name}-${size}-${lang}`, false);
            await screen.prepare?.(page);
            const what = `${screen.name} ${size} ${lang}`;
            await axe(page, what);
            if (size === 'phone') await phoneChecks(page, what);
            else await consoleScreenshot(page, `${screen.name}-${size}-${lang}`);
          }
        } finally {
          await context.close();
        }
      }, 120_000);
    }
  }

  it('works from the keyboard alone: sign in, open the queue, acknowledge the most urgent incident', async () => {
    const { context, page } = await open('desktop');
    try {
      await page.goto(server.consoleUrl);
      const focused = () =>
        page.evaluate(() => {
          const active = (globalThis as unknown as PageGlobals).document.activeElement;
          return active?.getAttribute('id') ?? active?.getAttribute('data-nav') ?? active?.textContent ?? null;
        });
      const tabTo = async (target: string, key = 'Tab') => {
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press(key);
          if ((await focused()) === target) return;
        }
        throw new Error(`Tab never reached ${target}`);
      };
      await tabTo('username');
      await page.keyboard.type(TECH.username);
      await page.keyboard.press('Tab');
      await page.keyboard.type(TECH.password);
      await page.keyboard.press('Enter');
      await page.locator('.link-live').waitFor();
      // Focus lands on the screen's heading; the navigation is above it.
      await tabTo('incidents', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.locator('main[data-screen=incidents]').waitFor();
      await tabTo(en.incidents.acknowledge);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('.incident').first().locator('.badge').textContent())
        .toBe(en.incidentState.acknowledged);
      const first = server.snapshot.incidents.find((i) => i.state === 'acknowledged')!;
      expect(await page.locator('.incident').first().getAttribute('data-incident')).toBe(first.incidentId);
      // The button is gone; the keyboard's place stays on this incident.
      expect(await focused()).toBe(`incident-${first.incidentId}`);
    } finally {
      await context.close();
    }
  }, 60_000);
});
