// Fleet API: API tokens for machines, issued by admins with a role, its scope and an expiry; listed without
// their secrets, revoked by id.
import { z } from 'zod';
import { MinistryId } from '@guichet/shared';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, type ApiTokens } from '../registry/api-tokens';
import { defineRoute, type ApiRoute } from '../http/api-route';
import { sendError } from '../http/http-errors';
import type { Logger } from '../logging/logger';
import { Role } from './principal';
import { PrintableText } from './printable-text';
import type { AuditRecorder } from '../audit/audit-log';
import { auditWho } from '../audit/audit-actor';

export { PrintableText } from './printable-text';

const TokenBody = z
  .object({
    role: Role.exclude(['admin']),
    subject: PrintableText,
    region: PrintableText.optional(),
    ministry: MinistryId.optional(),
    /** Days until the token stops working (default 90, at most 365). */
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
  })
  .refine((b) => b.role !== 'analyst' || b.ministry !== undefined, {
    message: 'an analyst token is bound to one ministry: give ministry',
    path: ['ministry'],
  })
  .refine((b) => b.role === 'analyst' || b.ministry === undefined, {
    message: 'only analyst tokens are bound to a ministry',
    path: ['ministry'],
  })
  .refine((b) => b.role === 'technician' || b.region === undefined, {
    message: 'only technician tokens are bound to a region',
    path: ['region'],
  });

const TokenInfo = z.object({
  id: z.string(),
  role: Role,
  subject: z.string(),
  region: z.string().optional(),
  ministry: MinistryId.optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  lastUsedAt: z.string().optional(),
});

export function tokenRoutes(deps: {
  tokens: ApiTokens;
  now: () => Date;
  log?: Logger;
  audit?: AuditRecorder;
}): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/tokens',
      tag: 'people',
      summary: 'Issue an API token for a machine (shown once), valid expiresInDays days (default 90, at most 365)',
      access: ['admin'],
      body: TokenBody,
      responses: {
        201: {
          description: 'The token, shown only in this answer, with its id (to revoke it) and expiry',
          schema: z.object({
            token: z.string(),
            id: z.string(),
            role: Role,
            subject: z.string(),
            region: z.string().optional(),
            ministry: MinistryId.optional(),
            expiresAt: z.string(),
          }),
        },
      },
      handler: ({ req, res, body, principal }) => {
        const { role, subject, region, ministry, expiresInDays } = body;
        const scope = { ...(region ? { region } : {}), ...(ministry ? { ministry } : {}) };
        const issued = deps.tokens.issueToken(role, subject, deps.now(), scope, expiresInDays);
        deps.log?.info(
          { component: 'auth', event: 'token.issued', by: principal!.subject, tokenId: issued.id, role },
          'API token issued',
        );
        deps.audit?.record({
          ...auditWho(principal!, req),
          action: 'token.issue',
          target: issued.id,
          details: { subject, role, region: region ?? null, ministry: ministry ?? null, expiresInDays },
        });
        res.status(201).json({
          token: issued.token,
          id: issued.id,
          role,
          subject,
          ...scope,
          expiresAt: issued.expiresAt.toISOString(),
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/tokens',
      tag: 'people',
      summary: 'List the issued API tokens (never their secrets), expired ones included until revoked',
      access: ['admin'],
      responses: { 200: { description: 'Every issued token', schema: z.object({ tokens: z.array(TokenInfo) }) } },
      handler: ({ res }) => {
        res.json({ tokens: deps.tokens.list() });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/tokens/:tokenId',
      tag: 'people',
      summary: 'Revoke an API token: it stops working at once',
      access: ['admin'],
      params: z.object({ tokenId: z.string().regex(/^tok_[0-9a-f]{16}$/) }),
      responses: {
        204: { description: 'Revoked' },
        404: { description: 'TOKEN_NOT_FOUND' },
      },
      handler: ({ req, res, params, principal }) => {
        if (!deps.tokens.revoke(params.tokenId))
          return sendError(res, 404, 'TOKEN_NOT_FOUND', `no token ${params.tokenId}`);
        deps.log?.info(
          { component: 'auth', event: 'token.revoked', by: principal!.subject, tokenId: params.tokenId },
          'API token revoked',
        );
        deps.audit?.record({ ...auditWho(principal!, req), action: 'token.revoke', target: params.tokenId });
        res.status(204).end();
      },
    }),
  ];
}
