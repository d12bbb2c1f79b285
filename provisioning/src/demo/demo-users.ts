// The demo's people: an admin, a technician (Toronto region) and a transportation analyst, with generated
// passwords kept in the data directory (mode 600) so a restarted demo prints the same ones.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { NewUser, UserStore } from '@guichet/fleet-server/auth/user-store';

export const DEMO_USERS: readonly NewUser[] = [
  { username: 'admin', role: 'admin' },
  { username: 'tech', role: 'technician', region: 'toronto' },
  { username: 'analyst', role: 'analyst', ministry: 'transportation' },
];

export interface DemoUser {
  user: NewUser;
  password: string;
}

/** Creates the demo users that are missing, resets a password the file does not know, and returns them all. */
export async function ensureDemoUsers(users: UserStore, passwordsFile: string): Promise<DemoUser[]> {
  const known: Record<string, string> = fs.existsSync(passwordsFile)
    ? (JSON.parse(fs.readFileSync(passwordsFile, 'utf8')) as Record<string, string>)
    : {};
  const result: DemoUser[] = [];
  for (const user of DEMO_USERS) {
    let password = known[user.username];
    if (!users.get(user.username)) {
      password ??= crypto.randomBytes(12).toString('base64url');
      await users.create(user, password);
    } else if (password === undefined || !(await users.verify(user.username, password))) {
      password = crypto.randomBytes(12).toString('base64url');
      await users.setPassword(user.username, password);
      if (users.get(user.username)?.disabledAt) users.setDisabled(user.username, false);
    }
    known[user.username] = password;
    result.push({ user, password });
  }
  fs.writeFileSync(passwordsFile, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
  return result;
}
