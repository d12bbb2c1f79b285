// Encodes and decodes the ASCII messages of message-table.ts: command FS version FS field FS field …
// Decoding validates every field with zod and fails with a typed PAYMENT_MESSAGE_INVALID.
import { GuichetError } from '@guichet/shared';
import { FS } from './control-bytes';
import { MESSAGES, PROTOCOL_VERSION, type MessageFields, type MessageName } from './message-table';

const SEPARATOR = String.fromCharCode(FS);

export function encodeMessage<N extends MessageName>(name: N, values: MessageFields<N>): Buffer {
  const spec = MESSAGES[name];
  const fields = Object.keys(spec.fields).map((key) => {
    const value = (values as Record<string, string>)[key] ?? '';
    const parsed = (spec.fields as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]!.safeParse(
      value,
    );
    if (!parsed.success)
      throw new GuichetError('PAYMENT_MESSAGE_INVALID', `field ${key} of ${spec.command} is invalid`, {
        details: { field: key },
      });
    return value;
  });
  return Buffer.from([spec.command, PROTOCOL_VERSION, ...fields].join(SEPARATOR), 'latin1');
}

export type DecodedMessage = { [N in MessageName]: { name: N; fields: MessageFields<N> } }[MessageName];

/** A message read field by field: the fields that passed their schema, and the names of those that did not. */
export type ReadMessage = {
  [N in MessageName]: { name: N; fields: Partial<MessageFields<N>>; invalidFields: string[] };
}[MessageName];

const BY_COMMAND = new Map(
  Object.entries(MESSAGES).map(([name, spec]) => [spec.command as string, name as MessageName]),
);

/**
 * Reads a payload field by field. Throws PAYMENT_MESSAGE_UNKNOWN for an unknown command and
 * PAYMENT_MESSAGE_INVALID for a wrong field count (positions mean nothing then); otherwise keeps each field that
 * passes its schema, so a caller can still tell which request an answer with a bad field belongs to.
 */
export function readMessage(payload: Uint8Array): ReadMessage {
  const parts = Buffer.from(payload).toString('latin1').split(SEPARATOR);
  const command = parts[0] ?? '';
  const name = BY_COMMAND.get(command);
  if (!name)
    throw new GuichetError('PAYMENT_MESSAGE_UNKNOWN', 'unknown message command', {
      details: { command: command.slice(0, 8).replace(/[^\x20-\x7e]/g, '?') },
    });
  const spec = MESSAGES[name];
  const keys = Object.keys(spec.fields);
  if (parts.length !== keys.length + 2)
    throw new GuichetError(
      'PAYMENT_MESSAGE_INVALID',
      `${command} has ${parts.length - 2} fields, expected ${keys.length}`,
      { details: { command } },
    );
  const fields: Record<string, string> = {};
  const invalidFields: string[] = [];
  for (const [index, key] of keys.entries()) {
    const value = parts[index + 2] ?? '';
    const parsed = (spec.fields as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]!.safeParse(
      value,
    );
    if (parsed.success) fields[key] = value;
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
