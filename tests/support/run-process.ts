// Test support: run a command (or the `guichet` binary, node provisioning/bin/guichet.js) as a real process and
// collect its exit code and output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GUICHET_BIN = path.join(REPO_ROOT, 'provisioning/bin/guichet.js');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` in the repository root with `stdin` as its input (and `env`, default this process's); killed after 20 s. */
export function runProcess(
  command: string,
  args: string[],
  stdin = '',
  env?: NodeJS.ProcessEnv,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

export function runGuichet(args: string[], stdin?: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [GUICHET_BIN, ...args], stdin);
}
