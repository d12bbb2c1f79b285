import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_SECRET_FILE, loadHubSecret } from './hub-secret';
import { detailsDigest, digestsEqual } from './details-digest';
import { changeOfAddress, sticker } from '../test-support/hub-test-data';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-secret-'));
  dirs.push(dir);
  return dir;
};

describe('hub secret and details digest', () => {
  it('generates a secret once, readable only by its owner, and reads the same one after a restart', () => {
    const dir = tempDir();
    const first = loadHubSecret(dir);
    expect(first.length).toBe(64);
    expect(fs.statSync(path.join(dir, HUB_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadHubSecret(dir).equals(first)).toBe(true);
    expect(loadHubSecret(tempDir()).equals(first)).toBe(false);
  });

  it('prefers a configured secret and refuses a short one', () => {
    const dir = tempDir();
    expect(loadHubSecret(dir, 'x'.repeat(32)).toString()).toBe('x'.repeat(32));
    expect(fs.existsSync(path.join(dir, HUB_SECRET_FILE))).toBe(false);
    expect(() => loadHubSecret(dir, 'short')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }) as Error);
  });

  it('gives equal details equal digests whatever their key order, and differs by secret and by any field', () => {
    const a = Buffer.from('a'.repeat(32));
    const b = Buffer.from('b'.repeat(32));
    const details = changeOfAddress();
    const reordered = JSON.parse(
      JSON.stringify(Object.fromEntries(Object.entries(details).reverse())),
    ) as typeof details;
    expect(detailsDigest(a, reordered)).toBe(detailsDigest(a, details));
    expect(detailsDigest(b, details)).not.toBe(detailsDigest(a, details));
    expect(digestsEqual(detailsDigest(a, sticker('CBXR 123')), detailsDigest(a, sticker('CBXR 124')))).toBe(false);
    expect(detailsDigest(a, details)).not.toContain('9876543210');
  });
});
