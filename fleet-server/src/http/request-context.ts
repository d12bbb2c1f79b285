// Per-request context: an id (the caller's X-Request-Id when it is a safe short token, else a fresh one) echoed in
// the answer, a child logger that stamps it on every line of the request, and one access-log line at the end with
// method, route template, status and duration — never the URL (its query may carry personal data) or any header.
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logging/logger';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Letters, digits and `._:-`, 1–64 characters: safe to echo in a header, a log line and a JSON body. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's request id if it is a safe short token, else undefined (a fresh one is generated). */
export function safeRequestId(header: string | undefined): string | undefined {
  return header !== undefined && SAFE_REQUEST_ID.test(header) ? header : undefined;
}

/** What the end of a request reports to metrics. */
export interface FinishedRequest {
  method: string;
  /** The route template (`/api/v1/kiosks/:id`), or `other`: never the path itself (ids, cardinality). */
  route: string;
  status: number;
  seconds: number;
  /** False when the client went away before the answer was complete. */
  completed: boolean;
}

export interface RequestContextOptions {
  log: Logger;
  /** The route template of a path (see routeTemplates). */
  routeOf: (path: string) => string;
  /** A monotonic clock in milliseconds (performance.now; injected by tests). */
  monotonicMs: () => number;
  onFinished?: (request: FinishedRequest) => void;
  /** Templates logged at debug when they succeed (probes and scrapes every few seconds would drown the log). */
  quietRoutes?: ReadonlySet<string>;
}

interface RequestLocals {
  requestId?: string;
  log?: Logger;
}

/** Methods the metrics name; anything else (the HTTP parser accepts a few dozen) is counted as OTHER. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function requestContext(options: RequestContextOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = options.monotonicMs();
    const requestId = safeRequestId(req.get(REQUEST_ID_HEADER)) ?? crypto.randomUUID();
    const log = options.log.child({ requestId });
    const locals = res.locals as RequestLocals;
    locals.requestId = requestId;
    locals.log = log;
    res.set(REQUEST_ID_HEADER, requestId);
    let reported = false;
    const report = () => {
      if (reported) return;
      reported = true;
      const finished: FinishedRequest = {
        method: KNOWN_METHODS.has(req.method) ? req.method : 'OTHER',
        route: options.routeOf(pathOf(req.originalUrl)),
        status: res.statusCode,
        seconds: Math.max(0, options.monotonicMs() - started) / 1000,
        completed: res.writableFinished,
      };
      const quiet = finished.status < 400 && (options.quietRoutes?.has(finished.route) ?? false);
      log[quiet ? 'debug' : 'info'](
        {
          component: 'http',
          event: 'http.request',
          method: finished.method,
          route: finished.route,
          status: finished.status,
          durationMs: Math.round(finished.seconds * 1_000_000) / 1000,
          ...(finished.completed ? {} : { aborted: true }),
        },
        'request',
      );
      options.onFinished?.(finished);
    };
    res.once('finish', report);
    res.once('close', report);
    next();
  };
}

/** The request's id (undefined outside requestContext, e.g. a route file's own test app). */
export function requestIdOf(res: Response): string | undefined {
  return (res.locals as RequestLocals).requestId;
}

/** The request's logger, whose lines carry its id; `fallback` outside requestContext. */
export function requestLog(res: Response, fallback: Logger): Logger {
  return (res.locals as RequestLocals).log ?? fallback;
}

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * A matcher from a request path to its route template, from express-style templates (`/api/v1/kiosks/:id`). A
 * template with fewer parameters wins (`/kiosks/summary` before `/kiosks/:id`); trailing slash and case are
 * ignored as express ignores them. Unmatched paths are `other`.
 */
export function routeTemplates(templates: Iterable<string>): (path: string) => string {
  const unique = [...new Set(templates)];
  const params = (t: string) => (t.match(/:[A-Za-z0-9_]+/g) ?? []).length;
  const compiled = unique
    .sort((a, b) => params(a) - params(b))
    .map((template) => ({
      template,
      pattern: new RegExp(
        `^${template
          .split('/')
          .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/')}/?$`,
        'i',
      ),
    }));
  return (path) => compiled.find((c) => c.pattern.test(path))?.template ?? 'other';
}
