// Fleet API: kiosks and their live status, and their target state (out of service on/off).
import { z } from 'zod';
import { TargetState } from '@guichet/shared';
import { canSee, ROLES, type Principal } from '../auth/principal';
import type { FleetMonitor } from '../telemetry/fleet-monitor';
import { KioskView } from '../telemetry/kiosk-status';
import { KioskEventView, TransactionCounts } from '../telemetry/kiosk-activity';
import type { MaintenanceStore } from '../incidents/maintenance';
import { MaintenanceWindowBody } from '../incidents/maintenance';
import type { TargetStates } from '../link/target-states';
import type { KioskGateway } from '../link/kiosk-gateway';
import { defineRoute, type ApiRoute } from './api-route';
import { KioskParams } from './route-params';
import { sendError } from './http-errors';
import type { AuditRecorder } from '../audit/audit-log';
import { auditWho } from '../audit/audit-actor';

export interface KioskRoutesDeps {
  monitor: FleetMonitor;
  maintenance: Pick<MaintenanceStore, 'isActive' | 'forKiosk'>;
  targets: TargetStates;
  gateway: () => KioskGateway;
  now: () => Date;
  /** Where target-state changes are recorded (the fleet server always gives it). */
  audit?: AuditRecorder;
  /** The region of a kiosk's site (a technician bound to a region sees that region's kiosks only). */
  kioskRegion?: (kioskId: string) => string | undefined;
  /** The kiosk's latest events and transaction counts, for its page; absent: not answered. */
  activity?: (kioskId: string) => { recentEvents: KioskEventView[]; transactions: TransactionCounts };
}

const TargetStateBody = z.object({
  mode: z.enum(['in-service', 'out-of-service']),
  reason: z.string().max(200).optional(),
});

export function kioskRoutes(deps: KioskRoutesDeps): ApiRoute[] {
  const inMaintenance = (kioskId: string) => deps.maintenance.isActive(kioskId, deps.now());
  // Out of a region-bound technician's scope looks like absent, as for incidents: ids reveal nothing elsewhere.
  const visible = (principal: Principal | undefined, kioskId: string) =>
    principal !== undefined && canSee(principal, deps.kioskRegion?.(kioskId));
  return [
    defineRoute({
      method: 'get',
      path: '/kiosks',
      tag: 'kiosks',
      summary: 'Every kiosk of the registry with its live status',
      access: ROLES,
      responses: { 200: { description: 'The kiosks', schema: z.object({ kiosks: z.array(KioskView) }) } },
      handler: ({ res, principal }) => {
        res.json({ kiosks: deps.monitor.views(inMaintenance).filter((k) => visible(principal, k.id)) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/kiosks/:id',
      tag: 'kiosks',
      summary: 'One kiosk: live status and maintenance windows',
      access: ROLES,
      params: KioskParams,
      responses: {
        200: {
          description: 'The kiosk',
          schema: z.object({
            kiosk: KioskView,
            maintenance: z.array(MaintenanceWindowBody),
            recentEvents: z.array(KioskEventView).optional(),
            transactions: TransactionCounts.optional(),
          }),
        },
        404: { description: 'No such kiosk' },
      },
      handler: ({ res, params, principal }) => {
        const view = visible(principal, params.id) ? deps.monitor.view(params.id, inMaintenance) : undefined;
        if (!view) return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${params.id}`);
        res.json({ kiosk: view, maintenance: deps.maintenance.forKiosk(params.id), ...deps.activity?.(params.id) });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/kiosks/:id/target-state',
      tag: 'kiosks',
      summary: 'Put a kiosk out of service, or back in service (pushed over its link, kept for its next welcome)',
      access: ['admin', 'technician'],
      params: KioskParams,
      body: TargetStateBody,
      responses: {
        200: { description: 'The new target state', schema: z.object({ targetState: TargetState }) },
        404: { description: 'No such kiosk' },
      },
      handler: ({ req, res, params, body, principal }) => {
        if (!visible(principal, params.id) || !deps.monitor.view(params.id, inMaintenance))
          return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${params.id}`);
        const target = deps.targets.set(params.id, body.mode, body.reason);
        deps.audit?.record({
          ...auditWho(principal!, req),
          action: 'kiosk.target-state',
          target: params.id,
          details: { mode: body.mode },
        });
        deps.gateway().pushTargetState(params.id, target);
        res.json({ targetState: target });
      },
    }),
  ];
}
