// Authentication of the fleet API: a bearer API token (machines). Without a bootstrap admin token configured the
// API refuses every request (like a database with no admin password set). The route table checks roles.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { setPrincipal, type Principal } from '../auth/principal';
import type { ApiTokens } from '../registry/api-tokens';
import { sendError } from './http-errors';

/** The principal of the request's `Authorization: Bearer …` token; undefined without one, or a wrong one. */
export function bearerPrincipal(tokens: ApiTokens, req: Request): Principal | undefined {
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
    setPrincipal(res, principal);
    next();
  };
}
