// `guichet users add|list --data-dir DIR`: people's accounts from the fleet server's host, so a deployment can
// create its first admin without a bootstrap token. The password is read from stdin (never argv, which other
// users of the host can see in the process list); bad input is one line on stderr and exit status 2.
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { openDatabase } from '../storage/database';
import type { CommandIo } from '../sla/cli';
import { processIo } from '../sla/cli';
import { UserStore, type NewUser } from './user-store';

export const EXIT_BAD_INPUT = 2;

export interface UsersAddOptions {
  dataDir: string;
  username: string;
  role: string;
  region?: string;
  ministry?: string;
}

/** The first line of `input` (the password), without its line ending; an empty string when there is none. */
export async function readFirstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Reads a line from a terminal without echoing it (raw mode): Enter ends it, Backspace erases, Ctrl-C aborts. */
function readHiddenLine(input: Readable & { setRawMode?: (raw: boolean) => unknown }): Promise<string> {
  input.setRawMode?.(true);
  return new Promise((resolve, reject) => {
    let line = '';
    const done = (finish: () => void) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      finish();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(line));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
        line = ch === '\u007f' || ch === '\b' ? line.slice(0, -1) : line + ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

function describe(user: { username: string; role: string; region?: string; ministry?: string }): string {
  const scope = user.region ? `, region ${user.region}` : user.ministry ? `, ministry ${user.ministry}` : '';
  return `${user.username} (${user.role}${scope})`;
}

/** Creates the user in the data directory's database; typed refusals (BAD_USER, WEAK_PASSWORD, USER_EXISTS) throw. */
export async function addUser(options: UsersAddOptions, password: string, now = new Date()): Promise<string> {
  const db = openDatabase(options.dataDir);
  try {
    const user = await new UserStore(db, () => now).create(
      {
        username: options.username,
        role: options.role,
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.ministry === undefined ? {} : { ministry: options.ministry }),
      } as NewUser,
      password,
    );
    return `created user ${describe(user)}`;
  } finally {
    db.close();
  }
}

export function listUsers(dataDir: string): string[] {
  const db = openDatabase(dataDir);
  try {
    return new UserStore(db, () => new Date())
      .list()
      .map((u) => `${describe(u)}${u.disabledAt ? ` disabled since ${u.disabledAt}` : ''}`);
  } finally {
    db.close();
  }
}

export function registerUsersCommand(
  program: Command,
  io: CommandIo = processIo,
  stdin: Readable & { isTTY?: boolean } = process.stdin,
): void {
  const users = program
    .command('users')
    .description("People who sign in to the fleet console (the fleet server's data)");
  const dataDirOption = [
    '--data-dir <dir>',
    'the fleet server data directory',
    process.env.GUICHET_DATA_DIR || './data',
  ];
  const fail = (error: unknown) => {
    if (!isGuichetError(error)) throw error;
    io.stderr(`guichet users: ${error.code}: ${error.message}\n`);
    io.setExitCode(EXIT_BAD_INPUT);
  };
  users
    .command('add')
    .description('Create a user; the password is read from stdin (one line)')
    .option(dataDirOption[0]!, dataDirOption[1], dataDirOption[2])
    .requiredOption('--username <name>', 'lower-case letters, digits, . _ - @')
    .requiredOption('--role <role>', 'admin, technician or analyst')
    .option('--region <region>', 'a technician bound to one region of sites')
    .option('--ministry <ministry>', "an analyst's ministry (e.g. transportation)")
    .action(async (options: UsersAddOptions) => {
      let password: string;
      if (stdin.isTTY) {
        io.stderr(`Password for ${options.username} (not shown, then Enter): `);
        password = await readHiddenLine(stdin);
        io.stderr('\n');
      } else password = await readFirstLine(stdin);
      try {
        io.stdout(`${await addUser(options, password)}\n`);
      } catch (error) {
        fail(error);
      }
    });
  users
    .command('list')
    .description('List the users (never their passwords)')
    .option(dataDirOption[0]!, dataDirOption[1], dataDirOption[2])
    .action((options: { dataDir: string }) => {
      for (const line of listUsers(options.dataDir)) io.stdout(`${line}\n`);
    });
}
