// The hub's secret for the details digest: GUICHET_HUB_SECRET when set, else a random 256-bit secret generated
// once and kept in the data directory (mode 0600), so digests of open quotes survive a restart.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GuichetError } from '@guichet/shared';

export const HUB_SECRET_FILE = 'hub-secret';

export function loadHubSecret(dataDir: string, configured?: string): Buffer {
  if (configured !== undefined) {
    if (configured.length < 32)
      throw new GuichetError('CONFIG_INVALID', 'GUICHET_HUB_SECRET must be at least 32 characters');
    return Buffer.from(configured, 'utf8');
  }
  const file = path.join(dataDir, HUB_SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new GuichetError('HUB_SECRET_INVALID', `${file} holds no usable secret`);
  return Buffer.from(secret, 'utf8');
}
