// The technician console in a real browser against a stand-in fleet server speaking the console protocol: sign in
// (cookie + in-memory CSRF token, nothing stored), the map by site status, the queue by time left counting down,
// live pushes without reload, incident actions with the CSRF header and the 409 refusal, the kiosk page,
// maintenance windows, and French.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConsoleIncident, ConsoleSnapshot } from '@guichet/fleet-server/console/console-protocol';
import { eventually } from '@guichet/shared/test-support/eventually';
import en from '../../fleet-server/web/console/src/locales/en.json';
import fr from '../../fleet-server/web/console/src/locales/fr.json';
import { launchChromium } from '../support/browser';
import {
  buildConsole,
  consoleScreenshot,
  fleetSnapshot,
  signInThroughForm,
  startConsoleServer,
  TECH,
  type ConsoleTestServer,
} from '../support/console-harness';

// The root tsconfig has no DOM lib: what the page-side callbacks touch, typed here (casts are erased).
interface PageElementRect {
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}

interface PageGlobals {
  document: { cookie: string; documentElement: { lang: string } };
  localStorage: { length: number };
  sessionStorage: { length: number };
  __notReloaded?: boolean;
}

/** Monday 30 November 2026, 10:00 in Toronto: inside service hours. */
const T0 = '2026-11-30T15:00:00.000Z';
const T0_MS = Date.parse(T0);

function incident(kioskId: string, siteId: string, secondsLeft: number, running: boolean): ConsoleIncident {
  const detectedAt = new Date(T0_MS - (7200 - secondsLeft) * 1000).toISOString();
  return {
    incidentId: `${kioskId}-${Date.parse(detectedAt)}`,
    kioskId,
    siteId,
    detectedAt,
    components: ['printer'],
    repairSecondsLeft: secondsLeft,
    clockRunning: running,
    withinSla: secondsLeft > 0 ? null : false,
    state: 'open',
    acknowledgedBy: null,
    assignee: null,
    at: T0,
  };
}

/** The demo fleet at T0 with five incidents whose order is known: breached, 10 min, 20 min paused, 50 min, 90 min. */
function scenario(): ConsoleSnapshot {
  const snapshot = fleetSnapshot(T0);
  const site = (id: string) => snapshot.kiosks.find((k) => k.id === id)!.siteId;
  snapshot.incidents = [
    incident('K-046', site('K-046'), 3000, true),
    incident('K-062', site('K-062'), 5400, true),
    incident('K-031', site('K-031'), 1200, false),
    incident('K-023', site('K-023'), -600, true),
    incident('K-069', site('K-069'), 600, true),
  ];
  return snapshot;
}
const EXPECTED_ORDER = ['K-023', 'K-069', 'K-031', 'K-046', 'K-062'];

let dist: string;
let server: ConsoleTestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let policyViolations: string[] = [];

