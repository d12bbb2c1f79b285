// Test support: a serial cable in software (docs/conventions.md) — socat joins two pseudo-terminals, linked
// at paths in a fresh temporary folder. `stop()` ends socat, waits for it, and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PtyPair {
  a: string;
  b: string;
  socat: ChildProcess;
  stop: () => Promise<void>;
}

export async function startPtyPair(names: [string, string] = ['ttyA', 'ttyB']): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-pty-'));
  const a = path.join(dir, names[0]);
  const b = path.join(dir, names[1]);
  const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    // A signalled process keeps exitCode null: check signalCode too, or we would wait for an exit already past.
    if (socat.exitCode === null && socat.signalCode === null) {
      const exited = new Promise((resolve) => socat.once('exit', resolve));
      socat.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 5000 && !(existsSync(a) && existsSync(b)); waited += 25)
    await new Promise((resolve) => setTimeout(resolve, 25));
  if (!existsSync(a) || !existsSync(b)) {
    await stop();
    throw new Error('socat did not create the pty pair (is socat installed?)');
  }
  return { a, b, socat, stop };
}
