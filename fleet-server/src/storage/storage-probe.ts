// The start-up refusal: before listening, the fleet server proves it can write both its data directory (a file
// created, synced and removed) and its database (a committed write), so storage it cannot write ends the start
// with one line naming the directory and the reason, not a crash at the first kiosk's hello.
import fs from 'node:fs';
import path from 'node:path';
import { GuichetError } from '@guichet/shared';
import type { Db } from './database';
import { storageErrorCode } from './storage-health';

export const STORAGE_UNWRITABLE = 'STORAGE_UNWRITABLE';

function unwritable(dataDir: string, what: string, error: unknown): GuichetError {
  const reason = error instanceof Error ? error.message : String(error);
  return new GuichetError(
    STORAGE_UNWRITABLE,
    `cannot write ${what} in data directory ${dataDir}: ${storageErrorCode(error)}: ${reason}`,
    { cause: error },
  );
}

/** Opens the database with `open`, turning any failure into STORAGE_UNWRITABLE naming the directory. */
export function openStorage(dataDir: string, open: (dir: string) => Db): Db {
  try {
    return open(dataDir);
  } catch (error) {
    throw unwritable(dataDir, 'the database', error);
  }
}

/** Throws STORAGE_UNWRITABLE unless a file in `dataDir` and a committed write to `db` both succeed. */
export function probeStorage(dataDir: string, db: Db): void {
  const probe = path.join(dataDir, `.write-probe-${process.pid}`);
  try {
    const fd = fs.openSync(probe, 'w');
    try {
      fs.writeSync(fd, 'probe');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.unlinkSync(probe);
  } catch (error) {
    throw unwritable(dataDir, 'a file', error);
  }
  try {
    // Rewriting user_version with its own value is a real committed write of the header, and changes nothing.
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      db.pragma(`user_version = ${version}`);
    }).immediate();
  } catch (error) {
    throw unwritable(dataDir, 'the database', error);
  }
}
