// Fleet API: API tokens for machines, issued by admins with a role and its scope.
import { z } from 'zod';
import { MinistryId } from '@guichet/shared';
import type { ApiTokens } from '../registry/api-tokens';
import { defineRoute, type ApiRoute } from '../http/api-route';
import { Role } from './principal';

/** Printable text without control characters: a subject is shown in logs, the audit log and the console. */
export const PrintableText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\p{C}]+$/u, 'must be printable text (no control characters)');

const TokenBody = z
  .object({
    role: Role.exclude(['admin']),
    subject: PrintableText,
    region: PrintableText.optional(),
    ministry: MinistryId.optional(),
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

export function tokenRoutes(deps: { tokens: ApiTokens; now: () => Date }): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/tokens',
      tag: 'people',
      summary: 'Issue an API token for a machine (shown once)',
      access: ['admin'],
      body: TokenBody,
      responses: {
        201: {
          description: 'The token, shown only in this answer',
          schema: z.object({ token: z.string(), role: Role, subject: z.string() }),
        },
      },
      handler: ({ res, body }) => {
        const { role, subject, region, ministry } = body;
        const token = deps.tokens.issue(role, subject, deps.now(), {
          ...(region ? { region } : {}),
          ...(ministry ? { ministry } : {}),
        });
        res
          .status(201)
          .json({ token, role, subject, ...(region ? { region } : {}), ...(ministry ? { ministry } : {}) });
      },
    }),
  ];
}
