// GET /audit: the audit log for admins, newest first, filtered by time range, actor, target or action, paged by cursor.
import { z } from 'zod';
import { IsoInstant } from '@guichet/shared/sites/sites-file';
import { defineRoute, type ApiRoute } from '../http/api-route';
import { AuditEntry, type AuditLog } from './audit-log';

export const AUDIT_PAGE_MAX = 500;

export function auditRoutes(deps: { audit: AuditLog }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      tag: 'people',
      summary: 'The audit log of human actions, newest first (admins)',
      access: ['admin'],
      query: z.object({
        from: IsoInstant.optional().describe('Entries at or after this instant'),
        to: IsoInstant.optional().describe('Entries before this instant'),
        actor: z.string().min(1).max(100).optional(),
        target: z.string().min(1).max(100).optional(),
        action: z.string().min(1).max(64).optional(),
        cursor: z.coerce.number().int().positive().optional().describe("The previous page's nextCursor"),
        limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
      }),
      responses: {
        200: {
          description: 'A page of entries',
          schema: z.object({ entries: z.array(AuditEntry), nextCursor: z.number().int().nullable() }),
        },
      },
      handler: ({ res, query }) => {
        res.json(
          deps.audit.query({
            ...(query.from ? { from: new Date(query.from) } : {}),
            ...(query.to ? { to: new Date(query.to) } : {}),
            ...(query.actor ? { actor: query.actor } : {}),
            ...(query.target ? { target: query.target } : {}),
            ...(query.action ? { action: query.action } : {}),
            ...(query.cursor ? { before: query.cursor } : {}),
            limit: query.limit,
          }),
        );
      },
    }),
  ];
}
