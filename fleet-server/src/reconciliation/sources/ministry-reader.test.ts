// What Natural Resources has includes the batches in its drop folder (open, or sealed and awaiting the nightly
// run), not only the records its nightly run ingested; archived batches count once, rejected ones not at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detailLine, headerLine, trailerLine, type BatchDetail } from '@guichet/ministries/outdoors/batch-file';
import { writeDataDir } from '../data-dir-fixture';
import { readMinistries } from './ministry-reader';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-ministry-reader-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const detail = (sequence: number, clientReference: string, amountCents: number): BatchDetail => ({
  sequence,
  kind: amountCents > 0 ? 'RNW' : 'ADR',
  clientReference,
  cardNumber: '708158123456789',
  amountCents,
  street: '12 Elm Street',
  unit: '',
  city: 'Sudbury',
  province: 'ON',
  postalCode: 'P3A1B2',
});

function dataDir(name: string): string {
  const dir = path.join(root, name);
  writeDataDir(dir, {
    terminals: [],
    journals: [],
    hub: [],
    ministries: [
      { ministryId: 'natural-resources', txId: '01M8A000000000000001', amountCents: 968, reference: 'NR-1' },
    ],
  });
  return dir;
}

describe('the Natural Resources drop folder in reconciliation', () => {
  it('counts open and sealed batches, each detail once, never archived duplicates or rejected batches', () => {
    const dir = dataDir('drop');
    const drop = path.join(dir, 'ministries', 'outdoors', 'drop');
    fs.mkdirSync(path.join(drop, 'rejected'), { recursive: true });
    const open = headerLine('B-OPEN1', '2026-11-29T15:00:00Z') + detailLine(detail(1, '01M8A000000000000002', 0));
    fs.writeFileSync(path.join(drop, 'GUICHET_B-OPEN1.part'), `${open}D|000002|RN`); // cut mid-line by a crash
    const sealed =
      headerLine('B-SEALED', '2026-11-29T14:00:00Z') +
      detailLine(detail(1, '01M8A000000000000003', 968)) +
      // Ingested already and still here: the records hold it, it counts once.
      detailLine(detail(2, '01M8A000000000000001', 968)) +
      trailerLine(2);
    fs.writeFileSync(path.join(drop, 'GUICHET_B-SEALED.DAT'), sealed);
    fs.writeFileSync(
      path.join(drop, 'rejected', 'GUICHET_B-BAD.DAT'),
      headerLine('B-BAD', 'x') + detailLine(detail(1, '01M8A000000000000009', 968)) + trailerLine(1),
    );

    const entries = readMinistries(path.join(dir, 'ministries'));
    expect(entries.map((e) => [e.txId, e.amountCents]).sort()).toEqual([
      ['01M8A000000000000001', 968],
      ['01M8A000000000000002', 0],
      ['01M8A000000000000003', 968],
    ]);
    expect(entries.find((e) => e.txId === '01M8A000000000000003')?.reference).toBe('NR-B-SEALED-000001');
    // Only references and amounts are read: nothing personal leaves the drop file.
    expect(JSON.stringify(entries)).not.toMatch(/708158|Elm|Sudbury|P3A1B2/);
  });

  it('reads no drop folder where there is none', () => {
    const dir = dataDir('no-drop');
    expect(readMinistries(path.join(dir, 'ministries')).map((e) => e.txId)).toEqual(['01M8A000000000000001']);
  });
});
