// Per-kiosk credentials: issued once (the plaintext is shown once, to whoever enrols the kiosk),
// stored as salted scrypt hashes, verified on every connection.
import type { Db } from '../storage/database';
import { hashCredential, newSecret, verifyCredential } from './secret-hash';

export class KioskCredentials {
  private readonly cache = new Map<string, boolean>();

  constructor(private readonly db: Db) {}

  /** Issues (or replaces) the credential of a kiosk and returns its plaintext. */
  issue(kioskId: string, now: Date): string {
    const secret = newSecret();
    this.set(kioskId, secret, now);
    return secret;
  }

  /** Records a credential chosen elsewhere (enrolment tooling, demo seed). */
  set(kioskId: string, secret: string, now: Date): void {
    const { salt, hash } = hashCredential(secret);
    this.db
      .prepare('INSERT INTO kiosk_credentials (kiosk_id, salt, hash, issued_at) VALUES (?, ?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, issued_at = excluded.issued_at')
      .run(kioskId, salt, hash, now.toISOString());
    for (const key of this.cache.keys()) if (key.startsWith(`${kioskId}\u0000`)) this.cache.delete(key);
  }

  has(kioskId: string): boolean {
    return this.db.prepare('SELECT 1 FROM kiosk_credentials WHERE kiosk_id = ?').get(kioskId) !== undefined;
  }

  verify(kioskId: string, secret: string): boolean {
    // Reconnect storms of a whole fleet would otherwise cost one scrypt each; cache successes only.
    const key = `${kioskId}\u0000${secret}`;
    if (this.cache.get(key)) return true;
    const row = this.db.prepare('SELECT salt, hash FROM kiosk_credentials WHERE kiosk_id = ?').get(kioskId) as { salt: string; hash: string } | undefined;
    const ok = row !== undefined && verifyCredential(secret, row.salt, row.hash);
    if (ok) this.cache.set(key, true);
    return ok;
  }
}
