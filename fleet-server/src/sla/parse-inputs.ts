// Reads the two inputs of docs/sla.md (sites.json, events.jsonl) into the shared zod types, failing with a
// GuichetError whose message is one line "file:line: what is wrong" (the `sla` command's bad-input rule).
import { GuichetError } from '@guichet/shared';
import { FleetEvent, FLEET_EVENT_TYPES } from '@guichet/shared/events/fleet-event';
import { SitesFile } from '@guichet/shared/sites/sites-file';
import type { z } from 'zod';
import { lineOf, locatePath } from './json-locator';

function fail(code: string, fileName: string, line: number, what: string): never {
  throw new GuichetError(code, `${fileName}:${line}: ${what}`, { details: { file: fileName, line } });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** One event per non-blank line; blank lines are allowed (a trailing newline is usual). */
export function parseEventsJsonl(text: string, fileName: string): FleetEvent[] {
  const events: FleetEvent[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      fail('SLA_BAD_JSON', fileName, index + 1, `not a JSON object (${(error as Error).message})`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      fail('SLA_BAD_JSON', fileName, index + 1, 'not a JSON object');
    const type = (raw as { type?: unknown }).type;
    if (!(FLEET_EVENT_TYPES as readonly unknown[]).includes(type)) {
      fail(
        'SLA_UNKNOWN_EVENT_TYPE',
        fileName,
        index + 1,
        `unknown event type ${JSON.stringify(type)} (expected one of ${FLEET_EVENT_TYPES.join(', ')})`,
      );
    }
    const parsed = FleetEvent.safeParse(raw);
    if (!parsed.success)
      fail(
        'SLA_BAD_EVENT',
        fileName,
        index + 1,
        `bad ${String(type)} event: ${describeIssue(parsed.error.issues[0]!)}`,
      );
    events.push(parsed.data);
  }
  return events;
}

/** Whether `prefix` could still be the start of a valid JSON text (it only ran out of input). */
function isValidPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end/.test(message)) return true;
    const position = /position (\d+)/.exec(message);
    return position !== null && Number(position[1]) >= prefix.trimEnd().length;
  }
}

/**
 * The line of a JSON syntax error. Node 20 does not always give a position, so search for the first line at
 * which the text stops being a valid prefix (monotone: once invalid, every longer prefix is invalid).
 */
function syntaxErrorLine(text: string): number {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) ends.push(i);
  ends.push(text.length);
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isValidPrefix(text.slice(0, ends[mid]))) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

export function parseSitesFile(text: string, fileName: string): SitesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    fail('SLA_BAD_JSON', fileName, syntaxErrorLine(text), `not valid JSON (${message.replace(/\s+/g, ' ')})`);
  }
  const parsed = SitesFile.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const line = lineOf(text, locatePath(text, issue.path));
  const [collection, index, field] = issue.path;
  const record =
    typeof index === 'number' ? (raw as Record<string, unknown[]>)[String(collection)]?.[index] : undefined;
  const id = typeof record === 'object' && record !== null && 'id' in record ? ` ${String(record.id)}` : '';
  if (collection === 'sites' && field === 'timezone') {
    const zone = (record as { timezone?: unknown } | undefined)?.timezone;
    const what =
      zone === undefined
        ? `site${id} has no timezone`
        : `site${id} has a bad timezone ${JSON.stringify(zone)} (expected an IANA zone such as Europe/London)`;
    fail('SLA_BAD_TIMEZONE', fileName, line, what);
  }
  const subject = collection === 'sites' ? `site${id}` : collection === 'kiosks' ? `kiosk${id}` : 'sites file';
  fail('SLA_BAD_SITES', fileName, line, `${subject}: ${describeIssue(issue)}`);
}
