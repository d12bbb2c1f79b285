// The UI's two catalogs say the same things: every key in English exists in French and vice versa, and no
// translation is left empty where the other language has text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ui/src/locales');

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value as Record<string, unknown>).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)),
  ) as Record<string, string>;
}

describe('UI catalogs', () => {
  it('have the same keys in English and French, filled alike', () => {
    const en = flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, 'en.json'), 'utf8')));
    const fr = flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, 'fr.json'), 'utf8')));
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(fr[key] === '', key).toBe(en[key] === '');
    expect(en['lang.switch']).toBe('Français');
    expect(fr['lang.switch']).toBe('English');
  });
});
