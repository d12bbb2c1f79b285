// The fleet server's configuration, read once at start-up from the environment into one validated object.
// Nothing defaults to demo data: the sites file must be named (the demo launcher passes its own).
import type { IncomingMessage } from 'node:http';
import express from 'express';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { isGuichetError } from '@guichet/shared';
import { parseEnvConfig, startupFailureLine } from '@guichet/shared/config/env-config';
import { adminTokenProblem } from '../auth/secret-strength';

const milliseconds = () =>
  z.coerce.number({ error: 'must be a whole number of milliseconds above 0' }).int().positive();

/** GUICHET_TRUST_PROXY as express's "trust proxy" setting: a hop count, or names, addresses and subnets. */
export function trustProxySetting(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * The caller's address by the same rule as express's `req.ip` under that setting (proxy-addr, express's own): the
 * kiosk link's handshakes and the API's requests are throttled per the same address behind the same proxy.
 */
export function clientAddressResolver(value: string | undefined): (request: IncomingMessage) => string {
  if (value === undefined) return (request) => request.socket.remoteAddress ?? 'unknown';
  const setting = trustProxySetting(value);
  const trust =
    typeof setting === 'number'
      ? (_address: string, hop: number) => hop < setting
      : proxyaddr.compile(setting.split(/ *, */).filter((part) => part !== ''));
  return (request) => proxyaddr(request, trust);
}

export const FleetConfig = z.object({
  port: z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  /** The network's sites and kiosks (docs/sla.md "Sites and kiosks"). */
  sitesFile: z.string().min(1),
  /**
   * Bootstrap admin API token (like a database's initial admin password): at least 32 characters and about 128
   * bits of estimated entropy. Optional once users exist (`guichet users add`); with neither, the API refuses.
   */
  adminToken: z
    .string()
    .superRefine((token, ctx) => {
      const problem = adminTokenProblem(token);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Session cookies get `Secure` (absent: no; set it when browsers reach the server over TLS, e.g. behind the proxy). */
  cookieSecure: z
    .enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  /**
   * Which proxies' X-Forwarded-For to believe for the caller's address (express "trust proxy": loopback, an
   * address or subnet list, or a hop count). Unset: the socket's address, as without a proxy.
   */
  trustProxy: z
    .string()
    .superRefine((value, ctx) => {
      try {
        express().set('trust proxy', trustProxySetting(value));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be loopback, linklocal, uniquelocal, addresses or subnets separated by commas, or a hop count',
        });
      }
    })
    .optional(),
  heartbeatIntervalMs: milliseconds().default(10_000),
  /** A kiosk silent this long is offline (docs/architecture.md "Configuration": 30 s). */
  offlineAfterMs: milliseconds().default(30_000),
  /** After start-up, kiosks get this long to check in (default: twice the offline limit). */
  startupGraceMs: milliseconds().optional(),
  /** Live state is written behind to SQLite at this period, never once per heartbeat. */
  stateFlushMs: milliseconds().default(5_000),
  /** The ministries' service prices (a price list, shared/src/catalog/price-list.ts); absent: none configured. */
  pricesFile: z.string().min(1).optional(),
  /** Key of the transaction hub's details digest; absent: generated once and kept in the data directory. */
  hubSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * How long after a commit was sent, its answer lost, a ministry may still apply it: until then the hub keeps
   * the transaction committing rather than refuse it on a not-found lookup (absent: 2 minutes).
   */
  hubLookupGraceMs: milliseconds().optional(),
  /** Alerts: contacts, webhooks, SMTP (fleet-server/src/alerts/alerts-config.ts); absent: no alerts are sent. */
  alertsFile: z.string().min(1).optional(),
  /** Telemetry older than this many days (by reception) is deleted (absent: TELEMETRY_RETENTION_DAYS, 90). */
  telemetryRetentionDays: z.coerce
    .number({ error: 'must be a whole number of days above 0' })
    .int()
    .positive()
    .max(3650)
    .optional(),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});
export type FleetConfig = z.infer<typeof FleetConfig>;

/** The environment variable behind each setting. */
export const FLEET_ENV = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'GUICHET_DATA_DIR',
  sitesFile: 'GUICHET_SITES_FILE',
  adminToken: 'GUICHET_ADMIN_TOKEN',
  cookieSecure: 'GUICHET_COOKIE_SECURE',
  trustProxy: 'GUICHET_TRUST_PROXY',
  heartbeatIntervalMs: 'GUICHET_HEARTBEAT_MS',
  offlineAfterMs: 'GUICHET_OFFLINE_AFTER_MS',
  startupGraceMs: 'GUICHET_STARTUP_GRACE_MS',
  pricesFile: 'GUICHET_PRICES_FILE',
  hubSecret: 'GUICHET_HUB_SECRET',
  hubLookupGraceMs: 'GUICHET_LOOKUP_GRACE_MS',
  alertsFile: 'GUICHET_ALERTS_FILE',
  telemetryRetentionDays: 'GUICHET_TELEMETRY_RETENTION_DAYS',
  logLevel: 'LOG_LEVEL',
} as const;

/** Fails with CONFIG_INVALID, `VARIABLE: what is wrong`, on the first bad or missing setting. */
export function fleetConfigFromEnv(env: NodeJS.ProcessEnv): FleetConfig {
  return parseEnvConfig(FleetConfig, env, FLEET_ENV);
}

/**
 * The one line to print when the fleet server cannot start on its configuration; undefined for an unexpected
 * error. A sites file that cannot be read or parsed is a configuration error too, so its line names the variable.
 */
export function fleetStartupFailureLine(error: unknown): string | undefined {
  if (isGuichetError(error) && error.code.startsWith('SITES_FILE_'))
    return `${FLEET_ENV.sitesFile}: ${error.code}: ${error.message}`;
  if (isGuichetError(error) && error.code.startsWith('PRICE_LIST_'))
    return `${FLEET_ENV.pricesFile}: ${error.code}: ${error.message}`;
  if (isGuichetError(error) && error.code.startsWith('ALERTS_FILE_'))
    return `${FLEET_ENV.alertsFile}: ${error.code}: ${error.message}`;
  return startupFailureLine(error);
}
