// The console's remote command bodies (web/console/src/kiosk/command-kinds.ts, written out for the browser bundle)
// must be what the fleet API accepts: every kind the console offers passes CommandRequest.
import { describe, expect, it } from 'vitest';
import { CommandRequest } from '../commands/command-rules';
import { COMMAND_KINDS, commandBody, type CommandKind } from '../../web/console/src/kiosk/command-kinds';

describe('console command bodies', () => {
  it('are accepted by the fleet API for every kind, language and reason', () => {
    for (const kind of Object.keys(COMMAND_KINDS) as CommandKind[])
      for (const [lang, reason] of [
        ['en', ''],
        ['fr', ' Screen cracked '],
      ] as const)
        expect(CommandRequest.safeParse(commandBody(kind, lang, reason)).success, `${kind} ${lang}`).toBe(true);
  });
});
