// The incidents API: the queue (sorted by time left on the SLA clock), one incident with its history, the
// technicians' actions on it, restock tasks, and an admin's clearing of a decommissioned kiosk's faults. Analysts
// read; admins and technicians act; a technician bound to a region gets 404 for another region's incidents.
import { z } from 'zod';
import { isGuichetError } from '@guichet/shared';
import { IsoInstant } from '@guichet/shared/sites/sites-file';
import { ROLES, type Role } from '../auth/principal';
import { PrintableText } from '../auth/token-routes';
import { actorOf } from '../audit/audit-actor';
import { defineRoute, type ApiRoute } from '../http/api-route';
import { sendError } from '../http/http-errors';
import { KioskParams } from '../http/route-params';
import type { Response } from 'express';
import { NoteText, REFUSAL_STATUS } from './incident-rules';
import { IncidentDetail, IncidentFilter, IncidentView, type IncidentService } from './incident-service';
import { RestockTask } from './restock/restock-tasks';

/** People who act on incidents; analysts only read them. */
export const RESPONDERS: readonly Role[] = ['admin', 'technician'];

const IncidentParams = z.object({
  incidentId: z
    .string()
    .regex(/^.{1,64}-\d{1,15}$/, 'an incident id is <kioskId>-<detectedAt in ms>')
    .describe('The incident id: <kioskId>-<detectedAt epoch ms>, e.g. K-001-1795123200000'),
});
const TaskParams = z.object({ taskId: z.string().min(1).max(100).describe('The task id, e.g. R-K-001-1795123200000') });

const Since = IsoInstant.optional().describe(
  'Incidents (tasks) no longer open are listed when repaired (closed) since then; default 30 days ago',
);

/** Runs an action; the service's typed refusals become their HTTP status, anything else goes to the error handler. */
function refuse(res: Response, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!isGuichetError(error) || REFUSAL_STATUS[error.code] === undefined) throw error;
    res.status(REFUSAL_STATUS[error.code]!).json({
      error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    });
  }
}

const Refusals = {
  404: { description: 'No such incident (or not in your region)' },
  409: { description: 'Refused: INCIDENT_RESOLVED, INCIDENT_ALREADY_ACKNOWLEDGED, INCIDENT_STILL_FAULTED' },
};

