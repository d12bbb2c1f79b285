// The remote commands the console offers (pure): each kind's request body for POST /api/v1/kiosks/:id/commands
// (fleet-server/src/commands/command-rules.ts CommandRequest), whether it needs a confirmation first (it interrupts
// the kiosk), and which states of a command mean it is still under way.
export type CommandKind =
  'print-test-page' | 'collect-logs' | 'restart-runtime' | 'reboot' | 'out-of-service' | 'in-service';

/** The button order: harmless first. Restart, reboot and out of service interrupt whoever is at the kiosk. */
export const COMMAND_KINDS: Record<CommandKind, { confirm: boolean }> = {
  'print-test-page': { confirm: false },
  'collect-logs': { confirm: false },
  'in-service': { confirm: false },
  'restart-runtime': { confirm: true },
  reboot: { confirm: true },
  'out-of-service': { confirm: true },
};

export type CommandState = 'queued' | 'sent' | 'acknowledged' | 'done' | 'failed' | 'expired';

/** The fields of the fleet API's CommandView (fleet-server/src/commands/remote-commands.ts) the console reads. */
export interface CommandView {
  commandId: string;
  kioskId: string;
  type: string;
  state: CommandState;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  error?: { code: string; message: string };
  /** What a finished command brought back (a test page: how the printer confirmed it). */
  output?: { kind: string; confirmation?: string; confirmed?: boolean };
  logsUrl?: string;
}

/**
 * The words of a finished test page's result (an i18n key): printed and confirmed by the printer itself, or sent
 * to a printer that cannot confirm a page (status only, docs of the printer driver); undefined for anything else.
 */
export function testPageResultKey(command: Pick<CommandView, 'state' | 'output'>): string | undefined {
  if (command.state !== 'done' || command.output?.kind !== 'test-page') return undefined;
  return command.output.confirmed ? 'commands.testPage.confirmed' : 'commands.testPage.unconfirmed';
}

export function commandBody(kind: CommandKind, lang: 'en' | 'fr', reason: string): Record<string, string> {
  if (kind === 'print-test-page') return { type: kind, lang };
  if (kind === 'out-of-service' || kind === 'in-service')
    return reason.trim() ? { type: kind, reason: reason.trim() } : { type: kind };
  return { type: kind };
}

export const isUnderWay = (command: Pick<CommandView, 'state'>): boolean =>
  command.state === 'queued' || command.state === 'sent' || command.state === 'acknowledged';
