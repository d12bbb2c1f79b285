// Every line key the hub and its ministry adapters put on a quote or commit has an English and French label in
// the kiosk's catalog (TX_LINE_LABELS), so the screen and receipt never fall back to a neutral label for them.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { isTxLineLabel } from '@guichet/shared';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

it('labels every line key the hub and the adapters emit, in both languages', () => {
  const keys = new Set(
    sources(import.meta.dirname).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/label: '([a-zA-Z.-]+)'/g)].map((m) => m[1]!),
    ),
  );
  for (const key of ['vehicles.plate', 'fines.ticket', 'ministry.reference', 'tx.delivery-refused', 'tx.total'])
    expect(keys).toContain(key);
  expect([...keys].filter((key) => !isTxLineLabel(key))).toEqual([]);
});
