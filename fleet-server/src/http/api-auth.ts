// Bearer-token authentication for the fleet API. Without a bootstrap admin token configured the API
// refuses every request (like a database with no admin password set).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiPrincipal, ApiRole, ApiTokens } from '../registry/api-tokens';
import { sendError } from './http-errors';

/** The principal of the request's `Authorization: Bearer …` token; undefined without one, or a wrong one. */
export function bearerPrincipal(tokens: ApiTokens, req: Request): ApiPrincipal | undefined {
  if (!tokens.enabled) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return match ? tokens.authenticate(match[1]!) : undefined;
}

export function requireApiToken(tokens: ApiTokens): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!tokens.enabled) {
      sendError(res, 503, 'API_DISABLED', 'the fleet API is disabled: set GUICHET_ADMIN_TOKEN to enable it');
      return;
    }
    const principal = bearerPrincipal(tokens, req);
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer realm="guichet"');
      sendError(res, 401, 'AUTH_REQUIRED', 'a valid API token is required (Authorization: Bearer …)');
      return;
    }
    res.locals.auth = principal;
    next();
  };
}

export function requireRole(...roles: ApiRole[]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const role = (res.locals.auth as { role?: ApiRole } | undefined)?.role;
    if (!role) {
      // Defensive: a router mounted without requireApiToken in front of it.
      sendError(res, 401, 'AUTH_REQUIRED', 'authentication required');
      return;
    }
    if (!roles.includes(role)) {
      sendError(res, 403, 'FORBIDDEN', `this action needs one of the roles: ${roles.join(', ')}`);
      return;
    }
    next();
  };
}
