// The maintenance API: POST /kiosks/:id/maintenance plans a window, DELETE /kiosks/:id/maintenance/:maintenanceId
// cancels one (admins and technicians, recorded with the token's subject). Mounted by the fleet server at /api/v1
// behind its auth middleware; the rules are in maintenance-rules.
import express from 'express';
import { isGuichetError } from '@guichet/shared';
import type { ApiPrincipal, ApiRole } from '../../registry/api-tokens';
import { requireRole } from '../../http/api-auth';
import { sendError } from '../../http/http-errors';
import { validateMaintenancePlan, type MaintenancePlan } from './maintenance-rules';
import type { MaintenanceWindow } from './maintenance-windows';

/** Who may plan (docs/sla-engine.md "API"): people read the figures; only admins and technicians plan. */
export const PLANNERS: ApiRole[] = ['admin', 'technician'];

export interface MaintenanceRouterDeps {
  now: () => Date;
  kioskExists: (kioskId: string) => boolean;
  store: {
    plan(kioskId: string, plan: MaintenancePlan, plannedBy: string): MaintenanceWindow;
    cancel(kioskId: string, maintenanceId: string, now: Date, cancelledBy: string): MaintenanceWindow;
  };
}

/** The HTTP status of each refusal to cancel. */
const CANCEL_REFUSALS: Record<string, number> = {
  MAINTENANCE_UNKNOWN: 404,
  MAINTENANCE_OVER: 409,
  MAINTENANCE_ALREADY_CANCELLED: 409,
};

function windowBody(window: MaintenanceWindow) {
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

/** Who is asking: the subject of the token the auth middleware accepted. */
function subject(res: express.Response): string {
  return (res.locals.auth as ApiPrincipal).subject;
}

export function createMaintenanceRouter(deps: MaintenanceRouterDeps): express.Router {
  const router = express.Router();

  router.post('/kiosks/:id/maintenance', requireRole(...PLANNERS), express.json(), (req, res) => {
    const kioskId = String(req.params.id);
    if (!deps.kioskExists(kioskId)) {
      sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${kioskId} in the registry`);
      return;
    }
    let plan: MaintenancePlan;
    try {
      plan = validateMaintenancePlan(req.body, deps.now());
    } catch (error) {
      if (!isGuichetError(error)) throw error;
      sendError(res, 400, error.code, error.message);
      return;
    }
    res.status(201).json(windowBody(deps.store.plan(kioskId, plan, subject(res))));
  });

  router.delete('/kiosks/:id/maintenance/:maintenanceId', requireRole(...PLANNERS), (req, res) => {
    const kioskId = String(req.params.id);
    if (!deps.kioskExists(kioskId)) {
      sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${kioskId} in the registry`);
      return;
    }
    try {
      res.json(windowBody(deps.store.cancel(kioskId, String(req.params.maintenanceId), deps.now(), subject(res))));
    } catch (error) {
      if (!isGuichetError(error) || CANCEL_REFUSALS[error.code] === undefined) throw error;
      sendError(res, CANCEL_REFUSALS[error.code]!, error.code, error.message);
    }
  });

  return router;
}
