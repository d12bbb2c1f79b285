// The console's remote command kinds (pure): bodies, confirmations, states under way.
import { describe, expect, it } from 'vitest';
import { COMMAND_KINDS, commandBody, isUnderWay, testPageResultKey, type CommandKind } from './command-kinds';

describe('console remote commands', () => {
  it('builds the bodies of the fleet API (command-rules.ts; console-command-bodies.test.ts checks them there)', () => {
    expect(commandBody('print-test-page', 'fr', '')).toEqual({ type: 'print-test-page', lang: 'fr' });
    expect(commandBody('out-of-service', 'en', '  Screen cracked ')).toEqual({
      type: 'out-of-service',
      reason: 'Screen cracked',
    });
    expect(commandBody('out-of-service', 'en', '  ')).toEqual({ type: 'out-of-service' });
  });

  it('asks first for what interrupts the kiosk only', () => {
    const confirmed = (Object.keys(COMMAND_KINDS) as CommandKind[]).filter((k) => COMMAND_KINDS[k].confirm);
    expect(confirmed.sort()).toEqual(['out-of-service', 'reboot', 'restart-runtime']);
  });

  it('says a command is under way until it is done, failed or expired', () => {
    expect(
      ['queued', 'sent', 'acknowledged', 'done', 'failed', 'expired'].map((state) =>
        isUnderWay({ state: state as never }),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });
});

describe('testPageResultKey', () => {
  it('says how a finished test page was confirmed, and nothing for anything else', () => {
    const page = (confirmed: boolean) => ({ kind: 'test-page', confirmation: 'process-id', confirmed });
    expect(testPageResultKey({ state: 'done', output: page(true) })).toBe('commands.testPage.confirmed');
    expect(testPageResultKey({ state: 'done', output: page(false) })).toBe('commands.testPage.unconfirmed');
    expect(testPageResultKey({ state: 'sent' })).toBeUndefined();
    expect(testPageResultKey({ state: 'done', output: { kind: 'logs' } })).toBeUndefined();
  });
});
