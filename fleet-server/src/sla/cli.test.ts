// `guichet sla` end to end (docs/sla.md "The `sla` command"): a real `node provisioning/bin/guichet.js` process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectReportsClose } from './test-support/report-comparison';
import { REPO_ROOT, runGuichet } from './run-guichet';

const ROOT = REPO_ROOT;
const SEED1 = join(ROOT, 'tests/fixtures/sla/nov-2026-seed1');
const PERIOD = ['--from', '2026-11-01T04:00:00Z', '--to', '2026-12-01T05:00:00Z'];
const scratch = mkdtempSync(join(tmpdir(), 'guichet-sla-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('guichet sla', () => {
  it('prints the fixture report as JSON with the wall-clock options', async () => {
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

  it('rejects an unknown event type with one line naming file and line, exit 2', async () => {
    const events = join(scratch, 'events.jsonl');
    const lines = readFileSync(join(SEED1, 'events.jsonl'), 'utf8').split('\n');
    lines[4] = lines[4]!.replace('"fault.', '"flt.');
    writeFileSync(events, lines.join('\n'));
    const run = await runGuichet(['sla', '--sites', join(SEED1, 'sites.json'), '--events', events, ...PERIOD]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^guichet sla: ${events}:5: unknown event type "flt\\.[a-z]+"[^\\n]*\\n$`));
  });

  it('rejects a bad timezone, an unreadable file and a reversed period with exit 2', async () => {
    const sites = join(scratch, 'sites.json');
    writeFileSync(
      sites,
      readFileSync(join(SEED1, 'sites.json'), 'utf8').replace('"America/Winnipeg"', '"America/Winipeg"'),
    );
    const bad = await runGuichet(['sla', '--sites', sites, '--events', join(SEED1, 'events.jsonl'), ...PERIOD]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      new RegExp(`^guichet sla: ${sites}:\\d+: site lib-kenora has a bad timezone "America/Winipeg"`),
    );
    const missing = await runGuichet([
      'sla',
      '--sites',
      join(scratch, 'nope.json'),
      '--events',
      join(SEED1, 'events.jsonl'),
      ...PERIOD,
    ]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('nope.json: cannot read the file (ENOENT)');
    const reversed = await runGuichet([
      'sla',
      '--sites',
      join(SEED1, 'sites.json'),
      '--events',
      join(SEED1, 'events.jsonl'),
      '--from',
      '2026-12-01T05:00:00Z',
      '--to',
      '2026-11-01T04:00:00Z',
    ]);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/from .* must be before to/);
  });

  it('documents itself with --help', async () => {
    const help = await runGuichet(['sla', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--repair-minutes');
  });
});
