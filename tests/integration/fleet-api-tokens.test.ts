// API tokens on a real fleet server: issued with an expiry, listed without secrets (with their last use),
// refused once expired or revoked; subjects are printable text. The server's clock is manual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

const DAY = 24 * 3_600_000;
const time = new ManualTime('2026-11-02T15:00:00.000Z');
let server: FleetServer;

beforeAll(async () => {
  const dir = tempDir('apitokens');
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 1)), pino({ level: 'silent' }), {
    clock: time,
    timers: time,
  });
});

afterAll(async () => {
  await server?.stop();
});

interface Issued {
  token: string;
  id: string;
  role: string;
  subject: string;
  expiresAt: string;
}
interface Listed {
  id: string;
  subject: string;
  expiresAt: string;
  expired: boolean;
  lastUsedAt?: string;
  createdAt: string;
}

const issue = (body: Record<string, unknown>) =>
  api<Issued & { error?: { code: string } }>(server, '/api/v1/tokens', { method: 'POST', body: JSON.stringify(body) });
const listed = async (id: string) =>
  (await api<{ tokens: Listed[] }>(server, '/api/v1/tokens')).body.tokens.find((t) => t.id === id);

describe('API tokens', () => {
  it('expire after expiresInDays (default 90), and are refused from that instant', async () => {
    const issuedAt = time.now().getTime();
    const short = await issue({ role: 'technician', subject: 'night scraper', expiresInDays: 30 });
    expect(short.status).toBe(201);
    expect(short.body).toMatchObject({ role: 'technician', subject: 'night scraper' });
    expect(short.body.id).toMatch(/^tok_[0-9a-f]{16}$/);
    expect(short.body.expiresAt).toBe(new Date(issuedAt + 30 * DAY).toISOString());
    const standard = await issue({ role: 'analyst', subject: 'mto reports', ministry: 'transportation' });
    expect(standard.body.expiresAt).toBe(new Date(issuedAt + 90 * DAY).toISOString());

    time.setTime(issuedAt + 30 * DAY - 1);
    expect((await api(server, '/api/v1/kiosks', { token: short.body.token })).status).toBe(200);
    time.setTime(issuedAt + 30 * DAY);
    expect((await api(server, '/api/v1/kiosks', { token: short.body.token })).status).toBe(401);
    expect(await listed(short.body.id)).toMatchObject({ expired: true });
    expect(await listed(standard.body.id)).toMatchObject({ expired: false });
  });

  it('are listed without their secrets, with when they were last used', async () => {
    const issued = await issue({ role: 'technician', subject: 'prometheus', region: 'toronto' });
    expect(await listed(issued.body.id)).toEqual({
      id: issued.body.id,
      role: 'technician',
      subject: 'prometheus',
      region: 'toronto',
      createdAt: time.now().toISOString(),
      expiresAt: issued.body.expiresAt,
      expired: false,
    });
    time.setTime(time.now().getTime() + 3_600_000);
    expect((await api(server, '/api/v1/kiosks', { token: issued.body.token })).status).toBe(200);
    expect((await listed(issued.body.id))?.lastUsedAt).toBe(time.now().toISOString());
    const all = await api(server, '/api/v1/tokens');
    expect(JSON.stringify(all.body)).not.toContain(issued.body.token);
    expect(JSON.stringify(all.body)).not.toMatch(/"token"|token_hash/);
    // Only admins list tokens.
    expect((await api(server, '/api/v1/tokens', { token: issued.body.token })).status).toBe(403);
  });

  it('are revoked by id and refused at once', async () => {
    const issued = await issue({ role: 'technician', subject: 'old laptop' });
    expect((await api(server, '/api/v1/kiosks', { token: issued.body.token })).status).toBe(200);
    expect((await api(server, `/api/v1/tokens/${issued.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(server, '/api/v1/kiosks', { token: issued.body.token })).status).toBe(401);
    expect(await listed(issued.body.id)).toBeUndefined();
    const again = await api<{ error: { code: string } }>(server, `/api/v1/tokens/${issued.body.id}`, {
      method: 'DELETE',
    });
    expect(again).toMatchObject({ status: 404, body: { error: { code: 'TOKEN_NOT_FOUND' } } });
    expect((await api(server, '/api/v1/tokens/not-an-id', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuse an expiry beyond 365 days, and a subject that is not printable text', async () => {
    for (const expiresInDays of [0, 366, 1.5, '30'])
      expect((await issue({ role: 'technician', subject: 'x', expiresInDays })).status).toBe(400);
    expect((await issue({ role: 'technician', subject: 'x', expiresInDays: 365 })).status).toBe(201);
    for (const subject of ['line\nforged', 'bell\u0007', '', 'x'.repeat(101)])
      expect((await issue({ role: 'technician', subject })).status).toBe(400);
  });
});
