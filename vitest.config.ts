import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace. Two cores: keep parallelism modest so socket and
// pseudo-terminal tests are not starved of CPU.
export default defineConfig({
  test: {
    include: ['{shared,drivers,ministries,kiosk,fleet-server,provisioning,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // expect.poll waits on real I/O (a browser's next screen, a socket's answer): 1 s, vitest's default, is too
    // short on two shared cores under a full run (CI saw a quote screen arrive later). Still a deadline, not a sleep.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 30_000,
  },
});
