// Who is asking: the role and scope of the person (session) or machine (API token) behind a request. The auth
// layer sets it once per request; routes read it through principalOf and never look at headers themselves.
import type { Response } from 'express';
import { z } from 'zod';
import { MinistryId } from '@guichet/shared';

/**
 * The people of docs/domain.md "Users": admins run the system; technicians keep kiosks up (optionally bound to one
 * region of sites); ministry analysts read the figures, bound to exactly one ministry's data.
 */
export const Role = z.enum(['admin', 'technician', 'analyst']);
export type Role = z.infer<typeof Role>;
export const ROLES: readonly Role[] = Role.options;

export const Principal = z.object({
  /** A signed-in person (cookie session) or a machine (bearer API token). */
  kind: z.enum(['user', 'token']),
  role: Role,
  /** The user name or the token's subject: what the audit log and "planned by" fields record. */
  subject: z.string(),
  /** A technician bound to one region sees and acts on that region's kiosks only. */
  region: z.string().optional(),
  /** An analyst's ministry: they see that ministry's data only. */
  ministry: MinistryId.optional(),
});
export type Principal = z.infer<typeof Principal>;

const LOCALS_KEY = 'principal';

export function setPrincipal(res: Response, principal: Principal): void {
  (res.locals as Record<string, unknown>)[LOCALS_KEY] = principal;
}

/** The request's principal, or undefined when the route is public or no auth layer ran. */
export function principalOf(res: Response): Principal | undefined {
  return (res.locals as Record<string, unknown>)[LOCALS_KEY] as Principal | undefined;
}

/**
 * The one scope rule: a technician bound to a region sees and acts on that region's kiosks only; everyone else on
 * every kiosk (an analyst's ministry binding scopes money and reports, not kiosks). `region`: the kiosk's site's.
 */
export function canSee(principal: Pick<Principal, 'role' | 'region'>, region: string | null | undefined): boolean {
  if (principal.role !== 'technician' || principal.region === undefined) return true;
  return region === principal.region;
}
