// The fleet server's configuration, read once at start-up from the environment into one validated object.
import path from 'node:path';
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';

export const FleetConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  sitesFile: z.string().min(1),
  /** Bootstrap admin API token (like a database's initial admin password). Without it the API refuses. */
  adminToken: z.string().min(16, 'GUICHET_ADMIN_TOKEN must be at least 16 characters').optional(),
  heartbeatIntervalMs: z.coerce.number().int().positive().default(10_000),
  /** A kiosk silent this long is offline (issue 3: 30 s). */
  offlineAfterMs: z.coerce.number().int().positive().default(30_000),
  /** After start-up, kiosks get this long to check in (default: twice the offline limit). */
  startupGraceMs: z.coerce.number().int().positive().optional(),
  /** Live state is written behind to SQLite at this period, never once per heartbeat. */
  stateFlushMs: z.coerce.number().int().positive().default(5_000),
  /** The ministries' price list (JSON, shared/src/catalog/price-list.ts); default: the demo prices. */
  pricesFile: z.string().min(1).optional(),
  /** Key of the transaction hub's details digest; default: generated once and kept in the data directory. */
  hubSecret: z.string().min(32, 'GUICHET_HUB_SECRET must be at least 32 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type FleetConfig = z.infer<typeof FleetConfig>;

export const DEFAULT_SITES_FILE = path.resolve(import.meta.dirname, '../../demo/sites.json');

export function fleetConfigFromEnv(env: NodeJS.ProcessEnv): FleetConfig {
  const parsed = FleetConfig.safeParse({
    port: env.PORT || undefined,
    host: env.HOST || undefined,
    dataDir: env.GUICHET_DATA_DIR || undefined,
    sitesFile: env.GUICHET_SITES_FILE || DEFAULT_SITES_FILE,
    adminToken: env.GUICHET_ADMIN_TOKEN || undefined,
    heartbeatIntervalMs: env.GUICHET_HEARTBEAT_MS || undefined,
    offlineAfterMs: env.GUICHET_OFFLINE_AFTER_MS || undefined,
    startupGraceMs: env.GUICHET_STARTUP_GRACE_MS || undefined,
    pricesFile: env.GUICHET_PRICES_FILE || undefined,
    hubSecret: env.GUICHET_HUB_SECRET || undefined,
    logLevel: env.LOG_LEVEL || undefined,
  });
  if (!parsed.success) {
    throw new GuichetError('CONFIG_INVALID', `invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
