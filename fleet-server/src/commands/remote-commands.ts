// Remote commands on the fleet side: each one durable in SQLite (remote_commands) from the request on, sent over
// the kiosk link when the kiosk is connected and again at each welcome until it is acknowledged, expired when its
// time to wait is up (command-rules.ts), and finished by the kiosk's command.result. Out of service on/off is the
// target state: the command only records the request; the target state delivers it.
import crypto from 'node:crypto';
import { z } from 'zod';
import { CommandOutput, RemoteCommand, type Command, type CommandResult, type TargetState } from '@guichet/shared';
import type { Db } from '../storage/database';
import type { Logger } from '../logging/logger';
import {
  CommandState,
  expiryOf,
  hasExpired,
  isDeliverable,
  resultStatus,
  stateAfterResult,
  type CommandRequest,
  type FleetCommandType,
} from './command-rules';

/** A command as the API shows it; a log excerpt is a link, never inline. */
export const CommandView = z.object({
  commandId: z.string(),
  kioskId: z.string(),
  type: z.string(),
  params: z.record(z.string(), z.unknown()),
  state: CommandState,
  requestedBy: z.string(),
  requestedRole: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** How many times it was emitted to the kiosk (at the request, then at each welcome until acknowledged). */
  deliveries: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  output: z.record(z.string(), z.unknown()).optional(),
  /** Where to download the log excerpt of a finished collect-logs. */
  logsUrl: z.string().optional(),
});
export type CommandView = z.infer<typeof CommandView>;

interface CommandRow {
  command_id: string;
  kiosk_id: string;
  type: FleetCommandType;
  params: string;
  state: CommandState;
  requested_by: string;
  requested_role: string;
  created_at: string;
  expires_at: string | null;
  sent_at: string | null;
  acknowledged_at: string | null;
  finished_at: string | null;
  deliveries: number;
  error_code: string | null;
  error_message: string | null;
  output: string | null;
}

export interface RemoteCommandsDeps {
  db: Db;
  now: () => Date;
  log: Logger;
  /** Emits a command to the kiosk if it is connected now; false when it is not. */
  deliver: (kioskId: string, command: Command) => boolean;
  /** Out of service on/off: sets the target state and pushes it (the PUT target-state route's path). */
  setTargetState: (kioskId: string, mode: TargetState['mode'], reason: string | undefined) => TargetState;
}

const SET_MODE_TYPES: readonly FleetCommandType[] = ['out-of-service', 'in-service'];
const TARGET_COMMAND_ID = /^target-(\d+)$/;
const OUTPUT_OF: Partial<Record<FleetCommandType, CommandOutput['kind']>> = {
  'print-test-page': 'test-page',
  'collect-logs': 'logs',
};

export class RemoteCommands {
  constructor(private readonly deps: RemoteCommandsDeps) {}

  /** Records a technician's command and sends it now if the kiosk is connected. */
  send(kioskId: string, request: CommandRequest, by: { subject: string; role: string }): CommandView {
    const now = this.deps.now();
    const commandId = `cmd-${crypto.randomUUID()}`;
    const { type, ...params } = request;
    const expiresAt = expiryOf(type, now);
    const row: CommandRow = {
      command_id: commandId,
      kiosk_id: kioskId,
      type,
      params: JSON.stringify(params),
      state: 'queued',
      requested_by: by.subject,
      requested_role: by.role,
      created_at: now.toISOString(),
      expires_at: expiresAt?.toISOString() ?? null,
      sent_at: null,
      acknowledged_at: null,
      finished_at: null,
      deliveries: 0,
      error_code: null,
      error_message: null,
      output: null,
    };
    this.deps.db
      .prepare(
        `INSERT INTO remote_commands (command_id, kiosk_id, type, params, state, requested_by, requested_role,
           created_at, expires_at) VALUES (@command_id, @kiosk_id, @type, @params, @state, @requested_by,
           @requested_role, @created_at, @expires_at)`,
      )
      .run(row);
    this.deps.log.info(
      { component: 'remote-commands', event: 'command.requested', kioskId, commandId, type, by: by.subject },
      'remote command requested',
    );
    if (request.type === 'out-of-service' || request.type === 'in-service') {
      const target = this.deps.setTargetState(kioskId, request.type, request.reason);
      this.deps.db
        .prepare('UPDATE remote_commands SET params = ? WHERE command_id = ?')
        .run(JSON.stringify({ ...params, targetVersion: target.version }), commandId);
      // The target state was pushed if the kiosk is connected; its answer (or the next welcome) finishes this.
    } else {
      this.emit(this.row(commandId)!, now);
    }
    return this.view(this.row(commandId)!);
  }

