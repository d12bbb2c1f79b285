// A kiosk's configuration, read once at start-up from the environment into one validated object.
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';

export const KioskConfig = z.object({
  kioskId: z.string().min(1),
  credential: z.string().min(16),
  fleetUrl: z.url(),
  dataDir: z.string().min(1).default('./data/kiosk'),
  heartbeatIntervalMs: z.coerce.number().int().positive().default(10_000),
  /** The receipt printer: tcp://HOST:PORT, serial:/dev/ttyX[?baud=N] or usb:/dev/usb/lp0; absent = simulated devices. */
  printer: z.string().min(1).optional(),
  devicePollMs: z.coerce.number().int().positive().default(5_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export function kioskConfigFromEnv(env: NodeJS.ProcessEnv): KioskConfig {
  const parsed = KioskConfig.safeParse({
    kioskId: env.GUICHET_KIOSK_ID,
    credential: env.GUICHET_KIOSK_CREDENTIAL,
    fleetUrl: env.GUICHET_FLEET_URL,
    dataDir: env.GUICHET_KIOSK_DATA_DIR || undefined,
    heartbeatIntervalMs: env.GUICHET_HEARTBEAT_MS || undefined,
    printer: env.GUICHET_PRINTER || undefined,
    devicePollMs: env.GUICHET_DEVICE_POLL_MS || undefined,
    logLevel: env.LOG_LEVEL || undefined,
  });
  if (!parsed.success)
    throw new GuichetError('CONFIG_INVALID', `invalid kiosk configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
