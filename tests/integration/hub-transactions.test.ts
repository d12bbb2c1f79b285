// The transaction messages over a real socket.io connection to a real fleet server (SQLite file, hub wired
// from its options): quote, commit, retry, status and cancel for the authenticated kiosk; another kiosk's
// transaction refused; a malformed payload refused with TX_INVALID, one log line, no change, no personal data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { FleetServer } from '@guichet/fleet-server';
import { KioskTxEvents, TxAck, type MinistryId } from '@guichet/shared';
import { scriptedMinistries, type ScriptedMinistry } from '@guichet/fleet-server/test-support/scripted-ministry';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import {
  MINISTRY_SCRIPTS,
  PERSONAL_STRINGS,
  commitOf,
  sticker,
  txId,
} from '@guichet/fleet-server/test-support/hub-test-data';
import { captureLog, tempDir, testFleetConfig, writeSitesFile, type CapturedLog } from '../support/fleet-harness';
import { connectKioskSocket } from '../support/fleet-harness';

let server: FleetServer;
let captured: CapturedLog;
let ministries: Map<MinistryId, ScriptedMinistry>;
const sockets: Socket[] = [];

beforeEach(async () => {
  const dir = tempDir('hub');
  const log = captureLog();
  captured = log.captured;
  ministries = scriptedMinistries(MINISTRY_SCRIPTS);
  const config = testFleetConfig(dir, writeSitesFile(dir, 2), { pricesFile: DEMO_PRICES_FILE });
  server = new FleetServer(config, { logger: log.logger, ministries });
  await server.start();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.stop();
});

function connect(kioskId: string): Promise<Socket> {
  return connectKioskSocket(server, kioskId, sockets);
}

const send = async (socket: Socket, event: string, payload: unknown): Promise<TxAck> =>
  TxAck.parse(await socket.emitWithAck(event, payload));

describe('transaction messages on the kiosk link', () => {
  it('quotes, commits once, answers a retry and status the same, and keeps other kiosks out', async () => {
    const k1 = await connect('K-001');
    const k2 = await connect('K-002');
    const quote = await send(k1, KioskTxEvents.quote, { txId: txId(1), lang: 'en', details: sticker() });
    expect(quote).toMatchObject({ ok: true, quote: { txId: txId(1), totalCents: 12100 } });

    const commit = await send(k1, KioskTxEvents.commit, commitOf(txId(1), 12100, sticker()));
    expect(commit).toMatchObject({
      ok: true,
      committed: { state: 'committed', deliveries: [{ ministryId: 'transportation', status: 'done' }] },
    });
    expect(await send(k1, KioskTxEvents.commit, commitOf(txId(1), 12100, sticker()))).toEqual(commit);
    expect(await send(k1, KioskTxEvents.status, { txId: txId(1) })).toEqual({
      ok: true,
      status: 'committed' in commit ? commit.committed : undefined,
    });
    expect(ministries.get('transportation')!.calls.commit).toBe(1);
    expect(server.hub.ledger.linesFor(txId(1))).toHaveLength(4);

    expect(await send(k2, KioskTxEvents.status, { txId: txId(1) })).toMatchObject({
      ok: false,
      error: { code: 'TX_NOT_YOURS' },
    });
    expect(await send(k2, KioskTxEvents.cancel, { txId: txId(1), reason: 'recovery' })).toMatchObject({
      ok: false,
      error: { code: 'TX_NOT_YOURS' },
    });
    expect(await send(k1, KioskTxEvents.cancel, { txId: txId(1), reason: 'timeout' })).toMatchObject({
      ok: false,
      error: { code: 'TX_ALREADY_COMMITTED' },
    });
    // tx.document: a sticker has none to give; another kiosk's transaction and a malformed id are refused.
    expect(await send(k1, KioskTxEvents.document, { txId: txId(1) })).toMatchObject({
      ok: false,
      error: { code: 'TX_NO_DOCUMENT' },
    });
    expect(await send(k2, KioskTxEvents.document, { txId: txId(1) })).toMatchObject({
      ok: false,
      error: { code: 'TX_NOT_YOURS' },
    });
    expect(await send(k1, KioskTxEvents.document, { txId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'TX_INVALID' },
    });
  });

  it('refuses a malformed payload with TX_INVALID and one sampled log line without its values', async () => {
    const k1 = await connect('K-001');
    const bad = { txId: txId(2), lang: 'en', details: { ...sticker(), plate: 'CBXR 123 TOO LONG FOR A PLATE' } };
    for (let i = 0; i < 3; i++)
      expect(await send(k1, KioskTxEvents.quote, bad)).toEqual({
        ok: false,
        error: { code: 'TX_INVALID', message: 'invalid tx.quote: details.plate', retryable: false },
      });
    expect(await send(k1, KioskTxEvents.commit, { txId: 'not-an-id', totalCents: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'TX_INVALID' },
    });
    const rejected = captured.lines.filter((l) => l.event === 'protocol.rejected' && l.code === 'TX_INVALID');
    expect(rejected.map((l) => l.message)).toEqual(['tx.quote', 'tx.commit']);
    expect(await send(k1, KioskTxEvents.status, { txId: txId(2) })).toEqual({
      ok: true,
      status: { txId: txId(2), state: 'unknown' },
    });
    expect(ministries.get('transportation')!.calls.validate).toBe(0);
    for (const s of PERSONAL_STRINGS) expect(captured.text()).not.toContain(s);
  });
});
