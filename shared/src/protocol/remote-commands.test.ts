// The remote commands' wire format, by value: what each command and result carries, what is refused, and that a
// result from a kiosk predating `status` still parses.
import { describe, expect, it } from 'vitest';
import { Command, CommandEnvelope, CommandResult, MAX_LOG_EXCERPT_BYTES, RemoteCommand } from './messages';

describe('remote commands on the wire', () => {
  it('parses each command type with its defaults', () => {
    expect(Command.parse({ commandId: 'cmd-1', type: 'restart-runtime' })).toEqual({
      commandId: 'cmd-1',
      type: 'restart-runtime',
    });
    expect(Command.parse({ commandId: 'cmd-2', type: 'reboot' })).toEqual({ commandId: 'cmd-2', type: 'reboot' });
    expect(Command.parse({ commandId: 'cmd-3', type: 'print-test-page' })).toEqual({
      commandId: 'cmd-3',
      type: 'print-test-page',
      lang: 'en',
    });
    expect(Command.parse({ commandId: 'cmd-4', type: 'collect-logs' })).toEqual({
      commandId: 'cmd-4',
      type: 'collect-logs',
      maxBytes: 262_144,
    });
    expect(RemoteCommand.parse({ commandId: 'cmd-5', type: 'collect-logs', maxBytes: 4096 })).toEqual({
      commandId: 'cmd-5',
      type: 'collect-logs',
      maxBytes: 4096,
    });
  });

  it('refuses bad ids, unknown types and out-of-bounds parameters', () => {
    expect(Command.safeParse({ commandId: '../x', type: 'reboot' }).success).toBe(false);
    expect(Command.safeParse({ commandId: 'cmd-1', type: 'format-disk' }).success).toBe(false);
    expect(Command.safeParse({ commandId: 'cmd-1', type: 'print-test-page', lang: 'de' }).success).toBe(false);
    expect(
      Command.safeParse({ commandId: 'cmd-1', type: 'collect-logs', maxBytes: MAX_LOG_EXCERPT_BYTES + 1 }).success,
    ).toBe(false);
    expect(RemoteCommand.safeParse({ commandId: 'c', type: 'send-status-now' }).success).toBe(false);
    // What an older kiosk can still read of a command it does not know: enough to answer it.
    expect(CommandEnvelope.parse({ commandId: 'cmd-9', type: 'format-disk', extra: 1 })).toEqual({
      commandId: 'cmd-9',
      type: 'format-disk',
    });
  });

  it('parses results with status and output, and version-1 results without status', () => {
    const legacy = { kioskId: 'K-001', commandId: 'target-3', ok: true };
    expect(CommandResult.parse(legacy)).toEqual(legacy);
    const page = {
      kioskId: 'K-001',
      commandId: 'cmd-3',
      ok: true,
      status: 'done',
      output: { kind: 'test-page', bytes: 812, confirmation: 'process-id', confirmed: true },
    };
    expect(CommandResult.parse(page)).toEqual(page);
    const failed = {
      kioskId: 'K-001',
      commandId: 'cmd-2',
      ok: false,
      status: 'failed',
      error: { code: 'REBOOT_NOT_CONFIGURED', message: 'no reboot command' },
    };
    expect(CommandResult.parse(failed)).toEqual(failed);
    expect(CommandResult.safeParse({ ...page, status: 'maybe' }).success).toBe(false);
    expect(
      CommandResult.safeParse({
        ...page,
        output: { kind: 'test-page', bytes: 1, confirmation: 'hope', confirmed: true },
      }).success,
    ).toBe(false);
  });

  it('caps a log excerpt at 256 KiB', () => {
    const logs = (text: string) => ({
      kioskId: 'K-001',
      commandId: 'cmd-4',
      ok: true,
      status: 'done',
      output: { kind: 'logs', text, bytes: text.length, lines: 1, truncated: false, redacted: 0 },
    });
    expect(CommandResult.safeParse(logs('{"a":1}\n')).success).toBe(true);
    expect(CommandResult.safeParse(logs('x'.repeat(MAX_LOG_EXCERPT_BYTES + 1))).success).toBe(false);
  });
});
