// Ministry source: what each ministry simulator recorded (ministries/src/common/sim-store.ts, table `records`,
// client_reference = txId). Under ministries/: a file per system named for its ministry or its system
// (vehicles → transportation, outdoors → natural-resources, fines-<issuer> → the issuer), or a folder so named
// holding that system's files — the layout startMinistrySimulators writes (ministries/<system>/<system>.sqlite). Amount in cents is what the ministry is owed for the record.
import fs from 'node:fs';
import path from 'node:path';
import { MinistryId } from '@guichet/shared';
import { MinistryEntry } from '../reconciliation-input';
import { CLOSED_SUFFIX, OPEN_SUFFIX, detailReference, readDetails } from '@guichet/ministries/outdoors/batch-file';
import { badInput, listFiles, parseRow, stem, withSqlite } from './sqlite-source';

const SCHEMA = { records: ['client_reference', 'reference', 'amount_cents'] } as const;
const EXTENSIONS = ['.db', '.sqlite'] as const;

/** Legacy system names of the simulators' store files, to the ministry whose system it is. */
export const SYSTEM_MINISTRIES: Record<string, MinistryId> = {
  vehicles: 'transportation',
  health: 'health',
  outdoors: 'natural-resources',
  'fines-attorney-general': 'attorney-general',
  'fines-city-ottawa': 'city-ottawa',
  'fines-city-toronto': 'city-toronto',
};

/** The ministry a file or folder name stands for: its id, or the name of its system; undefined if neither. */
function ministryNamed(name: string): MinistryId | undefined {
  const direct = MinistryId.safeParse(name);
  return direct.success ? direct.data : SYSTEM_MINISTRIES[name];
}

function ministryOfFile(file: string): MinistryId {
  const ministryId = ministryNamed(stem(file));
  if (ministryId) return ministryId;
  throw badInput(`${file}: no ministry is named ${JSON.stringify(stem(file))}`, { file });
}

function readFile(file: string, ministryId: MinistryId): MinistryEntry[] {
  return withSqlite(file, SCHEMA, (db) =>
    (
      db.prepare('SELECT client_reference, reference, amount_cents FROM records ORDER BY rowid').all() as {
        client_reference: string;
        reference: string;
        amount_cents: number;
      }[]
    ).map((row) =>
      parseRow(
        MinistryEntry,
        { ministryId, txId: row.client_reference, amountCents: row.amount_cents, reference: row.reference },
        file,
        `record ${row.reference}`,
      ),
    ),
  );
}

/**
 * Natural Resources receives by file drop: a batch in its drop folder (still open, or sealed and waiting for the
 * nightly run) is delivered — the ministry has it, as its own lookup says — even before the nightly run ingests
 * it into its records. Ingested batches move to archive/ and are read from the records instead; rejected/ ones
 * were not taken. Only the client reference and amount of each detail line are read, never the card or address.
 */
function readDropFolder(folder: string, ministryId: MinistryId): MinistryEntry[] {
  const drop = path.join(folder, 'drop');
  if (!fs.existsSync(drop)) return [];
  return fs
    .readdirSync(drop)
    .filter((name) => name.endsWith(OPEN_SUFFIX) || name.endsWith(CLOSED_SUFFIX))
    .sort()
    .flatMap((name) => {
      const { batchId, details } = readDetails(fs.readFileSync(path.join(drop, name), 'latin1'));
      return details.map((detail) =>
        parseRow(
          MinistryEntry,
          {
            ministryId,
            txId: detail.clientReference,
            amountCents: detail.amountCents,
            reference: detailReference(batchId ?? stem(name), detail.sequence),
          },
          path.join(drop, name),
          `detail ${detail.sequence}`,
        ),
      );
    });
}

export function readMinistries(dir: string): MinistryEntry[] {
  const top = listFiles(dir, EXTENSIONS).flatMap((file) => readFile(file, ministryOfFile(file)));
  const nested = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const folder = path.join(dir, entry.name);
      const ministryId = ministryNamed(entry.name);
      if (!ministryId) throw badInput(`${folder}: no ministry is named ${JSON.stringify(entry.name)}`);
      const recorded = listFiles(folder, EXTENSIONS).flatMap((file) => readFile(file, ministryId));
      // A batch the nightly run ingested but had not yet moved is in both: its records count once.
      const known = new Set(recorded.map((entry) => entry.txId));
      return [...recorded, ...readDropFolder(folder, ministryId).filter((entry) => !known.has(entry.txId))];
    });
  return [...top, ...nested];
}
