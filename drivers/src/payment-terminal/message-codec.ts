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
    const parsed = (spec.fields as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]!.safeParse(value);
    if (!parsed.success) throw new GuichetError('PAYMENT_MESSAGE_INVALID', `field ${key} of ${spec.command} is invalid`, { details: { field: key } });
    return value;
  });
  return Buffer.from([spec.command, PROTOCOL_VERSION, ...fields].join(SEPARATOR), 'latin1');
}

export type DecodedMessage = { [N in MessageName]: { name: N; fields: MessageFields<N> } }[MessageName];

const BY_COMMAND = new Map(Object.entries(MESSAGES).map(([name, spec]) => [spec.command as string, name as MessageName]));

export function decodeMessage(payload: Uint8Array): DecodedMessage {
  const parts = Buffer.from(payload).toString('latin1').split(SEPARATOR);
  const command = parts[0] ?? '';
  const name = BY_COMMAND.get(command);
  if (!name) throw new GuichetError('PAYMENT_MESSAGE_UNKNOWN', 'unknown message command', { details: { command: command.slice(0, 8).replace(/[^\x20-\x7e]/g, '?') } });
  const spec = MESSAGES[name];
  const keys = Object.keys(spec.fields);
  if (parts.length !== keys.length + 2) throw new GuichetError('PAYMENT_MESSAGE_INVALID', `${command} has ${parts.length - 2} fields, expected ${keys.length}`, { details: { command } });
  const fields: Record<string, string> = {};
  for (const [index, key] of keys.entries()) {
    const value = parts[index + 2] ?? '';
    const parsed = (spec.fields as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]!.safeParse(value);
    // The value itself is never echoed into the error: it could be card data.
    if (!parsed.success) throw new GuichetError('PAYMENT_MESSAGE_INVALID', `field ${key} of ${command} is invalid`, { details: { command, field: key } });
    fields[key] = value;
  }
  return { name, fields } as DecodedMessage;
}
