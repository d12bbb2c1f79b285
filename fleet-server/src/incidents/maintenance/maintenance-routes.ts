// The maintenance API: POST /kiosks/:id/maintenance plans a window (admins and technicians). Mounted by the
// fleet server at /api/v1 behind its auth middleware; the rules are in maintenance-rules.
import express from 'express';
import { isGuichetError } from '@guichet/shared';
import type { ApiRole } from '../../registry/api-tokens';
import { requireRole } from '../../http/api-auth';
import { sendError } from '../../http/http-errors';
import { validateMaintenancePlan, type MaintenancePlan } from './maintenance-rules';
import type { MaintenanceWindow } from './maintenance-windows';

/** Who may plan (docs/sla-engine.md "API"): people read the figures; only admins and technicians plan. */
export const PLANNERS: ApiRole[] = ['admin', 'technician'];

export interface MaintenanceRouterDeps {
  now: () => Date;
  kioskExists: (kioskId: string) => boolean;
  store: { plan(kioskId: string, plan: MaintenancePlan): MaintenanceWindow };
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
    const window = deps.store.plan(kioskId, plan);
    res.status(201).json({
      maintenanceId: window.maintenanceId,
      kioskId,
      start: plan.start.toISOString(),
      end: plan.end.toISOString(),
      reason: plan.reason,
    });
  });

  return router;
}
