// The kiosk's touch screen on the real runtime: the UI bridge over the real desk (runtime-desk.ts), fed by the
// card reader's swipes, reporting survey answers as anonymous telemetry. Used by kiosk/src/main.ts and the demo.
import pino, { type Logger } from 'pino';
import { GuichetError } from '@guichet/shared/errors/guichet-error';
import type { CardReader } from '@guichet/drivers/card-reader/card-reader';
import type { SwipeResult } from '@guichet/drivers/card-reader/swipe-result';
import type { KioskRuntime } from '../runtime/kiosk-runtime';
import type { Alternative, FieldValues } from './screen-protocol';
import type { BridgeTimers } from './screen-controller';
import { RuntimeDesk } from './runtime-desk';
import { startUiBridge, type UiBridge } from './ui-bridge';
import { demoPanelRoutes, type DemoPanelDevices } from './demo-panel';

/** Fixed local port of the kiosk's screen when GUICHET_KIOSK_UI_PORT is not set (its Chromium opens it). */
export const DEFAULT_KIOSK_UI_PORT = 8090;

export interface KioskScreenOptions {
  runtime: KioskRuntime;
  /** The kiosk's devices: the card reader's swipes prefill forms (the board comes from the runtime). */
  devices: { cardReader?: CardReader };
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  idleMs?: number;
  countdownMs?: number;
  thanksMs?: number;
  timers?: BridgeTimers;
  staticDir?: string;
  alternatives?: Alternative[];
  /** DEMO ONLY: serve /demo-panel driving these simulators. */
  demoPanel?: DemoPanelDevices;
  log?: Logger;
}

export interface KioskScreen {
  readonly url: string;
  readonly bridge: UiBridge;
  readonly desk: RuntimeDesk;
  close(): Promise<void>;
}

/** What a swipe may fill in: the licence or health card number, never a name, address or birth date. */
export function prefillOf(swipe: SwipeResult): FieldValues | undefined {
  if (swipe.kind === 'driver-licence') return { licenceNumber: swipe.licenceNumber.replace(/-/g, '') };
  if (swipe.kind === 'health-card')
    return { healthCardNumber: `${swipe.healthNumber.replace(/-/g, '')}${swipe.versionCode}` };
  return undefined;
}

export async function startKioskScreen(options: KioskScreenOptions): Promise<KioskScreen> {
  const log = (options.log ?? pino({ level: 'silent' })).child({ component: 'kiosk-screen' });
  const { runtime } = options;
  const transactions = runtime.transactions;
  if (!transactions)
    throw new GuichetError('KIOSK_UI_NO_TRANSACTIONS', 'the kiosk runtime has no transaction devices: nothing to sell');
  const desk = new RuntimeDesk({
    transactions,
    devices: runtime.devices,
    mode: () => runtime.mode,
    onModeChange: (listener) => runtime.onModeChange(listener),
    log,
  });
  const bridge = await startUiBridge({
    desk,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    ...(options.idleMs !== undefined && { idleMs: options.idleMs }),
    ...(options.countdownMs !== undefined && { countdownMs: options.countdownMs }),
    ...(options.thanksMs !== undefined && { thanksMs: options.thanksMs }),
    ...(options.timers && { timers: options.timers }),
    ...(options.staticDir && { staticDir: options.staticDir }),
    alternatives: options.alternatives ?? [],
    // Anonymous: the service and the answers, no transaction id, no time finer than the telemetry's own.
    onSurvey: (record) =>
      runtime.link.record('survey.answered', { serviceId: record.serviceId, answers: record.answers }),
    ...(options.demoPanel && { extraRoutes: demoPanelRoutes(options.demoPanel, log) }),
    log,
  }).catch((error: unknown) => {
    desk.close();
    throw error;
  });
  const offSwipe = options.devices.cardReader?.on('swipe', (swipe) => {
    const values = prefillOf(swipe);
    // The kind only: what was read stays out of the log.
    if (!values) log.info({ event: 'swipe-ignored', kind: swipe.kind }, 'swipe that fills no form');
    else if (!bridge.prefill(values)) log.info({ event: 'swipe-unused', kind: swipe.kind }, 'no form to fill now');
  });
  return {
    url: bridge.url,
    bridge,
    desk,
    close: async () => {
      offSwipe?.();
      await bridge.close();
      desk.close();
    },
  };
}