export function incidentRoutes(deps: { incidents: IncidentService }): ApiRoute[] {
  const { incidents } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/incidents',
      tag: 'incidents',
      summary:
        'The incident queue: open incidents by time left on the repair clock (breached first), then repaired ones',
      access: ROLES,
      query: z.object({
        status: IncidentFilter.optional().describe(
          'active (default: open or repaired, not resolved), open, repaired, resolved, all',
        ),
        since: Since,
        kioskId: z.string().min(1).max(64).optional(),
      }),
      responses: { 200: { description: 'The incidents', schema: z.object({ incidents: z.array(IncidentView) }) } },
      handler: ({ res, query, principal }) => {
        res.json({
          incidents: incidents.list(principal!, {
            ...(query.status ? { status: query.status } : {}),
            ...(query.since ? { since: new Date(query.since) } : {}),
            ...(query.kioskId ? { kioskId: query.kioskId } : {}),
          }),
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/incidents/:incidentId',
      tag: 'incidents',
      summary: 'One incident: its faults, repair clock, human state, notes and history',
      access: ROLES,
      params: IncidentParams,
      responses: { 200: { description: 'The incident', schema: IncidentDetail }, 404: Refusals[404] },
      handler: ({ res, params, principal }) => {
        const incident = incidents.get(principal!, params.incidentId);
        if (!incident) return sendError(res, 404, 'INCIDENT_UNKNOWN', `no incident ${params.incidentId}`);
        res.json(incident);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/incidents/:incidentId/acknowledge',
      tag: 'incidents',
      summary: 'Acknowledge an incident (someone is on it: the alerts stop escalating)',
      access: RESPONDERS,
      params: IncidentParams,
      responses: { 200: { description: 'The incident', schema: IncidentDetail }, ...Refusals },
      handler: ({ req, res, params, principal }) =>
        refuse(res, () => {
          res.json(incidents.acknowledge(principal!, actorOf(principal!, req), params.incidentId));
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/incidents/:incidentId/assign',
      tag: 'incidents',
      summary: 'Assign an incident to a technician by user name (null unassigns)',
      access: RESPONDERS,
      params: IncidentParams,
      body: z.object({ assignee: PrintableText.nullable() }),
      responses: { 200: { description: 'The incident', schema: IncidentDetail }, ...Refusals },
      handler: ({ req, res, params, body, principal }) =>
        refuse(res, () => {
          res.json(incidents.assign(principal!, actorOf(principal!, req), params.incidentId, body.assignee));
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/incidents/:incidentId/notes',
      tag: 'incidents',
      summary: 'Add a note (what was seen or done; no personal data)',
      access: RESPONDERS,
      params: IncidentParams,
      body: z.object({ text: NoteText }),
      responses: { 200: { description: 'The incident', schema: IncidentDetail }, ...Refusals },
      handler: ({ req, res, params, body, principal }) =>
        refuse(res, () => {
          res.json(incidents.addNote(principal!, actorOf(principal!, req), params.incidentId, body.text));
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/incidents/:incidentId/resolve',
      tag: 'incidents',
      summary: 'Resolve a repaired incident with its resolution note (409 INCIDENT_STILL_FAULTED while faulted)',
      access: RESPONDERS,
      params: IncidentParams,
      body: z.object({ resolution: NoteText }),
      responses: { 200: { description: 'The incident', schema: IncidentDetail }, ...Refusals },
      handler: ({ req, res, params, body, principal }) =>
        refuse(res, () => {
          res.json(incidents.resolve(principal!, actorOf(principal!, req), params.incidentId, body.resolution));
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/tasks',
      tag: 'incidents',
      summary: 'Restock tasks (printer paper near-end), the oldest first',
      access: ROLES,
      query: z.object({
        status: z.enum(['open', 'closed', 'all']).optional().describe('open (default), closed, all'),
        since: Since,
      }),
      responses: { 200: { description: 'The tasks', schema: z.object({ tasks: z.array(RestockTask) }) } },
      handler: ({ res, query, principal }) => {
        res.json({
          tasks: incidents.tasks(principal!, query.status ?? 'open', query.since ? new Date(query.since) : undefined),
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/:taskId/close',
      tag: 'incidents',
      summary: 'Close a restock task (restocked by hand; paper back to ok closes it by itself)',
      access: RESPONDERS,
      params: TaskParams,
      responses: {
        200: { description: 'The task', schema: RestockTask },
        404: { description: 'No such task (or not in your region)' },
        409: { description: 'TASK_CLOSED' },
      },
      handler: ({ req, res, params, principal }) =>
        refuse(res, () => {
          res.json(incidents.closeTask(principal!, actorOf(principal!, req), params.taskId));
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/kiosks/:id/clear-faults',
      tag: 'incidents',
      summary: "Clear a decommissioned kiosk's open faults (fault.cleared events) and resolve its open incidents",
      access: ['admin'],
      params: KioskParams,
      body: z.object({ reason: PrintableText }),
      responses: {
        200: {
          description: 'The faults cleared and incidents resolved',
          schema: z.object({ clearedFaults: z.array(z.string()), resolvedIncidents: z.array(z.string()) }),
        },
        404: { description: 'No such kiosk' },
        409: { description: 'KIOSK_NOT_DECOMMISSIONED or KIOSK_NO_OPEN_FAULTS' },
      },
      handler: ({ req, res, params, body, principal }) =>
        refuse(res, () => {
          res.json(incidents.clearDecommissioned(principal!, actorOf(principal!, req), params.id, body.reason));
        }),
    }),
  ];
}
