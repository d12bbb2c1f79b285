// Entry point of one kiosk runtime (simulated devices until real ones are configured).
import { pino } from 'pino';
import { GuichetError } from '@guichet/shared';
import { kioskConfigFromEnv } from './config/kiosk-config';
import { SimulatedDeviceBoard } from './devices/device-board';
import { KioskRuntime } from './runtime/kiosk-runtime';

try {
  const config = kioskConfigFromEnv(process.env);
  const log = pino({ level: config.logLevel, base: { app: 'guichet-kiosk' }, redact: ['credential', '*.credential'] });
  const runtime = new KioskRuntime({ ...config, devices: new SimulatedDeviceBoard(), log });
  runtime.start();
  const stop = () => void runtime.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof GuichetError) {
    console.error(`guichet kiosk: ${error.code}: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
