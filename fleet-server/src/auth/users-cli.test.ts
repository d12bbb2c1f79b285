// `guichet users add|list` as the commander program runs it: the password from stdin (never argv), typed
// refusals as one line and exit status 2, the user able to sign in afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { UserStore } from './user-store';
import { registerUsersCommand } from './users-cli';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const program = new Command('guichet').exitOverride();
  registerUsersCommand(
    program,
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      setExitCode: (c) => (code = c),
    },
    Readable.from([stdin]),
  );
  await program.parseAsync(['node', 'guichet', ...args]);
  return { code, stdout, stderr };
}

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-users-cli-'));
  dirs.push(dir);
  return dir;
}

describe('guichet users', () => {
  it('adds a user with the password read from stdin, who can then sign in', async () => {
    const dir = dataDir();
    const added = await run(
      ['users', 'add', '--data-dir', dir, '--username', 'tina', '--role', 'technician', '--region', 'toronto'],
      'tram stop at dawn 7\nignored second line\n',
    );
    expect(added).toEqual({ code: 0, stdout: 'created user tina (technician, region toronto)\n', stderr: '' });
    const db = openDatabase(dir);
    try {
      const users = new UserStore(db, () => new Date());
      expect(await users.verify('tina', 'tram stop at dawn 7')).toMatchObject({
        role: 'technician',
        region: 'toronto',
      });
    } finally {
      db.close();
    }
    const listed = await run(['users', 'list', '--data-dir', dir], '');
    expect(listed.stdout).toBe('tina (technician, region toronto)\n');
  });

  it('refuses a weak password, an analyst without a ministry and a taken name: one line, exit 2', async () => {
    const dir = dataDir();
    expect(await run(['users', 'add', '--data-dir', dir, '--username', 'root', '--role', 'admin'], 'short\n')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'guichet users: WEAK_PASSWORD: the password must be at least 12 characters\n',
    });
    expect(
      await run(['users', 'add', '--data-dir', dir, '--username', 'ana', '--role', 'analyst'], 'figures every monday'),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: 'guichet users: BAD_USER: ministry: an analyst is bound to one ministry: give ministry\n',
    });
    const add = () =>
      run(['users', 'add', '--data-dir', dir, '--username', 'root', '--role', 'admin'], 'correct horse battery\r\n');
    expect((await add()).code).toBe(0);
    expect(await add()).toEqual({
      code: 2,
      stdout: '',
      stderr: 'guichet users: USER_EXISTS: a user named root exists\n',
    });
  });
});
