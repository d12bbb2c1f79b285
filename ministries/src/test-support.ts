// Helpers for tests of the simulators and their adapters: valid transaction ids and throwaway data directories.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A valid 20-character Crockford base32 transaction id, distinct per `sequence`. */
export function testTxId(sequence: number): string {
  return `01KB${String(sequence).padStart(16, '0')}`;
}

export function tempDataDir(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `guichet-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
