// The `guichet` binary end to end (a real `node provisioning/bin/guichet.js` process): `guichet sla` prints the
// fixture's report on stdout with exit status 0 and refuses bad input with one line on stderr and exit status 2.
// The command's other cases run in-process in fleet-server/src/sla/cli.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectReportsClose } from '@guichet/fleet-server/test-support/report-comparison';
import { REPO_ROOT, runGuichet } from '../support/run-guichet';

const SEED1 = join(REPO_ROOT, 'tests/fixtures/sla/nov-2026-seed1');
const PERIOD = ['--from', '2026-11-01T04:00:00Z', '--to', '2026-12-01T05:00:00Z'];
const scratch = mkdtempSync(join(tmpdir(), 'guichet-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the guichet binary', () => {
  it('prints the SLA report of the fixture as JSON, exit 0', async () => {
    const run = await runGuichet([
      'sla',
      '--sites',
      join(SEED1, 'sites.json'),
      '--events',
      join(SEED1, 'events.jsonl'),
      ...PERIOD,
      '--clock',
      'wall',
      '--threshold',
      '0.95',
      '--repair-minutes',
      '90',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectReportsClose(JSON.parse(run.stdout), JSON.parse(readFileSync(join(SEED1, 'expected-wall.json'), 'utf8')));
  });

  it('refuses bad input with one line naming file and line, exit 2', async () => {
    const events = join(scratch, 'events.jsonl');
    const lines = readFileSync(join(SEED1, 'events.jsonl'), 'utf8').split('\n');
    lines[4] = lines[4]!.replace('"fault.', '"flt.');
    writeFileSync(events, lines.join('\n'));
    const run = await runGuichet(['sla', '--sites', join(SEED1, 'sites.json'), '--events', events, ...PERIOD]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^guichet sla: ${events}:5: unknown event type "flt\\.[a-z]+"[^\\n]*\\n$`));
  });
});
