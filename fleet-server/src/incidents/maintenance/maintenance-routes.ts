// The maintenance API: POST /kiosks/:id/maintenance plans a window, DELETE /kiosks/:id/maintenance/:maintenanceId
// cancels one (admins and technicians, recorded with who did it). The rules are in maintenance-rules.
import { z } from 'zod';
import { isGuichetError } from '@guichet/shared';
import { canSee, type Role } from '../../auth/principal';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { sendError } from '../../http/http-errors';
import { KioskParams } from '../../http/route-params';
import { MaintenanceRequest, validateMaintenancePlan, type MaintenancePlan } from './maintenance-rules';
import type { MaintenanceWindow } from './maintenance-windows';
import type { AuditRecorder } from '../../audit/audit-log';
import { auditWho } from '../../audit/audit-actor';

/** Who may plan (docs/sla-engine.md "API"): people read the figures; only admins and technicians plan. */
export const PLANNERS: readonly Role[] = ['admin', 'technician'];

export interface MaintenanceRouterDeps {
  now: () => Date;
  kioskExists: (kioskId: string) => boolean;
  /** The region of a kiosk's site: a technician bound to a region plans for that region's kiosks only. */
  kioskRegion?: (kioskId: string) => string | undefined;
  store: {
    plan(kioskId: string, plan: MaintenancePlan, plannedBy: string): MaintenanceWindow;
    cancel(kioskId: string, maintenanceId: string, now: Date, cancelledBy: string): MaintenanceWindow;
  };
  /** Where plans and cancellations are recorded (the fleet server always gives it). */
  audit?: AuditRecorder;
}

/** The HTTP status of each refusal to cancel. */
const CANCEL_REFUSALS: Record<string, number> = {
  MAINTENANCE_UNKNOWN: 404,
  MAINTENANCE_OVER: 409,
  MAINTENANCE_ALREADY_CANCELLED: 409,
};

export const MaintenanceWindowBody = z.object({
  maintenanceId: z.string(),
  kioskId: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  reason: z.string().nullable(),
  plannedBy: z.string().nullable(),
  cancelledBy: z.string().nullable(),
});

function windowBody(window: MaintenanceWindow): z.infer<typeof MaintenanceWindowBody> {
  return {
    maintenanceId: window.maintenanceId,
    kioskId: window.kioskId,
    start: window.start.toISOString(),
    end: window.end?.toISOString() ?? null,
    reason: window.reason ?? null,
    plannedBy: window.plannedBy ?? null,
    cancelledBy: window.cancelledBy ?? null,
  };
}

export function maintenanceRoutes(deps: MaintenanceRouterDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/kiosks/:id/maintenance',
      tag: 'maintenance',
      summary: 'Plan a maintenance window (at most MAX_MAINTENANCE_DAYS long, not in the past)',
      access: PLANNERS,
      params: KioskParams,
      body: MaintenanceRequest,
      badBodyCode: 'MAINTENANCE_BAD_REQUEST',
      responses: {
        201: { description: 'The window as planned', schema: MaintenanceWindowBody },
        404: { description: 'No such kiosk' },
      },
      handler: ({ req, res, params, body, principal }) => {
        if (!deps.kioskExists(params.id) || !canSee(principal!, deps.kioskRegion?.(params.id)))
          return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${params.id} in the registry`);
        let plan: MaintenancePlan;
        try {
          plan = validateMaintenancePlan(body, deps.now());
        } catch (error) {
          if (!isGuichetError(error)) throw error;
          return sendError(res, 400, error.code, error.message);
        }
        const window = deps.store.plan(params.id, plan, principal!.subject);
        deps.audit?.record({
          ...auditWho(principal!, req),
          action: 'maintenance.plan',
          target: params.id,
          details: {
            maintenanceId: window.maintenanceId,
            start: plan.start.toISOString(),
            end: plan.end.toISOString(),
          },
        });
        res.status(201).json(windowBody(window));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/kiosks/:id/maintenance/:maintenanceId',
      tag: 'maintenance',
      summary: 'Cancel a planned or running maintenance window (a running one ends now)',
      access: PLANNERS,
      params: KioskParams.extend({ maintenanceId: z.string().min(1).max(100) }),
      responses: {
        200: { description: 'The window as cancelled', schema: MaintenanceWindowBody },
        404: { description: 'No such kiosk or window' },
        409: { description: 'The window is already over or cancelled' },
      },
      handler: ({ req, res, params, principal }) => {
        if (!deps.kioskExists(params.id) || !canSee(principal!, deps.kioskRegion?.(params.id)))
          return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${params.id} in the registry`);
        try {
          const window = deps.store.cancel(params.id, params.maintenanceId, deps.now(), principal!.subject);
          deps.audit?.record({
            ...auditWho(principal!, req),
            action: 'maintenance.cancel',
            target: params.id,
            details: { maintenanceId: params.maintenanceId },
          });
          res.json(windowBody(window));
        } catch (error) {
          if (!isGuichetError(error) || CANCEL_REFUSALS[error.code] === undefined) throw error;
          sendError(res, CANCEL_REFUSALS[error.code]!, error.code, error.message);
        }
      },
    }),
  ];
}
