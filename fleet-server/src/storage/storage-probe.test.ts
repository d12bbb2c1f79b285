// The start-up write probe: storage that cannot be written is refused with STORAGE_UNWRITABLE naming the data
// directory and the reason; writable storage passes and is left unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { openStorage, probeStorage } from './storage-probe';

/** The error `fn` throws, as { code, message }. */
function thrown(fn: () => unknown): { code: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('expected a throw');
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-probe-'));
}

describe('storage probe', () => {
  it('passes on a writable data directory and database, leaving no probe file and the schema unchanged', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const version = db.pragma('user_version', { simple: true }) as number;
    probeStorage(dir, db);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.write-probe'))).toEqual([]);
    db.close();
  });

  it('refuses a database SQLite will not write (read-only connection, which holds for root too)', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const readOnly = new Database(path.join(dir, 'fleet.db'), { readonly: true });
    const error = thrown(() => probeStorage(dir, readOnly));
    expect(error.code).toBe('STORAGE_UNWRITABLE');
    expect(error.message.startsWith(`cannot write the database in data directory ${dir}: SQLITE_READONLY: `)).toBe(
      true,
    );
    readOnly.close();
  });

  it('refuses a data directory that is not a directory, naming it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data');
    fs.writeFileSync(file, 'x');
    const notADir = thrown(() => openStorage(file, openDatabase));
    expect(notADir.code).toBe('STORAGE_UNWRITABLE');
    expect(notADir.message).toContain(`cannot write the database in data directory ${file}: EEXIST`);
    // A directory whose probe file cannot be created (its path is taken by a directory).
    const db = openDatabase(dir);
    fs.mkdirSync(path.join(dir, `.write-probe-${process.pid}`));
    const noFile = thrown(() => probeStorage(dir, db));
    expect(noFile.code).toBe('STORAGE_UNWRITABLE');
    expect(noFile.message).toContain(`cannot write a file in data directory ${dir}: EISDIR`);
    db.close();
  });
});
