// The demo's own settings: how busy its simulated citizens are and how many kiosks it runs. A bad value is
// CONFIG_INVALID naming the variable (the demo prints it as one line and exits with status 2).
import { z } from 'zod';
import { parseEnvConfig } from '@guichet/shared/config/env-config';

export const DEMO_ENV = {
  trafficPerHour: 'GUICHET_DEMO_TRAFFIC',
  kiosks: 'GUICHET_DEMO_KIOSKS',
  screenPort: 'GUICHET_DEMO_SCREEN_PORT',
  uiDir: 'GUICHET_KIOSK_UI_DIR',
} as const;

/** Lively enough to watch: a citizen at each kiosk every two minutes on average. */
export const DEFAULT_DEMO_TRAFFIC = 30;

export const DemoConfig = z.object({
  /** Citizen transactions per kiosk per hour; 0 = none. */
  trafficPerHour: z.coerce
    .number({ error: 'must be a number of transactions per kiosk per hour, e.g. 30 (0 = none)' })
    .min(0, 'must be 0 or more transactions per kiosk per hour')
    .max(36_000, 'must be at most 36000 transactions per kiosk per hour')
    .default(DEFAULT_DEMO_TRAFFIC),
  /** Only the first N kiosks of the sites file (faster demos and tests); all of them when unset. */
  kiosks: z.coerce
    .number({ error: 'must be a whole number of kiosks, e.g. 5' })
    .int('must be a whole number of kiosks, e.g. 5')
    .min(1, 'must be at least 1 kiosk')
    .optional(),
  /** Port of the first kiosk's touch screen and its demo panel on 127.0.0.1; 0 = any free port. */
  screenPort: z.coerce
    .number({ error: 'must be a TCP port number, e.g. 8090 (0 = any free port)' })
    .int('must be a whole TCP port number')
    .min(0, 'must be a TCP port number from 0 to 65535')
    .max(65_535, 'must be a TCP port number from 0 to 65535')
    .default(8090),
  /** Where the built touch UI is (default kiosk/ui/dist, which `npm start` builds first). */
  uiDir: z.string().min(1).optional(),
});
export type DemoConfig = z.infer<typeof DemoConfig>;

/**
 * The demo's fleet server listens on loopback only unless HOST says otherwise: it prints its admin token and runs
 * plain HTTP, so it is for this machine (a production fleet server keeps HOST's 0.0.0.0 default behind a
 * TLS-terminating proxy: docs/SECURITY.md "Transport").
 */
export const DEMO_FLEET_HOST = '127.0.0.1';

export function demoFleetHost(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOST || DEMO_FLEET_HOST;
}

export function demoConfigFromEnv(env: Readonly<Record<string, string | undefined>>): DemoConfig {
  return parseEnvConfig(DemoConfig, env, DEMO_ENV);
}
