// A kiosk's configuration, read once at start-up from the environment into one validated object.
import { z } from 'zod';
import { parseEnvConfig } from '@guichet/shared/config/env-config';
import { parsePrinterAddress } from '@guichet/drivers/printer/printer-address';
import { PRINTER_MODEL_IDS } from '@guichet/drivers/printer/printer-models';
import { parseTerminalAddress } from '@guichet/drivers/payment-terminal/terminal-address';
import { parseCardReaderAddress, parseIdScannerAddress } from '../devices/device-addresses';
import { parseRebootCommand } from '../commands/command-effects';

/** A device address checked by its parser: the parser's message is the one line the operator sees. */
const deviceAddress = (parse: (address: string) => unknown) =>
  z
    .string()
    .min(1)
    .check((ctx) => {
      try {
        parse(ctx.value);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: (error as Error).message, input: ctx.value });
      }
    })
    .optional();

const milliseconds = () =>
  z.coerce.number({ error: 'must be a whole number of milliseconds above 0' }).int().positive();

export const KioskConfig = z.object({
  kioskId: z.string().min(1),
  credential: z.string().min(16, 'must be at least 16 characters'),
  fleetUrl: z.url({ error: 'must be a URL such as https://fleet.example:8080' }),
  dataDir: z.string().min(1).default('./data/kiosk'),
  heartbeatIntervalMs: milliseconds().default(10_000),
  /** The receipt printer: tcp://HOST:PORT, serial:/dev/ttyX[?baud=N] or usb:/dev/usb/lp0; absent = simulated. */
  printer: deviceAddress(parsePrinterAddress),
  /** Which status bits and throughput the printer has (default epson-tm-t88). */
  printerModel: z.enum(PRINTER_MODEL_IDS, { error: `must be one of ${PRINTER_MODEL_IDS.join(', ')}` }).optional(),
  /** The PIN pad: serial:/dev/ttyX[?baud=N] or tcp://HOST:PORT; absent = simulated. */
  paymentTerminal: deviceAddress(parseTerminalAddress),
  /** The card reader: `hid` (MagTek found by USB ids) or a hidraw path; absent = simulated. */
  cardReader: deviceAddress(parseCardReaderAddress),
  /** The licence barcode imager (USB CDC): serial:/dev/ttyACM0[?framing=idle]; absent = simulated. */
  idScanner: deviceAddress(parseIdScannerAddress),
  devicePollMs: milliseconds().default(5_000),
  /** The touch screen's local port (127.0.0.1), or `off` for a kiosk without a screen. */
  uiPort: z
    .union([
      z.literal('off'),
      z.coerce.number({ error: 'must be a port number (1–65535) or off' }).int().min(1).max(65_535),
    ])
    .default(8090),
  /** Inactivity before the screen asks "Need more time?" and then wipes what the citizen entered. */
  idleMs: z.coerce.number({ error: 'must be a whole number of milliseconds ≥ 5000' }).int().min(5_000).default(60_000),
  /** This kiosk's copy of the sites file (docs/sla.md), for the nearest other sites when out of service. */
  sitesFile: z.string().min(1).optional(),
  /** The remote reboot: an absolute path and its arguments, run without a shell (`/usr/bin/systemctl reboot`). */
  rebootCommand: deviceAddress(parseRebootCommand),
  /** The log file the service manager appends to, read by the fleet's collect-logs; absent = the last lines in memory. */
  logFile: z.string().min(1).optional(),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

/** The environment variable behind each setting. */
export const KIOSK_ENV = {
  kioskId: 'GUICHET_KIOSK_ID',
  credential: 'GUICHET_KIOSK_CREDENTIAL',
  fleetUrl: 'GUICHET_FLEET_URL',
  dataDir: 'GUICHET_KIOSK_DATA_DIR',
  heartbeatIntervalMs: 'GUICHET_HEARTBEAT_MS',
  printer: 'GUICHET_PRINTER',
  printerModel: 'GUICHET_PRINTER_MODEL',
  paymentTerminal: 'GUICHET_PAYMENT_TERMINAL',
  cardReader: 'GUICHET_CARD_READER',
  idScanner: 'GUICHET_ID_SCANNER',
  devicePollMs: 'GUICHET_DEVICE_POLL_MS',
  uiPort: 'GUICHET_KIOSK_UI_PORT',
  idleMs: 'GUICHET_KIOSK_IDLE_MS',
  sitesFile: 'GUICHET_SITES_FILE',
  rebootCommand: 'GUICHET_REBOOT_COMMAND',
  logFile: 'GUICHET_KIOSK_LOG_FILE',
  logLevel: 'LOG_LEVEL',
} as const;

/** Fails with CONFIG_INVALID, `VARIABLE: what is wrong`, on the first bad or missing setting. */
export function kioskConfigFromEnv(env: NodeJS.ProcessEnv): KioskConfig {
  return parseEnvConfig(KioskConfig, env, KIOSK_ENV);
}
