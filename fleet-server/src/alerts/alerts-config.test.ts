// The alerts file (GUICHET_ALERTS_FILE): what a valid one means, the typed error naming file and field for a bad
// one, and the fleet server that runs alerts only when it is configured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { FleetConfig, fleetConfigFromEnv, fleetStartupFailureLine } from '../config/fleet-config';
import { FleetServer } from '../fleet-server';
import { WebhookReceiver } from '../test-support/alert-receivers';
import { loadAlertsFile, parseAlertsConfig } from './alerts-config';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-config-'));
function writeJson(folder: string, name: string, data: unknown): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

const EXAMPLE = {
  webhooks: [{ name: 'ops-chat', url: 'https://hooks.example.org/guichet', secret: 'a-shared-secret-0123' }],
  smtp: { host: 'smtp.example.org', port: 587, from: 'Guichet <alerts@example.org>', auth: { user: 'u', pass: 'p' } },
  contacts: {
    primary: { email: ['oncall@example.org'], webhooks: ['ops-chat'] },
    secondary: { email: ['supervisor@example.org'] },
  },
};

function refusal(data: unknown): string {
  try {
    parseAlertsConfig(data, 'alerts.json');
  } catch (error) {
    expect(error).toMatchObject({ code: 'ALERTS_FILE_INVALID' });
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('alerts file', () => {
  it('reads the documented example, with the default delays', () => {
    expect(parseAlertsConfig(EXAMPLE)).toMatchObject({
      smtp: { secure: false, port: 587 },
      contacts: { secondary: { email: ['supervisor@example.org'], webhooks: [] } },
      escalateAfterMinutes: 30,
      clockWarningMinutes: 30,
    });
  });

  it('names the field of a bad file', () => {
    const withContacts = (contacts: unknown) => ({ ...EXAMPLE, contacts });
    expect(refusal(withContacts({ ...EXAMPLE.contacts, primary: { webhooks: ['pager'] } }))).toBe(
      'alerts.json: contacts.primary.webhooks.0: no webhook named pager',
    );
    expect(refusal({ ...EXAMPLE, smtp: undefined })).toBe(
      'alerts.json: smtp: contacts.primary has e-mail addresses but no smtp',
    );
    expect(refusal(withContacts({ ...EXAMPLE.contacts, secondary: {} }))).toBe(
      'alerts.json: contacts.secondary: needs at least one e-mail or webhook',
    );
    expect(refusal({ ...EXAMPLE, webhooks: [{ name: 'x', url: 'ftp://example.org' }] })).toMatch(
      /^alerts.json: webhooks.0.url: /,
    );
    expect(refusal({ ...EXAMPLE, escalateAfterMinutes: -5 })).toMatch(/^alerts.json: escalateAfterMinutes: /);
    expect(refusal({ ...EXAMPLE, contacts: undefined })).toMatch(/^alerts.json: contacts: /);
  });

  it('refuses a file it cannot read or parse, naming it; the fleet server prints it under its variable', () => {
    const folder = dir();
    const missing = path.join(folder, 'absent.json');
    expect(() => loadAlertsFile(missing)).toThrow(expect.objectContaining({ code: 'ALERTS_FILE_UNREADABLE' }));
    const broken = writeJson(folder, 'broken.json', '{ "webhooks": [');
    let error: unknown;
    try {
      loadAlertsFile(broken);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'ALERTS_FILE_NOT_JSON' });
    expect(fleetStartupFailureLine(error)).toMatch(
      new RegExp(`^GUICHET_ALERTS_FILE: ALERTS_FILE_NOT_JSON: ${broken}: not valid JSON`),
    );
    expect(fleetConfigFromEnv({ GUICHET_SITES_FILE: 's.json', GUICHET_ALERTS_FILE: broken }).alertsFile).toBe(broken);
  });
});

describe('fleet server with alerts', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  function sitesFile(folder: string): string {
    const day = [['00:00', '24:00']];
    return writeJson(folder, 'sites.json', {
      sites: [{ id: 's', timezone: 'America/Toronto', hours: { mon: day, tue: day, wed: day } }],
      kiosks: [{ id: 'K-001', siteId: 's' }],
    });
  }

  it('runs an AlertMonitor when GUICHET_ALERTS_FILE is set, and takes security events from others', async () => {
    const hook = await WebhookReceiver.start();
    stops.push(() => hook.close());
    const folder = dir();
    const alertsFile = writeJson(folder, 'alerts.json', {
      webhooks: [{ name: 'ops', url: hook.url }],
      contacts: { primary: { webhooks: ['ops'] }, secondary: { webhooks: ['ops'] } },
    });
    const config = FleetConfig.parse({
      sitesFile: sitesFile(folder),
      dataDir: path.join(folder, 'data'),
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      alertsFile,
    });
    const server = new FleetServer(config);
    await server.start();
    stops.push(() => server.stop());
    expect(server.alerts).toBeDefined();
    server.raiseSecurity({ kioskId: 'K-001', code: 'LINK_CONTESTED', message: 'second connection', at: new Date() });
    const [request] = await eventually(
      'the security alert at the webhook',
      () => hook.accepted.length > 0 && hook.accepted,
    );
    expect(JSON.parse(request!.body)).toMatchObject({ trigger: 'security', kioskId: 'K-001' });
  });

  it('runs none without it, and refuses to start on a bad alerts file before opening storage', () => {
    const folder = dir();
    const base = { sitesFile: sitesFile(folder), port: 0, host: '127.0.0.1', logLevel: 'silent' };
    const plain = new FleetServer(FleetConfig.parse({ ...base, dataDir: path.join(folder, 'plain') }));
    expect(plain.alerts).toBeUndefined();
    plain.db.close();
    const bad = writeJson(folder, 'alerts.json', { contacts: {} });
    const dataDir = path.join(folder, 'bad');
    expect(() => new FleetServer(FleetConfig.parse({ ...base, dataDir, alertsFile: bad }))).toThrow(
      expect.objectContaining({ code: 'ALERTS_FILE_INVALID' }),
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