  /** The kiosk said hello and was welcomed with `targetVersion`: settle set-mode commands, resend the rest. */
  onWelcome(kioskId: string, targetVersion: number): void {
    const now = this.deps.now();
    this.settleTargetCommands(kioskId, targetVersion, now);
    this.expireDue(kioskId);
    for (const row of this.open(kioskId)) {
      if (SET_MODE_TYPES.includes(row.type)) continue;
      if (isDeliverable(row.state, dateOrUndefined(row.expires_at), now)) this.emit(row, now);
    }
  }

  /** A kiosk's command.result (already checked to be from this kiosk). */
  onResult(kioskId: string, result: CommandResult): void {
    const now = this.deps.now();
    const target = TARGET_COMMAND_ID.exec(result.commandId);
    if (target) {
      if (result.ok) this.settleTargetCommands(kioskId, Number(target[1]), now);
      return;
    }
    const row = this.row(result.commandId);
    if (!row || row.kiosk_id !== kioskId) {
      this.deps.log.warn(
        { component: 'remote-commands', event: 'command.result-unknown', kioskId, commandId: result.commandId },
        'a result for a command this kiosk was not sent',
      );
      return;
    }
    const status = resultStatus(result);
    const next = stateAfterResult(row.state, row.sent_at !== null, status);
    if (!next) return;
    const at = now.toISOString();
    // Only the output this command can have (a kiosk cannot attach logs to a restart).
    const expected = OUTPUT_OF[row.type];
    const output =
      result.output && result.output.kind === expected ? this.keepOutput(row.command_id, result.output, at) : null;
    this.deps.db
      .prepare(
        `UPDATE remote_commands SET state = @state,
           acknowledged_at = COALESCE(acknowledged_at, @at),
           finished_at = CASE WHEN @final THEN @at ELSE finished_at END,
           error_code = @errorCode, error_message = @errorMessage, output = COALESCE(@output, output)
         WHERE command_id = @commandId`,
      )
      .run({
        state: next,
        at,
        final: next === 'acknowledged' ? 0 : 1,
        errorCode: status === 'failed' ? (result.error?.code ?? 'COMMAND_FAILED') : null,
        errorMessage: status === 'failed' ? (result.error?.message ?? 'the kiosk reported a failure') : null,
        output,
        commandId: row.command_id,
      });
    this.deps.log.info(
      {
        component: 'remote-commands',
        event: 'command.' + next,
        kioskId,
        commandId: row.command_id,
        type: row.type,
        ...(status === 'failed' ? { code: result.error?.code } : {}),
      },
      `remote command ${next}`,
    );
  }

  /** Marks the commands whose time ran out before their kiosk took them; returns how many. */
  expireDue(kioskId?: string): number {
    const now = this.deps.now();
    let count = 0;
    for (const row of kioskId ? this.open(kioskId) : this.allOpen()) {
      if (!hasExpired(row.state, dateOrUndefined(row.expires_at), now)) continue;
      this.deps.db
        .prepare(`UPDATE remote_commands SET state = 'expired', finished_at = ? WHERE command_id = ?`)
        .run(now.toISOString(), row.command_id);
      this.deps.log.warn(
        { component: 'remote-commands', event: 'command.expired', kioskId: row.kiosk_id, commandId: row.command_id },
        'remote command expired before its kiosk took it',
      );
      count++;
    }
    return count;
  }

