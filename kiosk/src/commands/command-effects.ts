// The side effects of remote commands, injected so tests never end the test process: restarting the runtime
// (exit with a status the service manager restarts on) and rebooting (a configured command, spawned with an
// argv array — never a shell string).
import { spawn } from 'node:child_process';
import { GuichetError } from '@guichet/shared';

/**
 * The exit status of a runtime restart asked by the fleet: EX_TEMPFAIL (75). The systemd unit restarts the kiosk
 * on it (`Restart=on-failure`, or `RestartForceExitStatus=75` with `Restart=no`); docs/OPERATIONS.md has the unit.
 */
export const RESTART_EXIT_CODE = 75;

export interface CommandEffects {
  /** Ends this runtime so its supervisor starts it again (in the in-process demo: reconnects the link). */
  restartRuntime(): void | Promise<void>;
  /** Runs the configured reboot command; resolves with its exit status. Absent: reboot is not configured. */
  reboot?: () => Promise<number>;
}

/**
 * Parses GUICHET_REBOOT_COMMAND: words separated by spaces, the first an absolute path (no PATH lookup), no quotes,
 * no shell syntax. `/usr/bin/systemctl reboot` → ['/usr/bin/systemctl', 'reboot']. Empty: not configured.
 */
export function parseRebootCommand(text: string | undefined): readonly string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const argv = text.trim().split(/\s+/);
  if (!argv[0]!.startsWith('/'))
    throw new GuichetError(
      'CONFIG_INVALID',
      'the reboot command must start with an absolute path, e.g. /usr/bin/systemctl reboot',
    );
  const bad = argv.find((word) => /["'`$\\;&|<>(){}*?!~]/.test(word));
  if (bad !== undefined)
    throw new GuichetError(
      'CONFIG_INVALID',
      `the reboot command is run without a shell: "${bad}" has a character a shell would interpret (quotes, $, ;, |, …)`,
    );
  return argv;
}

/** Spawns argv (no shell) and resolves with its exit status; a command that cannot start rejects REBOOT_FAILED. */
export function spawnCommand(argv: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', shell: false });
    child.once('error', (error) =>
      reject(new GuichetError('REBOOT_FAILED', `cannot run ${argv[0]}: ${error.message}`, { cause: error })),
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
