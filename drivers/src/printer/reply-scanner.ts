// Splits what a printer sends into process-ID responses (37h 22h d1..d4 00h, GS ( H fn 48) and single bytes.
// A process-ID answer holds digits such as '2' (32h) and '6' (36h) whose fixed bits look like a DLE EOT status
// byte, so it must be taken whole, wherever it lands, never byte by byte. Pure.
import { PROCESS_ID } from './escpos-commands';

export type ReplyToken = { kind: 'process-id'; id: string } | { kind: 'byte'; byte: number };

const FRAME_LENGTH = 7;

/** 'frame' (complete at the start), 'partial' (could still become one: wait for more), or 'none'. */
function frameAt(bytes: readonly number[]): 'frame' | 'partial' | 'none' {
  for (let i = 0; i < FRAME_LENGTH; i++) {
    if (i >= bytes.length) return 'partial';
    const byte = bytes[i] as number;
    const fits =
      i === 0
        ? byte === PROCESS_ID.header
        : i === 1
          ? byte === PROCESS_ID.identifier
          : i === FRAME_LENGTH - 1
            ? byte === 0x00
            : byte >= 0x30 && byte <= 0x39;
    if (!fits) return 'none';
  }
  return 'frame';
}

/**
 * Takes the first token off the front of `bytes` (mutated); undefined when `bytes` is empty or starts with the
 * beginning of a process-ID answer whose rest has not arrived yet.
 */
export function takeReplyToken(bytes: number[]): ReplyToken | undefined {
  if (bytes.length === 0) return undefined;
  const frame = frameAt(bytes);
  if (frame === 'partial') return undefined;
  if (frame === 'frame') {
    const id = String.fromCharCode(...bytes.slice(2, 6));
    bytes.splice(0, FRAME_LENGTH);
    return { kind: 'process-id', id };
  }
  return { kind: 'byte', byte: bytes.shift() as number };
}
