// The driver record abstract on the kiosk: printed on the receipt (printer simulator over TCP) in the citizen's
// language from the commit's answer, asked of the hub again (tx.document) on a reprint or when the commit's answer
// was lost, a receipt that cannot have it is failed (reprint later), and the journal file never holds it.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TxDetails } from '@guichet/shared';
import { TransactionRig, type RigOptions } from '../test-support/transaction-rig';

const ABSTRACT: TxDetails = { serviceId: 'driver-record-abstract', licenceNumber: 'S31208819770624' };

let rig: TransactionRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function ready(options: RigOptions = {}): Promise<TransactionRig> {
  rig = await new TransactionRig(options).start();
  await rig.ready();
  return rig;
}

async function buyAbstract(rig: TransactionRig, lang: 'en' | 'fr') {
  const session = await rig.transactions.begin('driver-record-abstract', lang);
  await session.enterDetails(ABSTRACT);
  await session.quote();
  const done = await session.pay();
  return { session, done };
}

const documentCalls = (rig: TransactionRig, txId: string) =>
  rig.hub.calls.filter((c) => c.txId === txId && c.event === 'document').length;

const count = (text: string, pattern: RegExp) => [...text.matchAll(new RegExp(pattern, 'g'))].length;

describe('the driver record abstract on the receipt', () => {
  it('prints the abstract from the commit answer; a reprint asks the hub again; the journal never holds it', async () => {
    const rig = await ready();
    const { session, done } = await buyAbstract(rig, 'en');
    expect(done).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(done).not.toHaveProperty('committed.document');
    expect(documentCalls(rig, session.txId)).toBe(0);
    const text = rig.printerSim.text();
    expect(text).toMatch(/Licence status\s+Suspended/);
    expect(text).toMatch(/Demerit points\s+7/);
    expect(text).toMatch(/Convictions\s+2/);
    expect(text).not.toContain('S3120');

    const reprinted = await rig.transactions.reprint(session.txId);
    expect(reprinted).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(documentCalls(rig, session.txId)).toBe(1);
    expect(rig.printerSim.receipts()).toHaveLength(2);
    expect(count(rig.printerSim.text(), /Licence status\s+Suspended/)).toBe(2);
    expect(count(rig.printerSim.text(), /Demerit points\s+7/)).toBe(2);

    rig.transactions.stop();
    const bytes = Buffer.concat(
      ['', '-wal']
        .map((suffix) => rig.transactions.journal.file + suffix)
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f)),
    ).toString('latin1');
    expect(bytes).toContain(session.txId); // the scan does read the journal's rows
    for (const text of ['SUSPENDED', 'Suspended', 'licenceStatus', 'demerit', 'Demerit', 'convictions'])
      expect(bytes).not.toContain(text);
  });

  it('prints it in French for a French-speaking citizen', async () => {
    const rig = await ready();
    rig.hub.abstract = { kind: 'driver-record-abstract', licenceStatus: 'VALID', demeritPoints: 3, convictions: 1 };
    await buyAbstract(rig, 'fr');
    const text = rig.printerSim.text();
    expect(text).toMatch(/Statut du permis\s+Valide/);
    expect(text).toMatch(/Points d'inaptitude\s+3/);
    expect(text).toMatch(/Condamnations\s+1/);
    expect(text).not.toContain('Licence status');
  });

  it('commit answer lost: asks tx.status, then tx.document, and prints the abstract', async () => {
    const rig = await ready({ hubTimeoutMs: 300 });
    rig.hub.commitFault = 'drop-answer';
    const { session, done } = await buyAbstract(rig, 'en');
    expect(done).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(rig.hub.calls.filter((c) => c.txId === session.txId).map((c) => c.event)).toEqual([
      'quote',
      'commit',
      'status',
      'document',
    ]);
    expect(rig.printerSim.text()).toMatch(/Licence status\s+Suspended/);
  });

  it('the hub cannot give the abstract: receipt failed (nothing printed without it), reprint prints it later', async () => {
    const rig = await ready({ hubTimeoutMs: 300 });
    rig.hub.commitFault = 'drop-answer';
    rig.hub.refuseDocument = { code: 'MINISTRY_UNAVAILABLE', message: 'down', retryable: true };
    const { session, done } = await buyAbstract(rig, 'en');
    expect(done).toMatchObject({ state: 'completed', receipt: 'failed', code: 'TX_DOCUMENT_UNAVAILABLE' });
    expect(rig.printerSim.receipts()).toEqual([]);
    expect(rig.chargedWithoutCommit()).toEqual([]);

    rig.hub.refuseDocument = undefined;
    rig.hub.commitFault = 'none';
    await expect(rig.transactions.reprint(session.txId)).resolves.toMatchObject({ receipt: 'printed' });
    expect(rig.printerSim.receipts()).toHaveLength(1);
    expect(rig.printerSim.text()).toMatch(/Demerit points\s+7/);
  });

  it('a service without a document never asks for one', async () => {
    const rig = await ready();
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails({ serviceId: 'vehicle-sticker-renewal', plate: 'CBKR 417', licenceNumber: 'D6101' });
    await session.quote();
    await session.pay();
    await rig.transactions.reprint(session.txId);
    expect(documentCalls(rig, session.txId)).toBe(0);
    expect(rig.printerSim.text()).not.toContain('Licence status');
  });
});
