// The technician console's first paint with a big fleet, in headless Debian Chromium against the console's
// stand-in server (tests/support/console-harness.ts): a signed-in technician opens the console and the snapshot
// of 10,000 kiosks (and their ~760 incidents) arrives over socket.io. Measured in the page from navigation
// start: first contentful paint, and "snapshot rendered" — the fleet (or queue) in the DOM from the live
// snapshot, and the frame after it painted. Goal: < 2 s. Baselines in the same run: an empty page from the same
// server, and the console with the demo's 70 kiosks. Also: a pushed status change → painted, with 10,000 kiosks.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../support/browser';
import {
  buildConsole,
  fleetSnapshot,
  startConsoleServer,
  TECH,
  type ConsoleTestServer,
} from '../support/console-harness';
import type { BenchResult } from './bench-result';

const RUNS = 5;
const PUSHES = 10;
const GOAL_MS = 2000;
const AT = '2026-11-30T15:00:00.000Z';

/** Installed before the page loads: stamps the first frame painted after the live fleet is in the DOM. */
const INSTRUMENT = `(() => {
  const bench = { rendered: null };
  window.__bench = bench;
  const done = () =>
    document.querySelector('.link-live') &&
    document.querySelector('main[data-screen] .site-list > li, main[data-screen] .incident-queue > li');
  const observer = new MutationObserver(() => {
    if (bench.rendered !== null || !done()) return;
    bench.rendered = -1;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { bench.rendered = performance.now(); }, 0));
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface PageTimes {
  fcp: number | null;
  rendered: number | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]) => Math.min(...xs);

async function signedInContext(browser: Browser, server: ConsoleTestServer, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  const response = await context.request.post(`${server.url}/api/v1/session`, {
    data: { username: TECH.username, password: TECH.password },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
  await context.addInitScript(INSTRUMENT);
  return context;
}

/** Opens `url` in a fresh page `RUNS` times (after one warm-up) and reads the page's own timings. */
async function timePage(context: BrowserContext, url: string, waitRendered: boolean): Promise<PageTimes[]> {
  const times: PageTimes[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await context.newPage();
    await page.goto(url);
    if (waitRendered)
      await page.waitForFunction(
        () => ((globalThis as unknown as { __bench: { rendered: number | null } }).__bench.rendered ?? -1) > 0,
        undefined,
        { timeout: 60_000 },
      );
    else await page.waitForLoadState('load');
    // FCP is reported a little after the paint itself.
    const t = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        performance: { getEntriesByName(n: string): { startTime: number }[] };
        __bench?: { rendered: number | null };
        requestAnimationFrame(cb: () => void): void;
      };
      for (let k = 0; k < 50 && g.performance.getEntriesByName('first-contentful-paint').length === 0; k++)
        await new Promise<void>((resolve) => g.requestAnimationFrame(resolve));
      return {
        fcp: g.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        rendered: g.__bench?.rendered ?? null,
      };
    });
    await page.close();
    if (i > 0) times.push(t);
  }
  return times;
}

/** A status change pushed by the server → the site's status changed on the open fleet page (polled each frame). */
async function timePushes(context: BrowserContext, server: ConsoleTestServer): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(server.consoleUrl);
  await page.waitForFunction(
    () => ((globalThis as unknown as { __bench: { rendered: number } }).__bench.rendered ?? -1) > 0,
  );
  const times: number[] = [];
  const kiosk = server.snapshot.kiosks.find((k) => k.id === 'K-00001')!;
  for (let i = 0; i <= PUSHES; i++) {
    const status = i % 2 === 0 ? 'offline' : 'online';
    const start = process.hrtime.bigint();
    server.pushKiosks([
      { ...kiosk, status, openFaults: status === 'offline' ? [{ faultId: `F-${i}`, component: 'network' }] : [] },
    ]);
    await page.waitForFunction(
      (expected) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }
        ).document.querySelector('[data-count="offline"] .tile-number')?.textContent === expected,
      String(server.snapshot.kiosks.filter((k) => k.status === 'offline').length).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
      { polling: 'raf', timeout: 30_000 },
    );
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await page.close();
  return times;
}

export async function run(): Promise<BenchResult[]> {
  const dist = await buildConsole();
  fs.writeFileSync(
    path.join(dist, 'empty.html'),
    '<!doctype html><html lang="en"><title>empty</title><p>Empty page</p></html>',
  );
  const browser = await launchChromium();
  const rows: BenchResult[] = [];
  const servers: ConsoleTestServer[] = [];
  try {
    const small = await startConsoleServer(dist, fleetSnapshot(AT));
    const big = await startConsoleServer(dist, fleetSnapshot(AT, 10_000));
    servers.push(small, big);
    const bigBytes = JSON.stringify(big.snapshot).length;

    const desk = await signedInContext(browser, big, 1440, 900);
    const empty = await timePage(desk, `${big.url}/console/empty.html`, false);
    const baseline = median(empty.map((t) => t.fcp!));
    rows.push({
      benchmark: 'console paint',
      case: 'baseline: empty page, first contentful paint',
      ms: baseline,
      bestMs: best(empty.map((t) => t.fcp!)),
      ratio: 1,
      notes: 'same server, same browser context',
    });

    const cases: { name: string; server: ConsoleTestServer; hash: string; width: number; height: number }[] = [
      { name: '70 kiosks (demo), fleet map', server: small, hash: '', width: 1440, height: 900 },
      { name: '10,000 kiosks, fleet map', server: big, hash: '', width: 1440, height: 900 },
      { name: '10,000 kiosks, incident queue', server: big, hash: '#/incidents', width: 1440, height: 900 },
      { name: '10,000 kiosks, fleet map, phone 390×844', server: big, hash: '', width: 390, height: 844 },
    ];
    for (const c of cases) {
      const context = await signedInContext(browser, c.server, c.width, c.height);
      const times = await timePage(context, `${c.server.consoleUrl}${c.hash}`, true);
      await context.close();
      const rendered = times.map((t) => t.rendered!);
      const ms = median(rendered);
      rows.push({
        benchmark: 'console paint',
        case: `${c.name}: snapshot rendered`,
        ms,
        bestMs: best(rendered),
        ratio: ms / baseline,
        notes: `goal < ${GOAL_MS} ms: ${ms < GOAL_MS ? 'met' : 'NOT met'}; first contentful paint ${median(times.map((t) => t.fcp ?? NaN)).toFixed(0)} ms${c.server === big ? `; snapshot ${(bigBytes / 2 ** 20).toFixed(1)} MB JSON, ${big.snapshot.incidents.length} incidents` : ''}`,
      });
    }

    const pushes = await timePushes(desk, big);
    rows.push({
      benchmark: 'console paint',
      case: '10,000 kiosks: pushed status change → painted',
      ms: median(pushes),
      bestMs: best(pushes),
      notes: `${PUSHES} pushes, server emit → DOM changed (polled each frame), fleet map open`,
    });
    await desk.close();
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    fs.rmSync(dist, { recursive: true, force: true });
  }
  return rows;
}
