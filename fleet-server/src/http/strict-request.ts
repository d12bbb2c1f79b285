// Refuses malformed requests up front with a 400 and the API's error body, before auth or routing: a path whose
// percent-encoding does not decode (`/api/v1/kiosks/%ff`), and a query parameter given twice or as an array
// (`?threshold=0.9&threshold=0.1`, `?threshold[]=0.9`), which a route would otherwise read as absent and answer with its default.
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './http-errors';

export function refuseMalformedPath(req: Request, res: Response, next: NextFunction): void {
  try {
    decodeURIComponent(req.path);
  } catch {
    sendError(res, 400, 'BAD_PATH', 'the request path has a malformed percent-encoding');
    return;
  }
  next();
}

export function refuseRepeatedQuery(req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (typeof value !== 'string' || /[[\]]/.test(name)) {
      sendError(res, 400, 'BAD_QUERY', `query parameter ${JSON.stringify(name)} must be given once, as plain text`);
      return;
    }
  }
  next();
}
