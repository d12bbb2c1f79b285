// The kiosk's log excerpt for `collect-logs`: the newest whole pino JSON lines within a byte cap, scrubbed once
// more of anything that could be personal (kiosk logs carry none by design; this is the belt to those braces).
// Where the lines come from: a file the service manager appends to (GUICHET_KIOSK_LOG_FILE), or, without one,
// the last lines this process logged, kept in memory (LogRing, a pino destination).
import fs from 'node:fs';
import { Writable } from 'node:stream';

/** Where collect-logs reads: the newest `maxBytes` (or somewhat more) of the log, as text. */
export interface LogSource {
  tail(maxBytes: number): string;
}

/** Field names whose values never leave the kiosk, whatever they hold (lower case, compared without - and _). */
const PERSONAL_KEYS = new Set([
  'name',
  'firstname',
  'lastname',
  'fullname',
  'address',
  'street',
  'postalcode',
  'dateofbirth',
  'dob',
  'licence',
  'licencenumber',
  'license',
  'licensenumber',
  'plate',
  'platenumber',
  'healthcard',
  'healthcardnumber',
  'pan',
  'cardnumber',
  'track',
  'track1',
  'track2',
  'tracks',
  'details',
  'credential',
  'email',
  'phone',
]);

/**
 * A standalone run of 9 or more digits (spaces or dashes allowed between them): the shape of a card, health card
 * or licence number. Digits inside an id (a txId, a UUID) are left alone; dates have fewer digits.
 */
const LONG_NUMBER = /(?<![A-Za-z0-9])\d(?:[ -]?\d){8,}(?![A-Za-z0-9])/g;
const REDACTED = '[redacted]';

export interface LogExcerpt {
  text: string;
  bytes: number;
  lines: number;
  truncated: boolean;
  redacted: number;
}

/**
 * Keeps the newest whole lines of `raw` whose scrubbed JSON fits in `maxBytes` (UTF-8). Lines that are not JSON
 * objects (a crash trace, a partial first line) are left out: they were not written by the kiosk's logger.
 */
export function logExcerpt(raw: string, maxBytes: number): LogExcerpt {
  const out: string[] = [];
  let bytes = 0;
  let redacted = 0;
  let truncated = false;
  const lines = raw.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) continue;
    const count = { n: 0 };
    const clean = JSON.stringify(scrub(parsed, count));
    const size = Buffer.byteLength(clean, 'utf8') + 1;
    if (bytes + size > maxBytes) {
      truncated = true;
      break;
    }
    out.push(clean);
    bytes += size;
    redacted += count.n;
  }
  out.reverse();
  return { text: out.map((l) => `${l}\n`).join(''), bytes, lines: out.length, truncated, redacted };
}

function scrub(value: unknown, count: { n: number }): unknown {
  if (typeof value === 'string') {
    const replaced = value.replace(LONG_NUMBER, () => {
      count.n++;
      return REDACTED;
    });
    return replaced;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, count));
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''))) {
        count.n++;
        result[key] = REDACTED;
      } else result[key] = scrub(v, count);
    }
    return result;
  }
  return value;
}

/**
 * A pino destination that keeps the last `capacity` bytes of whole lines in memory (the kiosk's own recent log
 * when the service manager keeps the real one): collect-logs reads it; nothing is written to disk.
 */
export class LogRing extends Writable implements LogSource {
  private readonly lines: string[] = [];
  private size = 0;

  constructor(private readonly capacity = 512 * 1024) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      this.lines.push(line);
      this.size += Buffer.byteLength(line, 'utf8') + 1;
    }
    while (this.size > this.capacity && this.lines.length > 0)
      this.size -= Buffer.byteLength(this.lines.shift()!, 'utf8') + 1;
    done();
  }

  tail(maxBytes: number): string {
    const out: string[] = [];
    let bytes = 0;
    for (let i = this.lines.length - 1; i >= 0 && bytes < maxBytes; i--) {
      out.push(this.lines[i]!);
      bytes += Buffer.byteLength(this.lines[i]!, 'utf8') + 1;
    }
    return out.reverse().join('\n');
  }
}

/**
 * The end of a log file (GUICHET_KIOSK_LOG_FILE, e.g. systemd's `StandardOutput=append:` target): reads only the
 * last bytes (twice the cap, since scrubbing may shorten or lengthen lines), never the whole file.
 */
export function fileLogSource(file: string): LogSource {
  return {
    tail(maxBytes: number): string {
      const fd = fs.openSync(file, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const length = Math.min(size, maxBytes * 2);
        const buffer = Buffer.alloc(length);
        fs.readSync(fd, buffer, 0, length, size - length);
        // The first line may be cut: dropped by logExcerpt as it is not JSON.
        return buffer.toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}
