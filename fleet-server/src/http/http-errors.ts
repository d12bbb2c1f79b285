// One error body for the whole API: {"error":{"code","message"}}.
import type { NextFunction, Request, Response } from 'express';
import { isGuichetError } from '@guichet/shared';
import type { Logger } from '../logging/logger';
import { isStorageError } from '../storage/storage-health';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Last express middleware: malformed JSON bodies and typed errors become clear 4xx answers; the rest 500. */
export function errorHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const e = error as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') return sendError(res, 400, 'BAD_JSON', 'the request body is not valid JSON');
    if (e?.type === 'entity.too.large') return sendError(res, 413, 'BODY_TOO_LARGE', 'the request body is too large');
    if (isGuichetError(error)) return sendError(res, 400, error.code, error.message);
    if (isStorageError(error)) {
      log.warn({ component: 'http', event: 'storage.request-failed', err: error }, 'request failed on storage');
      return sendError(res, 503, 'STORAGE_UNAVAILABLE', 'the fleet server cannot write its storage now');
    }
    log.error({ component: 'http', err: error }, 'request failed');
    sendError(res, 500, 'INTERNAL', 'the fleet server could not complete the request');
  };
}
