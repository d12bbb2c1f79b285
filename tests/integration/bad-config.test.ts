// Every entry point answers bad configuration with one line naming the variable and exit status 2, never a
// stack trace (docs/conventions.md "Code": configuration): real processes, as an operator would start them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGuichet, runProcess, type ProcessResult } from '../support/run-process';

const DEMO_SITES = 'fleet-server/demo/sites.json';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-bad-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** This process's environment without any Guichet setting, plus `settings`. */
function envWith(settings: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !name.startsWith('GUICHET_') && !['PORT', 'HOST', 'LOG_LEVEL'].includes(name),
  );
  return { ...Object.fromEntries(inherited), ...settings };
}

function runEntryPoint(file: string, settings: Record<string, string>): Promise<ProcessResult> {
  return runProcess(process.execPath, ['--import', 'tsx', file], '', envWith(settings));
}

function expectOneLine(result: ProcessResult, line: string): void {
  expect(result.stderr).toBe(`${line}\n`);
  expect(result.stdout).toBe('');
  expect(result.code).toBe(2);
}

describe('bad configuration at start-up', () => {
  it('the fleet server names a short admin token', async () => {
    const result = await runEntryPoint('fleet-server/src/main.ts', {
      GUICHET_SITES_FILE: DEMO_SITES,
      GUICHET_DATA_DIR: dataDir,
      GUICHET_ADMIN_TOKEN: 'short',
    });
    expectOneLine(
      result,
      'guichet fleet server: GUICHET_ADMIN_TOKEN: must be at least 32 characters (make one with: openssl rand -base64 32)',
    );
  });

  it('the fleet server refuses a long admin token made of a repeated pattern, without quoting it', async () => {
    const token = 'Kiosk2026!'.repeat(4);
    const result = await runEntryPoint('fleet-server/src/main.ts', {
      GUICHET_SITES_FILE: DEMO_SITES,
      GUICHET_DATA_DIR: dataDir,
      GUICHET_ADMIN_TOKEN: token,
    });
    expectOneLine(
      result,
      'guichet fleet server: GUICHET_ADMIN_TOKEN: is too guessable (about 31 bits estimated, at least 128 needed: ' +
        'no repeated patterns or runs; make one with: openssl rand -base64 32)',
    );
    expect(result.stderr).not.toContain('Kiosk2026');
  });

  it('the fleet server needs its sites file named: there is no default to demo data', async () => {
    const result = await runEntryPoint('fleet-server/src/main.ts', { GUICHET_DATA_DIR: dataDir });
    expectOneLine(result, 'guichet fleet server: GUICHET_SITES_FILE: must be set');
  });

  it('the kiosk runtime names a fleet URL that is not a URL', async () => {
    const result = await runEntryPoint('kiosk/src/main.ts', {
      GUICHET_KIOSK_ID: 'K-001',
      GUICHET_KIOSK_CREDENTIAL: 'a-credential-long-enough',
      GUICHET_FLEET_URL: 'fleet.example',
      GUICHET_KIOSK_DATA_DIR: dataDir,
    });
    expectOneLine(result, 'guichet kiosk: GUICHET_FLEET_URL: must be a URL such as https://fleet.example:8080');
  });

  it('the kiosk runtime names a payment terminal address it cannot use', async () => {
    const result = await runEntryPoint('kiosk/src/main.ts', {
      GUICHET_KIOSK_ID: 'K-001',
      GUICHET_KIOSK_CREDENTIAL: 'a-credential-long-enough',
      GUICHET_FLEET_URL: 'http://127.0.0.1:9',
      GUICHET_KIOSK_DATA_DIR: dataDir,
      GUICHET_PAYMENT_TERMINAL: 'bluetooth://pinpad',
    });
    expectOneLine(
      result,
      'guichet kiosk: GUICHET_PAYMENT_TERMINAL: bad payment terminal address: unknown form (use tcp://HOST:PORT or serial:/dev/ttyX?baud=9600&data=8&parity=none&stop=1&flow=none)',
    );
  });

  it('the kiosk runtime refuses a reboot command a shell would interpret', async () => {
    const result = await runEntryPoint('kiosk/src/main.ts', {
      GUICHET_KIOSK_ID: 'K-001',
      GUICHET_KIOSK_CREDENTIAL: 'a-credential-long-enough',
      GUICHET_FLEET_URL: 'http://127.0.0.1:9',
      GUICHET_KIOSK_DATA_DIR: dataDir,
      GUICHET_REBOOT_COMMAND: '/usr/bin/systemctl reboot; rm -rf /',
    });
    expectOneLine(
      result,
      'guichet kiosk: GUICHET_REBOOT_COMMAND: the reboot command is run without a shell: "reboot;" has a character a shell would interpret (quotes, $, ;, |, …)',
    );
  });

  it('the demo (npm start) names a short admin token', async () => {
    const result = await runEntryPoint('provisioning/src/demo/start-demo.ts', {
      GUICHET_DATA_DIR: dataDir,
      GUICHET_ADMIN_TOKEN: 'short',
    });
    expectOneLine(
      result,
      'guichet demo: GUICHET_ADMIN_TOKEN: must be at least 32 characters (make one with: openssl rand -base64 32)',
    );
  });

  it('the demo names a traffic rate that is not a number, and more kiosks than the network has', async () => {
    const traffic = await runEntryPoint('provisioning/src/demo/start-demo.ts', {
      GUICHET_DATA_DIR: dataDir,
      GUICHET_DEMO_TRAFFIC: 'lots',
    });
    expectOneLine(
      traffic,
      'guichet demo: GUICHET_DEMO_TRAFFIC: must be a number of transactions per kiosk per hour, e.g. 30 (0 = none)',
    );
    const kiosks = await runEntryPoint('provisioning/src/demo/start-demo.ts', {
      GUICHET_DATA_DIR: dataDir,
      GUICHET_DEMO_KIOSKS: '71',
    });
    expectOneLine(kiosks, 'guichet demo: GUICHET_DEMO_KIOSKS: must be at most 70 (the kiosks of the sites file)');
  });

  it('the guichet command answers a missing option with one line', async () => {
    const result = await runGuichet(['sla', '--sites', DEMO_SITES]);
    expectOneLine(result, "error: required option '--events <file>' not specified");
  });
});
