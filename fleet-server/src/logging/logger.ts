// Structured logs (pino JSON) with a `component` field. Card data and credentials are redacted as a
// second line of defence; the first is never to log them.
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'credential',
  '*.credential',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'pan',
  '*.pan',
  'track',
  '*.track',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'guichet-fleet' } };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
