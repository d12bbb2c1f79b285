// Serves the built console (Vite's output, fleet-server/web/console/dist) at /console/: its files, and index.html for
// any other path under it (the app routes by hash, but a reload of a deep link must still land on the app). Without
// a build the answer says how to make one. Security headers come from the app-wide middleware, as for every answer.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { sendError } from '../http/http-errors';

export const CONSOLE_PATH = '/console';
export const CONSOLE_DIST_DIR = path.resolve(import.meta.dirname, '../../web/console/dist');

export function consoleStatic(distDir = CONSOLE_DIST_DIR): Router {
  const router = express.Router({ strict: true });
  const index = path.join(distDir, 'index.html');
  router.get('/', (req, res, next) => {
    // /console → /console/, so the app's relative asset URLs resolve under /console/.
    if (req.originalUrl.split('?')[0] === CONSOLE_PATH) res.redirect(301, `${CONSOLE_PATH}/`);
    else next();
  });
  router.use((req, res, next) => {
    if (fs.existsSync(index)) {
      next();
      return;
    }
    sendError(res, 503, 'CONSOLE_NOT_BUILT', 'the technician console is not built: run `npm run build:ui` and reload');
  });
  router.use(express.static(distDir, { index: 'index.html', fallthrough: true, redirect: false }));
  router.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', 'the console is static: only GET');
      return;
    }
    // A missing asset is a 404 (a stale cached page asking for an old bundle), not the app's page.
    if (path.extname(req.path) !== '') {
      sendError(res, 404, 'NOT_FOUND', `no console file ${req.path}`);
      return;
    }
    res.sendFile(index);
  });
  return router;
}
