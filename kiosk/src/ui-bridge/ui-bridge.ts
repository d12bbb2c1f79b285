// The kiosk runtime's side of the touch UI: an HTTP server (node:http) serving the built UI and a WebSocket at
// /ws carrying the screen protocol (screen-protocol.ts). Every connected page gets the full screen snapshot on
// connect and after every change; intents are validated and refused with a reason when malformed.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { pino, type Logger } from 'pino';
import { GuichetError } from '@guichet/shared/errors/guichet-error';
import type { BridgeMessage, FieldValues, ScreenState } from './screen-protocol';
import { serveStatic } from './static-files';
import { ScreenController, type ScreenControllerOptions } from './screen-controller';

/** Where `npm run build:ui` puts the UI. */
export const DEFAULT_UI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ui/dist');

export interface UiBridgeOptions extends ScreenControllerOptions {
  /** Folder of the built UI (default kiosk/ui/dist). */
  staticDir?: string;
  /** Default 127.0.0.1: the screen is local to the kiosk, nothing else should reach it. */
  host?: string;
  /** Default 0: any free port (the kiosk's Chromium is told the URL). */
  port?: number;
  /** Largest intent accepted, in bytes. */
  maxMessageBytes?: number;
  /** Extra pages served beside the UI (e.g. the demo's device panel): returns true when it answered. */
  extraRoutes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

export interface UiBridge {
  readonly url: string;
  readonly controller: ScreenController;
  /** Fields decoded by the card reader: prefill the details form (the same path as the swipe-prefill intent). */
  prefill(values: FieldValues): boolean;
  close(): Promise<void>;
}

/** Reads GUICHET_KIOSK_IDLE_MS (default 60 000) for the bridge's privacy timer. */
export function idleMsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.GUICHET_KIOSK_IDLE_MS;
  if (raw === undefined || raw === '') return 60_000;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 5_000)
    throw new GuichetError('CONFIG_INVALID', `GUICHET_KIOSK_IDLE_MS must be an integer ≥ 5000, got ${raw}`);
  return value;
}

/** What the screen shows when the kiosk was installed without its built UI: a fault for a technician, not a crash. */
const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Guichet kiosk</title>' +
  '<body style="font-family:sans-serif;padding:3em"><h1>This kiosk is out of order</h1>' +
  '<p>Ce kiosque est hors service.</p><p><small>The touch UI is not built: run <code>npm run build:ui</code>.' +
  '</small></p></body></html>';

export async function startUiBridge(options: UiBridgeOptions): Promise<UiBridge> {
  const log: Logger = (options.log ?? pino({ level: 'silent' })).child({ component: 'ui-bridge' });
  const staticDir = options.staticDir ?? DEFAULT_UI_DIR;
  const controller = new ScreenController(options);
  const built = fs.existsSync(path.join(staticDir, 'index.html'));
  if (!built) log.error({ staticDir }, 'the touch UI is not built (run `npm run build:ui`): serving a notice instead');
  const server = http.createServer((req, res) => {
    if (options.extraRoutes?.(req, res)) return;
    if (!built) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(NOT_BUILT_PAGE);
      return;
    }
    serveStaticSafely(staticDir, req, res, log);
  });
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: options.maxMessageBytes ?? 16_384 });
  const send = (socket: WebSocket, message: BridgeMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = controller.onState((state: ScreenState) => {
    for (const socket of wss.clients) send(socket, { type: 'screen', state });
  });
  wss.on('connection', (socket) => {
    send(socket, { type: 'screen', state: controller.snapshot() });
    socket.on('message', (data: Buffer) => {
      let intent: unknown;
      try {
        intent = JSON.parse(data.toString('utf8'));
      } catch {
        send(socket, { type: 'refused', code: 'UI_INTENT_INVALID', message: 'not JSON' });
        return;
      }
      const result = controller.handle(intent);
      if (!result.ok) {
        // The reason, never the intent itself: it may hold what the citizen typed.
        log.warn({ code: result.code }, 'intent refused');
        send(socket, { type: 'refused', code: result.code, message: result.message });
      }
    });
  });
  // ws re-emits the HTTP server's errors (a port already taken): they are the listen() failure below, not a crash.
  wss.on('error', (error) => log.debug({ code: (error as NodeJS.ErrnoException).code }, 'ui bridge server error'));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    unsubscribe();
    controller.close();
    wss.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info({ url }, 'ui bridge listening');
  return {
    url,
    controller,
    prefill: (values) => controller.prefill(values),
    close: async () => {
      unsubscribe();
      controller.close();
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveStaticSafely(root: string, req: http.IncomingMessage, res: http.ServerResponse, log: Logger): void {
  serveStatic(root, req, res).catch((error: unknown) => {
    log.error({ err: error }, 'serving the UI failed');
    if (!res.headersSent) res.writeHead(500).end();
  });
}
