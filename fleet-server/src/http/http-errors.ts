// One error body for the whole server: {"error":{"code","message","requestId"}} (requestId wherever the request
// context ran: the id in the X-Request-Id header and in the request's log lines, to quote in a support call).
import type { NextFunction, Request, Response } from 'express';
import { isGuichetError } from '@guichet/shared';
import type { Logger } from '../logging/logger';
import { isStorageError } from '../storage/storage-health';
import { requestIdOf, requestLog } from './request-context';

export function sendError(res: Response, status: number, code: string, message: string): void {
  const requestId = requestIdOf(res);
  res.status(status).json({ error: { code, message, ...(requestId === undefined ? {} : { requestId }) } });
}

/** The last handler before errorHandler: an unknown path is a JSON 404 like every other error. */
export function notFound(req: Request, res: Response): void {
  sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${req.path.slice(0, 200)}`);
}

/** What the body parser's client errors (by their `type`) become: a code and a message of our own. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'BAD_JSON', message: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'BODY_TOO_LARGE', message: 'the request body is too large' },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_ENCODING',
    message: 'the request body Content-Encoding is not supported (identity, gzip, deflate or br)',
  },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_CHARSET',
    message: 'the request body charset is not supported (utf-8)',
  },
  'request.size.invalid': { status: 400, code: 'BAD_BODY', message: 'the request body length does not match' },
  'request.aborted': { status: 400, code: 'BAD_BODY', message: 'the request body was cut short' },
};

/**
 * Last express middleware: malformed bodies, undecodable paths and typed errors become clear 4xx answers (a
 * client error is never a 500, and never echoes the library's message); the rest 500.
 */
export function errorHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const requestLogger = requestLog(res, log);
    const e = error as { type?: string; status?: number; message?: string } | undefined;
    const known = e?.type === undefined ? undefined : BODY_ERRORS[e.type];
    if (known) return sendError(res, known.status, known.code, known.message);
    if (error instanceof URIError)
      return sendError(res, 400, 'BAD_PATH', 'the request has a malformed percent-encoding');
    if (isGuichetError(error)) return sendError(res, 400, error.code, error.message);
    if (isStorageError(error)) {
      requestLogger.warn(
        { component: 'http', event: 'storage.request-failed', err: error },
        'request failed on storage',
      );
      return sendError(res, 503, 'STORAGE_UNAVAILABLE', 'the fleet server cannot write its storage now');
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
      return sendError(res, e.status, 'BAD_REQUEST', 'the request is malformed');
    requestLogger.error({ component: 'http', event: 'http.failed', err: error }, 'request failed');
    sendError(res, 500, 'INTERNAL', 'the fleet server could not complete the request');
  };
}
