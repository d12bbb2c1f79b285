// Per-kiosk credentials: issued once (the plaintext is shown once, to whoever enrols the kiosk),
// stored as salted digests, verified on every connection.
import { GuichetError } from '@guichet/shared';
import type { Db } from '../storage/database';
import { hashSecret, MIN_SECRET_LENGTH, newSecret, verifySecret } from './secret-hash';

export class KioskCredentials {
  constructor(private readonly db: Db) {}

  /** Issues (or replaces) the credential of a kiosk and returns its plaintext. */
  issue(kioskId: string, now: Date): string {
    const secret = newSecret();
    this.set(kioskId, secret, now);
    return secret;
  }

  /** Records a credential generated elsewhere (enrolment tooling); it must be long enough to be unguessable. */
  set(kioskId: string, secret: string, now: Date): void {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new GuichetError(
        'CREDENTIAL_TOO_SHORT',
        `a kiosk credential needs at least ${MIN_SECRET_LENGTH} characters of random data`,
      );
    }
    const { salt, hash } = hashSecret(secret);
    this.db
      .prepare(
        'INSERT INTO kiosk_credentials (kiosk_id, salt, hash, issued_at) VALUES (?, ?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, issued_at = excluded.issued_at',
      )
      .run(kioskId, salt, hash, now.toISOString());
  }

  has(kioskId: string): boolean {
    return this.db.prepare('SELECT 1 FROM kiosk_credentials WHERE kiosk_id = ?').get(kioskId) !== undefined;
  }

  verify(kioskId: string, secret: string): boolean {
    const row = this.db.prepare('SELECT salt, hash FROM kiosk_credentials WHERE kiosk_id = ?').get(kioskId) as
      { salt: string; hash: string } | undefined;
    return row !== undefined && verifySecret(secret, row.salt, row.hash);
  }
}
