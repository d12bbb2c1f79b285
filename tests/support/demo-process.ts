// The demo (`npm start`) as a child process, for the demo test and the start-up benchmark: spawn it on a
// free port in a fresh data directory, read the printed token, wait for the whole network to be online.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually } from '@guichet/shared/test-support/eventually';
import { api } from './fleet-harness';

const repo = path.resolve(import.meta.dirname, '../..');
export const DEMO_KIOSKS = 70;

export interface DemoProcess {
  child: ChildProcess;
  port: number;
  stdout(): string;
}

/** Starts the demo; `settings` adds variables such as GUICHET_DEMO_KIOSKS or GUICHET_DEMO_TRAFFIC. */
export function spawnDemo(dataDir: string, settings: Record<string, string> = {}): DemoProcess {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), GUICHET_DATA_DIR: dataDir };
  delete env.GUICHET_ADMIN_TOKEN;
  delete env.GUICHET_SITES_FILE;
  delete env.GUICHET_DEMO_KIOSKS;
  delete env.GUICHET_DEMO_TRAFFIC;
  // Any free port for the first kiosk's screen: demos of parallel tests must not race for the default one.
  env.GUICHET_DEMO_SCREEN_PORT = '0';
  Object.assign(env, settings);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'provisioning/src/demo/start-demo.ts')], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return { child, port, stdout: () => stdout };
}

/** The admin token the demo prints once its fleet server is up. */
export function demoToken(demo: DemoProcess): Promise<string> {
  return eventually('printed token', () => /Admin API token:\s+(\S+)/.exec(demo.stdout())?.[1], {
    timeoutMs: 30_000,
  });
}

/** Resolves once every demo kiosk (`kiosks` of them: GUICHET_DEMO_KIOSKS) shows online in the fleet API. */
export function allDemoKiosksOnline(demo: DemoProcess, token: string, kiosks = DEMO_KIOSKS): Promise<number> {
  return eventually(
    `${kiosks} kiosks online`,
    async () => {
      const res = await api<{ kiosks: Array<{ status: string }> }>(`http://127.0.0.1:${demo.port}`, '/api/v1/kiosks', {
        token,
      });
      const n = res.body.kiosks.filter((k) => k.status === 'online').length;
      return res.body.kiosks.length === kiosks && n === kiosks && n;
    },
    { timeoutMs: 60_000, everyMs: 100 },
  );
}

/** Ctrl-C, then the exit code. */
export function stopDemo(demo: DemoProcess): Promise<number | null> {
  if (demo.child.exitCode !== null) return Promise.resolve(demo.child.exitCode);
  const exited = new Promise<number | null>((resolve) => demo.child.once('exit', (code) => resolve(code)));
  demo.child.kill('SIGINT');
  return exited;
}