beforeAll(async () => {
  dist = await buildConsole();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

beforeEach(async () => {
  await context?.close();
  await server?.close();
  server = await startConsoleServer(dist, scenario());
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-CA' });
  page = await context.newPage();
  policyViolations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  await page.clock.setFixedTime(T0_MS);
});

// The stand-in server sends the fleet server's Content-Security-Policy: nothing the console does may break it.
afterEach(() => {
  expect(policyViolations).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

interface PageElement {
  getAttribute(name: string): string | null;
}
const attributes = (selector: string, ...names: string[]): Promise<(string | null)[][]> =>
  page
    .locator(selector)
    .evaluateAll(
      (els, names) => els.map((e) => names.map((n) => (e as unknown as PageElement).getAttribute(n))),
      names,
    );
const queueOrder = async (): Promise<(string | null)[]> =>
  (await attributes('.incident-queue > li', 'data-incident')).map(([id]) => id ?? null);
/** The queue as kiosk ids (an incident id is `${kioskId}-${detectedAtMs}`). */
const queueKiosks = async () => (await queueOrder()).map((id) => id?.replace(/-\d+$/, ''));
const card = (kioskId: string) => page.locator(`.incident[data-incident^="${kioskId}-"]`);

describe('technician console', () => {
  it('signs in with a cookie and keeps the CSRF token out of storage; a wrong password is refused in words', async () => {
    await page.goto(server.consoleUrl);
    await page.locator('#username').fill(TECH.username);
    await page.locator('#password').fill('not the password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toBe(en.signIn.wrong);

    await page.locator('#password').fill(TECH.password);
    await page.keyboard.press('Enter');
    await page.locator('.link-live').waitFor();
    expect(await page.locator('main h1').textContent()).toBe(en.fleet.title);
    const stored = await page.evaluate(() => ({
      local: (globalThis as unknown as PageGlobals).localStorage.length,
      session: (globalThis as unknown as PageGlobals).sessionStorage.length,
      cookie: (globalThis as unknown as PageGlobals).document.cookie,
    }));
    expect(stored).toEqual({ local: 0, session: 0, cookie: '' }); // the session cookie is HttpOnly
    expect(server.connections()).toBe(1);

    // A reload keeps the session (cookie) and gets a fresh CSRF token from GET /session: no sign-in form.
    await page.reload();
    await page.locator('.link-live').waitFor();
    expect(await page.locator('#username').count()).toBe(0);
  });

  it('draws every site on the map of Ontario by status, in shape, colour and words', async () => {
    await signInThroughForm(page, server.consoleUrl);
    const snapshot = server.snapshot;
    const expected = new Map<string, string>();
    for (const site of snapshot.sites) {
      const kiosks = snapshot.kiosks.filter((k) => k.siteId === site.id);
      const down = kiosks.some((k) => k.status === 'offline' || k.status === 'out-of-service');
      const maintenance = kiosks.some((k) => k.status === 'maintenance');
      expected.set(site.id, kiosks.length === 0 ? 'empty' : down ? 'down' : maintenance ? 'maintenance' : 'ok');
    }
    const drawn = await attributes('.map svg[role=img] [data-site]', 'data-site', 'data-status');
    expect(new Map(drawn.map(([site, status]) => [site, status]))).toEqual(expected);
    expect(await page.locator('.map path.province').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    // Every marker lies inside the drawing.
    const outside = await page.locator('.map svg[role=img] .mark').evaluateAll(
      (els) =>
        els.filter((e) => {
          const box = (e as unknown as { getBBox(): { x: number; y: number } }).getBBox();
          return box.x < 0 || box.x > 640 || box.y < 0 || box.y > 560;
        }).length,
    );
    expect(outside).toBe(0);

    const downSites = [...expected.values()].filter((s) => s === 'down').length;
    const label = await page.locator('.map svg[role=img]').getAttribute('aria-label');
    expect(label).toContain(`${downSites} sites need repair`);
    // In words in the list: the first rows are the sites needing repair, said so.
    const first = page.locator('.site-list > li').first();
    expect(await first.getAttribute('data-status')).toBe('down');
    expect(await first.locator('.site-status').textContent()).toBe(en.siteStatus.down);
    await consoleScreenshot(page, 'flow-fleet-desktop');
  });

  it('orders the queue breached first, then by time left, and counts down while the clock runs', async () => {
    await signInThroughForm(page, server.consoleUrl, '#/incidents');
    await expect.poll(queueKiosks).toEqual(EXPECTED_ORDER);
    expect(await card('K-023').locator('.clock').textContent()).toBe('Breached: over by 10 min');
    expect(await card('K-031').locator('.clock').textContent()).toBe('Paused (outside service hours): 20 min left');
    expect(await card('K-062').locator('.clock').textContent()).toBe('1 h 30 min left');

    // 30 s later: time left is floored, never overstated (1 h 29.5 min is not "1 h 30 min").
    await page.clock.setFixedTime(T0_MS + 30_000);
    await expect.poll(() => card('K-062').locator('.clock').textContent()).toBe('1 h 29 min left');
    // 61 s later on the page's clock: running clocks moved, the paused one did not; time over is rounded up.
    await page.clock.setFixedTime(T0_MS + 61_000);
    await expect.poll(() => card('K-062').locator('.clock').textContent()).toBe('1 h 28 min left');
    expect(await card('K-031').locator('.clock').textContent()).toBe('Paused (outside service hours): 20 min left');
    expect(await card('K-023').locator('.clock').textContent()).toBe('Breached: over by 12 min');

    // In K-069's last minute (10 min left at first), the clock does not claim a whole minute.
    await page.clock.setFixedTime(T0_MS + 9 * 60_000 + 30_000);
    await expect.poll(() => card('K-069').locator('.clock').textContent()).toBe('less than 1 min left');

    // 41 minutes on: K-069 (10 min left) is now breached too and moves up with K-023; the paused one overtakes K-046.
    await page.clock.setFixedTime(T0_MS + 41 * 60_000);
    await expect.poll(queueKiosks).toEqual(['K-023', 'K-069', 'K-046', 'K-031', 'K-062']);
    // The kiosk goes into planned maintenance: the paused clock now says so.
    const k31 = server.snapshot.kiosks.find((k) => k.id === 'K-031')!;
    server.pushKiosks([{ ...k31, status: 'maintenance' }]);
    await expect
      .poll(() => card('K-031').locator('.clock').textContent())
      .toBe('Paused (planned maintenance): 20 min left');
    await consoleScreenshot(page, 'flow-incidents-desktop');
  });

  it('shows a status change and a new incident pushed over socket.io, without reloading', async () => {
    await signInThroughForm(page, server.consoleUrl);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__notReloaded = true;
    });
    const yorkdale = page.locator('.site-list > li[data-site="mall-yorkdale"]');
    expect(await yorkdale.getAttribute('data-status')).toBe('ok');

    const k1 = server.snapshot.kiosks.find((k) => k.id === 'K-001')!;
    server.pushKiosks([
      {
        ...k1,
        status: 'out-of-service',
        devices: { ...k1.devices, cardReader: { state: 'fault', code: 'READER_JAM' } },
        openFaults: [{ faultId: 'F-K-001-reader', component: 'cardReader' }],
      },
    ]);
    await expect.poll(() => yorkdale.getAttribute('data-status')).toBe('down');
    expect(await page.locator('.map [data-site="mall-yorkdale"]').getAttribute('data-status')).toBe('down');
    await expect.poll(() => page.locator('[data-count="out-of-service"] .tile-number').textContent()).toBe('3');

    server.pushIncidents([{ ...incident('K-001', 'mall-yorkdale', 7200, true), components: ['cardReader'] }]);
    await expect.poll(() => page.locator('[data-nav=incidents]').textContent()).toBe('Incidents (6)');
    // Said aloud, politely, for a screen reader user wherever they are in the console.
    expect(await page.locator('.sr-only[aria-live=polite]').textContent()).toBe(
      'New incident: K-001 at Yorkdale Shopping Centre, Card reader.',
    );
    await page.locator('[data-nav=incidents]').click();
    await expect.poll(async () => (await queueOrder()).at(-1)).toMatch(/^K-001-/);
    expect(await card('K-001').locator('.incident-what').textContent()).toContain('Card reader');

    // The incident's removal, pushed, leaves the queue.
    server.pushIncidents([], [server.snapshot.incidents.find((i) => i.kioskId === 'K-001')!.incidentId]);
    await expect.poll(() => card('K-001').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__notReloaded)).toBe(true);
  });

  it('shows a long queue fifty at a time, most urgent first', async () => {
    const k1 = server.snapshot.kiosks.find((k) => k.id === 'K-001')!;
    server.snapshot.incidents = Array.from({ length: 60 }, (_, i) => ({
      ...incident(k1.id, k1.siteId, 100 * (i + 1), true),
      incidentId: `K-001-${i}`,
    }));
    await signInThroughForm(page, server.consoleUrl, '#/incidents');
    await expect.poll(() => page.locator('.incident-queue > li').count()).toBe(50);
    expect((await queueOrder()).slice(0, 3)).toEqual(['K-001-0', 'K-001-1', 'K-001-2']);
    const more = page.getByRole('button', { name: 'Show 10 more (10 not shown)' });
    await more.click();
    await expect.poll(() => page.locator('.incident-queue > li').count()).toBe(60);
    expect(await more.count()).toBe(0);
  });

  it('acknowledges and resolves with the CSRF header, and says so when the kiosk still reports the fault', async () => {
    await signInThroughForm(page, server.consoleUrl, '#/incidents');
    const k46 = card('K-046');
    await k46.getByRole('button', { name: en.incidents.acknowledge }).click();
    await expect.poll(() => k46.locator('.badge').textContent()).toBe(en.incidentState.acknowledged);
    expect(await k46.locator('.incident-state').textContent()).toContain('by tech');
    expect(await k46.locator('[role=status]').textContent()).toBe(en.incidents.done.acknowledge);
    const ack = server.calls.find((c) => c.method === 'POST' && c.path.endsWith('/acknowledge'))!;
    expect(ack.path).toBe(
      `/incidents/${server.snapshot.incidents.find((i) => i.kioskId === 'K-046')!.incidentId}/acknowledge`,
    );
    expect(ack.csrf).toMatch(/^[\w-]{20,}$/);

    // Resolving while the kiosk still reports the fault: 409, said in words, the incident stays.
    const k23 = card('K-023');
    server.stillFaulted.add(server.snapshot.incidents.find((i) => i.kioskId === 'K-023')!.incidentId);
    await k23.locator('summary').click();
    // Resolving needs its resolution note: the button waits for one.
    expect(await k23.getByRole('button', { name: en.incidents.resolve }).isDisabled()).toBe(true);
    await k23.getByLabel(en.incidents.note).fill('Swapped the printer');
    await k23.getByRole('button', { name: en.incidents.resolve }).click();
    await expect.poll(() => k23.locator('[role=alert]').textContent()).toBe(en.incidents.stillFaulted);
    expect(await card('K-023').count()).toBe(1);
    await consoleScreenshot(page, 'flow-incident-409-desktop');

    // Assign, a note, then resolve K-062 with the note: every call carries the token; the resolved one leaves.
    const k62 = card('K-062');
    await k62.locator('summary').click();
    await k62.getByLabel(en.incidents.assignee).fill('dana');
    await k62.getByRole('button', { name: en.incidents.assign, exact: true }).click();
    await expect.poll(() => k62.locator('.incident-state').textContent()).toContain('assigned to dana');
    // The note box takes what the server accepts (NoteText: 1,000 characters), no more.
    expect(await k62.getByLabel(en.incidents.note).getAttribute('maxlength')).toBe('1000');
    await expect.poll(() => k62.locator('.notes').textContent()).toContain(en.incidents.noNotes);
    await k62.getByLabel(en.incidents.note).fill('Replaced the paper roll');
    await k62.getByRole('button', { name: en.incidents.addNote }).click();
    await expect.poll(() => k62.locator('[role=status]').textContent()).toBe(en.incidents.done.notes);
    // The details list the incident's notes from GET /incidents/:id, read again once the note is added.
    await expect
      .poll(() => k62.locator('.note-list .note-text').allTextContents())
      .toEqual(['Replaced the paper roll']);
    expect(await k62.locator('.note-list .note-meta').textContent()).toMatch(/^tech, /);
    await k62.getByLabel(en.incidents.note).fill('Printer back');
    await k62.getByRole('button', { name: en.incidents.resolve }).click();
    await expect.poll(() => card('K-062').count()).toBe(0);

    const posts = server.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path.split('/').at(-1))).toEqual([
      'acknowledge',
      'resolve',
      'assign',
      'notes',
      'resolve',
    ]);
    expect(new Set(posts.map((c) => c.csrf)).size).toBe(1);
    expect(posts.map((c) => c.body)).toEqual([
      {},
      { resolution: 'Swapped the printer' },
      { assignee: 'dana' },
      { text: 'Replaced the paper roll' },
      { resolution: 'Printer back' },
    ]);
  });

  it('shows a kiosk: devices in words, version, repair clock, and what the server gives of events and counts', async () => {
    // The event log export: K-031's printer fault a day ago, cleared, then out of paper now; another kiosk's and
    // one older than a week are not listed.
    const ago = (hours: number) => new Date(T0_MS - hours * 3600_000).toISOString();
    server.events = [
      { at: ago(24 * 9), kioskId: 'K-031', type: 'fault.detected', faultId: 'old', component: 'network' },
      { at: ago(25), kioskId: 'K-031', type: 'fault.detected', faultId: 'f1', component: 'printer', code: 'PAPER_OUT' },
      { at: ago(24), kioskId: 'K-031', type: 'fault.cleared', faultId: 'f1' },
      { at: ago(2), kioskId: 'K-030', type: 'fault.detected', faultId: 'f2', component: 'cardReader' },
      { at: ago(1), kioskId: 'K-031', type: 'fault.detected', faultId: 'f3', component: 'printer', code: 'PAPER_OUT' },
    ];
    await signInThroughForm(page, server.consoleUrl, '#/kiosks/K-031');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Kiosk K-031');
    const printer = page.locator('[data-device=printer] dd');
    expect(await printer.textContent()).toBe(`${en.deviceState.fault}${en.deviceCode.PAPER_OUT}`);
    expect(await page.locator('[data-device=network] dd').textContent()).toContain(en.deviceState.ok);
    expect(await page.locator('.facts').first().textContent()).toContain('1.4.2');
    expect(await page.locator('.facts').first().textContent()).toContain('Paused (outside service hours): 20 min left');
    await expect.poll(() => page.locator('[aria-labelledby=events-heading] tbody tr').count()).toBe(3);
    expect(await page.locator('[aria-labelledby=events-heading] tbody tr').allTextContents()).toEqual([
      'Nov 30, 2026, 9:00 a.m.Fault detectedPrinter · Out of paper',
      'Nov 29, 2026, 10:00 a.m.Fault clearedPrinter',
      'Nov 29, 2026, 9:00 a.m.Fault detectedPrinter · Out of paper',
    ]);
    expect(await page.locator('[aria-labelledby=tx-heading] p').textContent()).toBe(en.kiosk.notAvailable);
    await consoleScreenshot(page, 'flow-kiosk-events-desktop');

    server.kioskExtras.set('K-046', {
      recentEvents: [{ at: T0, type: 'fault.detected', component: 'network', detail: null }],
      transactions: { days: 30, committed: 41, cancelled: 3, refused: 1, inProgress: 0 },
    });
    await page.goto(`${server.consoleUrl}#/kiosks/K-046`);
    await page.locator('.data tbody tr').first().waitFor();
    expect(await page.locator('.data tbody tr').first().textContent()).toContain('Fault detected');
    expect(await page.locator('[aria-labelledby=tx-heading] dl').textContent()).toBe(
      'Completed41Cancelled3Refused by the ministry1In progress0',
    );
    expect(await page.locator('#tx-period').textContent()).toBe('Last 30 days, at the transaction hub.');
    expect(await page.locator('[data-device=network] dd').textContent()).toContain(en.deviceState.offline);
    await consoleScreenshot(page, 'flow-kiosk-desktop');
  });

  it('plans a maintenance window and cancels it', async () => {
    await signInThroughForm(page, server.consoleUrl, '#/maintenance/K-002');
    await page.getByLabel(en.maintenance.start).fill('2026-12-01T08:00');
    await page.getByLabel(en.maintenance.end).fill('2026-12-01T10:30');
    await page.getByLabel(en.maintenance.reason).fill('Replace the card reader');
    await page.getByRole('button', { name: en.maintenance.plan }).click();
    await expect.poll(() => page.locator('.windows li').count()).toBe(1);
    const post = server.calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/kiosks/K-002/maintenance');
    const body = post.body as { start: string; end: string; reason: string };
    expect(body.reason).toBe('Replace the card reader');
    expect(Date.parse(body.end) - Date.parse(body.start)).toBe(150 * 60_000);
    expect(post.csrf).toBeDefined();

    await page.locator('.windows li button').click();
    await expect.poll(() => page.locator('.windows li .badge').textContent()).toBe(en.maintenance.cancelled);
    const del = server.calls.find((c) => c.method === 'DELETE')!;
    expect(del.path).toBe('/kiosks/K-002/maintenance/MW-1');
    expect(del.csrf).toBe(post.csrf);

    // An end before the start is refused before anything is sent.
    const before = server.calls.length;
    await page.getByLabel(en.maintenance.end).fill('2026-12-01T07:00');
    await page.getByLabel(en.maintenance.reason).fill('Oops');
    await page.getByRole('button', { name: en.maintenance.plan }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toBe(en.maintenance.endBeforeStart);
    expect(server.calls.length).toBe(before);
  });

  it('switches to French: words, <html lang>, percentages and dates per locale', async () => {
    await signInThroughForm(page, server.consoleUrl, '#/sla');
    const figure = page.locator('.big-figure');
    const fraction = server.snapshot.sla.operationalFraction!;
    expect(await figure.textContent()).toBe(`${(fraction * 100).toFixed(1)}%`);
    await page.getByRole('button', { name: 'Français' }).click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang))
      .toBe('fr');
    expect(await page.locator('main h1').textContent()).toBe(fr.sla.title);
    expect(await figure.textContent()).toBe(`${(fraction * 100).toFixed(1).replace('.', ',')} %`);
    expect(await page.locator('[data-nav=fleet]').textContent()).toBe(fr.nav.fleet);
    // 30 Nov 2026, 10:00 in Toronto, in French.
    expect(await page.locator('.figure').textContent()).toContain('30 nov. 2026');
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang))
      .toBe('en');
  });

  it('connects again when the server hangs up, and asks to sign in again when the session was revoked', async () => {
    await signInThroughForm(page, server.consoleUrl);
    // A hang-up with the session still good: the console checks it, reconnects and gets a fresh snapshot.
    const k2 = server.snapshot.kiosks.find((k) => k.id === 'K-002')!;
    server.hangUp(false);
    server.snapshot = {
      ...server.snapshot,
      kiosks: server.snapshot.kiosks.map((k) => (k.id === 'K-002' ? { ...k2, status: 'maintenance' } : k)),
    };
    await expect.poll(() => page.locator('[data-count="maintenance"] .tile-number').textContent()).toBe('2');
    await page.locator('.link-live').waitFor();
    expect(server.connections()).toBe(1);

    // Revoked: back to the sign-in form, saying why.
    server.hangUp(true);
    await page.locator('#username').waitFor();
    expect(await page.locator('.notice').textContent()).toBe(en.signIn.expired);
    expect(server.connections()).toBe(0);
  });

  it('says when the technician sees one region only', async () => {
    server.snapshot = { ...server.snapshot, principal: { ...server.snapshot.principal, region: 'eastern' } };
    await signInThroughForm(page, server.consoleUrl);
    expect(await page.locator('.who').textContent()).toBe('Signed in as tech · Eastern region only');
  });

  it('starts a region-bound technician on their region: the selector says it, the map is fitted to its sites', async () => {
    // As the fleet server scopes it: an Eastern technician's snapshot holds the Eastern sites and their kiosks only.
    const snap = server.snapshot;
    const eastern = new Set(snap.sites.filter((s) => s.region === 'eastern').map((s) => s.id));
    server.snapshot = {
      ...snap,
      principal: { ...snap.principal, region: 'eastern' },
      sites: snap.sites.filter((s) => eastern.has(s.id)),
      kiosks: snap.kiosks.filter((k) => eastern.has(k.siteId)),
      incidents: snap.incidents.filter((i) => eastern.has(i.siteId)),
    };
    await signInThroughForm(page, server.consoleUrl);
    const select = page.locator('#region');
    expect(await select.inputValue()).toBe('eastern');
    expect(await select.locator('option:checked').textContent()).toBe(en.region.eastern);
    expect(await select.locator('option').allTextContents()).not.toContain(en.fleet.allRegions);
    const map = page.locator('.map svg[role=img]');
    expect(await map.getAttribute('data-view')).toBe('region');
    expect(await page.getByRole('button', { name: 'Eastern region' }).getAttribute('aria-pressed')).toBe('true');
    // Every Eastern site is drawn inside the map, spread over most of it (not a cluster in a corner of Ontario).
    const spread = async () => {
      const frame = (await map.boundingBox())!;
      const boxes = await map.locator('g[data-site]').evaluateAll((els) =>
        els.map((e) => {
          const r = (e as unknown as PageElementRect).getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }),
      );
      expect(boxes.length).toBe(eastern.size);
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(frame.x);
        expect(b.x).toBeLessThanOrEqual(frame.x + frame.width);
        expect(b.y).toBeGreaterThanOrEqual(frame.y);
        expect(b.y).toBeLessThanOrEqual(frame.y + frame.height);
      }
      const xs = boxes.map((b) => b.x);
      const ys = boxes.map((b) => b.y);
      return Math.max(
        (Math.max(...xs) - Math.min(...xs)) / frame.width,
        (Math.max(...ys) - Math.min(...ys)) / frame.height,
      );
    };
    const fitted = await spread();
    expect(fitted).toBeGreaterThan(0.6);
    // The whole province is one press away, and draws the same sites much smaller.
    await page.getByRole('button', { name: en.map.province }).click();
    await expect.poll(() => map.getAttribute('data-view')).toBe('province');
    expect(await spread()).toBeLessThan(fitted / 2);
  });

  it('sends a signed-out browser back to the sign-in form', async () => {
    await signInThroughForm(page, server.consoleUrl);
    await page.getByRole('button', { name: en.app.signOut }).click();
    await page.locator('#username').waitFor();
    await eventually('the console socket closed', () => server.connections() === 0);
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/session' });
  });
});