  list(kioskId: string, limit = 100): CommandView[] {
    this.expireDue(kioskId);
    const rows = this.deps.db
      .prepare('SELECT * FROM remote_commands WHERE kiosk_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(kioskId, limit) as CommandRow[];
    return rows.map((row) => this.view(row));
  }

  get(kioskId: string, commandId: string): CommandView | undefined {
    this.expireDue(kioskId);
    const row = this.row(commandId);
    return row && row.kiosk_id === kioskId ? this.view(row) : undefined;
  }

  /** The log excerpt a collect-logs brought back (newline-separated JSON lines). */
  logs(kioskId: string, commandId: string): string | undefined {
    const row = this.deps.db
      .prepare(
        `SELECT l.text FROM remote_command_logs l JOIN remote_commands c USING (command_id)
         WHERE c.command_id = ? AND c.kiosk_id = ?`,
      )
      .get(commandId, kioskId) as { text: string } | undefined;
    return row?.text;
  }

  private emit(row: CommandRow, now: Date): void {
    const command = RemoteCommand.parse({ commandId: row.command_id, type: row.type, ...parseParams(row.params) });
    if (!this.deps.deliver(row.kiosk_id, command)) return;
    this.deps.db
      .prepare(
        `UPDATE remote_commands SET deliveries = deliveries + 1, sent_at = COALESCE(sent_at, ?),
           state = CASE WHEN state = 'queued' THEN 'sent' ELSE state END WHERE command_id = ?`,
      )
      .run(now.toISOString(), row.command_id);
  }

  /** Set-mode commands whose target version the kiosk now has (or a newer one, which supersedes it) are done. */
  private settleTargetCommands(kioskId: string, version: number, now: Date): void {
    for (const row of this.open(kioskId)) {
      if (!SET_MODE_TYPES.includes(row.type)) continue;
      const targetVersion = (parseParams(row.params) as { targetVersion?: number }).targetVersion;
      if (targetVersion === undefined || targetVersion > version) continue;
      const at = now.toISOString();
      this.deps.db
        .prepare(
          `UPDATE remote_commands SET state = 'done', sent_at = COALESCE(sent_at, @at),
             acknowledged_at = COALESCE(acknowledged_at, @at), finished_at = @at, deliveries = deliveries + 1
           WHERE command_id = @commandId`,
        )
        .run({ at, commandId: row.command_id });
    }
  }

  /** Stores a log excerpt apart (downloadable), and returns the output to keep on the command without its text. */
  private keepOutput(commandId: string, output: CommandOutput, at: string): string {
    if (output.kind !== 'logs') return JSON.stringify(output);
    const { text, ...summary } = output;
    this.deps.db
      .prepare(
        `INSERT INTO remote_command_logs (command_id, text, received_at) VALUES (?, ?, ?)
         ON CONFLICT(command_id) DO NOTHING`,
      )
      .run(commandId, text, at);
    return JSON.stringify(summary);
  }

  private row(commandId: string): CommandRow | undefined {
    return this.deps.db.prepare('SELECT * FROM remote_commands WHERE command_id = ?').get(commandId) as
      CommandRow | undefined;
  }

  private open(kioskId: string): CommandRow[] {
    return this.deps.db
      .prepare(
        `SELECT * FROM remote_commands WHERE kiosk_id = ? AND state IN ('queued', 'sent', 'acknowledged')
         ORDER BY created_at, rowid`,
      )
      .all(kioskId) as CommandRow[];
  }

  private allOpen(): CommandRow[] {
    return this.deps.db
      .prepare(`SELECT * FROM remote_commands WHERE state IN ('queued', 'sent') ORDER BY created_at, rowid`)
      .all() as CommandRow[];
  }

  private view(row: CommandRow): CommandView {
    const output = row.output ? (JSON.parse(row.output) as Record<string, unknown>) : undefined;
    return {
      commandId: row.command_id,
      kioskId: row.kiosk_id,
      type: row.type,
      params: parseParams(row.params),
      state: row.state,
      requestedBy: row.requested_by,
      requestedRole: row.requested_role,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      sentAt: row.sent_at,
      acknowledgedAt: row.acknowledged_at,
      finishedAt: row.finished_at,
      deliveries: row.deliveries,
      ...(row.error_code ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
      ...(output ? { output } : {}),
      ...(output?.kind === 'logs'
        ? { logsUrl: `/api/v1/kiosks/${encodeURIComponent(row.kiosk_id)}/commands/${row.command_id}/logs` }
        : {}),
    };
  }
}

function parseParams(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

function dateOrUndefined(iso: string | null): Date | undefined {
  return iso === null ? undefined : new Date(iso);
}
