// Fleet API: remote commands to one kiosk — send (restart, reboot, test page, logs, out of service on/off), list
// with their states, one command, and the log excerpt a collect-logs brought back. Admins and technicians; a
// technician bound to a region acts on that region's kiosks only. Every command sent is audited.
import { z } from 'zod';
import type { Response } from 'express';
import { canSee, type Principal } from '../auth/principal';
import { defineRoute, type ApiRoute } from '../http/api-route';
import type { AuditRecorder } from '../audit/audit-log';
import { auditWho } from '../audit/audit-actor';
import { sendError } from '../http/http-errors';
import { KioskParams } from '../http/route-params';
import { CommandRequest } from './command-rules';
import { CommandView, type RemoteCommands } from './remote-commands';

export interface CommandRoutesDeps {
  commands: Pick<RemoteCommands, 'send' | 'list' | 'get' | 'logs'>;
  /** The kiosk's site region (undefined: a site without one); null when there is no such kiosk. */
  kioskRegion: (kioskId: string) => string | undefined | null;
  /** Records who sent which command (the audit log). */
  audit?: AuditRecorder;
}

const CommandParams = KioskParams.extend({
  commandId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
    .describe('The command id, e.g. cmd-…'),
});

const WHO = ['admin', 'technician'] as const;

/** 404 for no such kiosk, 403 for a technician of another region; true when the principal may act on it. */
function mayActOn(deps: CommandRoutesDeps, res: Response, principal: Principal | undefined, kioskId: string): boolean {
  const region = deps.kioskRegion(kioskId);
  if (region === null) {
    sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${kioskId}`);
    return false;
  }
  if (principal && !canSee(principal, region)) {
    sendError(res, 403, 'REGION_FORBIDDEN', `kiosk ${kioskId} is not in your region (${principal.region})`);
    return false;
  }
  return true;
}

export function commandRoutes(deps: CommandRoutesDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/kiosks/:id/commands',
      tag: 'commands',
      summary:
        'Send a remote command to a kiosk: restart-runtime, reboot (expire after 5 min unsent), print-test-page, ' +
        'collect-logs (1 h), out-of-service / in-service (the target state, never expires)',
      access: WHO,
      params: KioskParams,
      body: CommandRequest,
      badBodyCode: 'COMMAND_INVALID',
      responses: {
        202: {
          description: 'Recorded (and sent if the kiosk is connected)',
          schema: z.object({ command: CommandView }),
        },
        404: { description: 'No such kiosk' },
      },
      handler: ({ req, res, params, body, principal }) => {
        if (!mayActOn(deps, res, principal, params.id)) return;
        const who = principal!;
        const command = deps.commands.send(params.id, body, { subject: who.subject, role: who.role });
        deps.audit?.record({
          ...auditWho(who, req),
          action: 'command.send',
          target: params.id,
          // Flat facts only: the parameters as JSON (a language, a size), never anything personal.
          details: { commandId: command.commandId, type: command.type, params: JSON.stringify(command.params ?? {}) },
        });
        res.status(202).json({ command });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/kiosks/:id/commands',
      tag: 'commands',
      summary: "A kiosk's remote commands, newest first, with their states",
      access: WHO,
      params: KioskParams,
      responses: {
        200: { description: 'The commands', schema: z.object({ commands: z.array(CommandView) }) },
        404: { description: 'No such kiosk' },
      },
      handler: ({ res, params, principal }) => {
        if (!mayActOn(deps, res, principal, params.id)) return;
        res.json({ commands: deps.commands.list(params.id) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/kiosks/:id/commands/:commandId',
      tag: 'commands',
      summary: 'One remote command: state, result code, output (a collect-logs gives a logsUrl)',
      access: WHO,
      params: CommandParams,
      responses: {
        200: { description: 'The command', schema: z.object({ command: CommandView }) },
        404: { description: 'No such kiosk or command' },
      },
      handler: ({ res, params, principal }) => {
        if (!mayActOn(deps, res, principal, params.id)) return;
        const command = deps.commands.get(params.id, params.commandId);
        if (!command) return sendError(res, 404, 'COMMAND_UNKNOWN', `no command ${params.commandId} for ${params.id}`);
        res.json({ command });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/kiosks/:id/commands/:commandId/logs',
      tag: 'commands',
      summary: 'The log excerpt a collect-logs brought back (pino JSON lines, no personal data)',
      access: WHO,
      params: CommandParams,
      responses: {
        200: { description: 'Log lines as NDJSON', contentType: 'application/x-ndjson', schema: z.string() },
        404: { description: 'No such kiosk, command or logs' },
      },
      handler: ({ res, params, principal }) => {
        if (!mayActOn(deps, res, principal, params.id)) return;
        const text = deps.commands.logs(params.id, params.commandId);
        if (text === undefined)
          return sendError(res, 404, 'LOGS_UNKNOWN', `no logs for command ${params.commandId} of ${params.id}`);
        res
          .type('application/x-ndjson')
          .setHeader('content-disposition', `attachment; filename="${params.id}-${params.commandId}.log"`);
        res.send(text);
      },
    }),
  ];
}
