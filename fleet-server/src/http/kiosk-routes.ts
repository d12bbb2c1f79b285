// Fleet API: kiosks and their live status, target state (out of service), API tokens.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiTokens } from '../registry/api-tokens';
import { ApiRole } from '../registry/api-tokens';
import type { FleetMonitor } from '../telemetry/fleet-monitor';
import type { MaintenanceStore } from '../incidents/maintenance';
import type { TargetStates } from '../link/target-states';
import type { KioskGateway } from '../link/kiosk-gateway';
import { requireRole } from './api-auth';
import { sendError } from './http-errors';

export interface KioskRoutesDeps {
  monitor: FleetMonitor;
  maintenance: Pick<MaintenanceStore, 'isActive' | 'forKiosk'>;
  targets: TargetStates;
  gateway: () => KioskGateway;
  tokens: ApiTokens;
  now: () => Date;
}

const TargetStateBody = z.object({
  mode: z.enum(['in-service', 'out-of-service']),
  reason: z.string().max(200).optional(),
});
const TokenBody = z.object({ role: ApiRole.exclude(['admin']), subject: z.string().min(1).max(100) });

export function createKioskRoutes(deps: KioskRoutesDeps): Router {
  const router = Router();
  const inMaintenance = (kioskId: string) => deps.maintenance.isActive(kioskId, deps.now());

  router.get('/kiosks', (_req, res) => {
    res.json({ kiosks: deps.monitor.views(inMaintenance) });
  });

  router.get('/kiosks/:id', (req, res) => {
    const view = deps.monitor.view(req.params.id, inMaintenance);
    if (!view) return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${req.params.id}`);
    res.json({ kiosk: view, maintenance: deps.maintenance.forKiosk(req.params.id) });
  });

  router.put('/kiosks/:id/target-state', requireRole('admin', 'technician'), (req, res) => {
    const id = String(req.params.id);
    if (!deps.monitor.view(id, inMaintenance)) return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${id}`);
    const body = TargetStateBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'BAD_REQUEST', z.prettifyError(body.error));
    const target = deps.targets.set(id, body.data.mode, body.data.reason);
    deps.gateway().pushTargetState(id, target);
    res.json({ targetState: target });
  });

  router.post('/tokens', requireRole('admin'), (req, res) => {
    const body = TokenBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'BAD_REQUEST', z.prettifyError(body.error));
    const token = deps.tokens.issue(body.data.role, body.data.subject, deps.now());
    res.status(201).json({ token, role: body.data.role, subject: body.data.subject });
  });

  return router;
}
