// Encodes and decodes POSLink payloads (the bytes between STX and ETX) by the positions of message-table.ts:
// FS (0x1C) between fields, US (0x1F) between the sub-fields of a group, trailing empty sub-fields trimmed.
// Decoding validates every named field with zod and never echoes a value in an error (card data).
import { GuichetError } from '@guichet/shared';
import { FS, US } from './control-bytes';
import {
  MESSAGES,
  PROTOCOL_VERSION,
  RESPONSE_STATUS_OK,
  type FieldSpec,
  type MessageFields,
  type MessageName,
} from './message-table';

const FIELD = String.fromCharCode(FS);
const SUB = String.fromCharCode(US);

type SafeParse = { safeParse(value: unknown): { success: boolean } };

/**
 * Sub-fields the driver does not read but a terminal sends (e.g. the simulator's time stamp or entry mode),
 * keyed `field.sub`; they are placed as given and never validated.
 */
export type ExtraSubFields = Record<`${number}.${number}`, string>;

export function encodeMessage<N extends MessageName>(
  name: N,
  values: MessageFields<N>,
  extra: ExtraSubFields = {},
): Buffer {
  const spec = MESSAGES[name];
  const groups: string[][] = Array.from({ length: spec.width }, () => []);
  const put = (field: number, sub: number, value: string): void => {
    const group = groups[field]!;
    while (group.length <= sub) group.push('');
    group[sub] = value;
  };
  if (spec.kind === 'request') {
    put(0, 0, spec.command);
    put(1, 0, PROTOCOL_VERSION);
  } else {
    put(0, 0, RESPONSE_STATUS_OK);
    put(1, 0, spec.command);
    put(2, 0, PROTOCOL_VERSION);
  }
  for (const [key, at] of Object.entries(extra)) {
    const [field, sub] = key.split('.').map(Number) as [number, number];
    if (field < spec.width) put(field, sub, at);
  }
  for (const [key, field] of Object.entries<FieldSpec>(spec.fields)) {
    const value = (values as Record<string, string>)[key] ?? '';
    if (!(field.schema as SafeParse).safeParse(value).success)
      throw new GuichetError('PAYMENT_MESSAGE_INVALID', `field ${key} of ${spec.command} is invalid`, {
        details: { field: key },
      });
    put(field.at[0], field.at[1], value);
  }
  const text = groups.map((group) => trimTrailing(group).join(SUB)).join(FIELD);
  return Buffer.from(text, 'latin1');
}

function trimTrailing(group: string[]): string[] {
  let end = group.length;
  while (end > 0 && group[end - 1] === '') end--;
  return group.slice(0, end);
}

export type DecodedMessage = { [N in MessageName]: { name: N; fields: MessageFields<N> } }[MessageName];

/** A message read field by field: the fields that passed their schema, and the names of those that did not. */
export type ReadMessage = {
  [N in MessageName]: { name: N; fields: Partial<MessageFields<N>>; invalidFields: string[] };
}[MessageName];

const REQUESTS = new Map<string, MessageName>();
const RESPONSES = new Map<string, MessageName>();
for (const [name, spec] of Object.entries(MESSAGES) as [MessageName, (typeof MESSAGES)[MessageName]][])
  (spec.kind === 'request' ? REQUESTS : RESPONSES).set(spec.command, name);

const VERSION = /^\d{1,2}\.\d{1,3}$/;

/**
 * Reads a payload field by field. A request starts with its command, a response with its status (`0`) and
 * command. Throws PAYMENT_MESSAGE_UNKNOWN for an unknown command and PAYMENT_MESSAGE_INVALID for a missing or
 * malformed version or a status other than 0; otherwise keeps each field that passes its schema (a missing field
 * reads as empty), so a caller can still tell which request an answer with a bad field belongs to.
 */
export function readMessage(payload: Uint8Array): ReadMessage {
  const parts = Buffer.from(payload)
    .toString('latin1')
    .split(FIELD)
    .map((group) => group.split(SUB));
  const first = parts[0]?.[0] ?? '';
  const second = parts[1]?.[0] ?? '';
  const name = REQUESTS.get(first) ?? (RESPONSES.has(second) ? RESPONSES.get(second) : undefined);
  if (!name)
    throw new GuichetError('PAYMENT_MESSAGE_UNKNOWN', 'unknown message command', {
      details: { command: (REQUESTS.has(first) ? first : second || first).slice(0, 8).replace(/[^\x20-\x7e]/g, '?') },
    });
  const spec = MESSAGES[name];
  const versionAt = spec.kind === 'request' ? 1 : 2;
  if (!VERSION.test(parts[versionAt]?.[0] ?? ''))
    throw new GuichetError('PAYMENT_MESSAGE_INVALID', `${spec.command} has no readable protocol version`, {
      details: { command: spec.command },
    });
  if (spec.kind === 'response' && first !== RESPONSE_STATUS_OK)
    throw new GuichetError('PAYMENT_MESSAGE_INVALID', `${spec.command} has status "${first.slice(0, 4)}", not 0`, {
      details: { command: spec.command },
    });
  const fields: Record<string, string> = {};
  const invalidFields: string[] = [];
  for (const [key, field] of Object.entries<FieldSpec>(spec.fields)) {
    const value = parts[field.at[0]]?.[field.at[1]] ?? '';
    if ((field.schema as SafeParse).safeParse(value).success) fields[key] = value;
    else invalidFields.push(key);
  }
  return { name, fields, invalidFields };
}

/** The typed error for a message with fields that fail their schema; the values are never echoed (card data). */
export function invalidMessageError(message: ReadMessage): GuichetError {
  const command = MESSAGES[message.name].command;
  return new GuichetError(
    'PAYMENT_MESSAGE_INVALID',
    `field ${message.invalidFields.join(', ')} of ${command} is invalid`,
    { details: { command, fields: message.invalidFields } },
  );
}

export function decodeMessage(payload: Uint8Array): DecodedMessage {
  const message = readMessage(payload);
  if (message.invalidFields.length > 0) throw invalidMessageError(message);
  return { name: message.name, fields: message.fields } as DecodedMessage;
}
