// The one line loop of the `decode` commands (card-reader, id-scan): stdin split into lines as it streams, each
// decoded on its own; a bad line is one error on stderr naming its number and code, never its content, and the
// command carries on. A line past `maxChars` is reported bad the moment it passes the limit and the rest of it is
// skipped, so stdin without a newline cannot grow memory (readline buffers a whole line before anyone can look
// at its length).
import { StringDecoder } from 'node:string_decoder';
import { isGuichetError, type GuichetError } from '@guichet/shared';

export interface LineDecoder {
  /** The command as errors name it, e.g. `guichet card-reader decode`. */
  command: string;
  maxChars: number;
  /** Decodes one non-blank line (without its line break) to the JSON line to print; throws a GuichetError if bad. */
  decode(line: string): string;
  /** The error of a line longer than `maxChars`. */
  tooLong(): GuichetError;
}

/** Exit status: 0 when every line decoded, 1 when any was bad. Errors other than GuichetErrors propagate. */
export async function decodeLineStream(
  input: NodeJS.ReadableStream,
  decoder: LineDecoder,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let lineNumber = 1;
  let bad = 0;
  let line = '';
  let oversized = false;
  const fail = (error: unknown): void => {
    if (!isGuichetError(error)) throw error;
    bad += 1;
    err(`${decoder.command}: line ${lineNumber}: ${error.message} [${error.code}]`);
  };
  const endLine = (): void => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (!oversized && text.trim() !== '') {
      try {
        out(decoder.decode(text));
      } catch (error) {
        fail(error);
      }
    }
    line = '';
    oversized = false;
    lineNumber += 1;
  };
  const take = (text: string): void => {
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      if (!oversized) line += text.slice(from, newline);
      endLine();
      from = newline + 1;
    }
    if (!oversized) line += text.slice(from);
    if (!oversized && line.length > decoder.maxChars) {
      oversized = true;
      line = '';
      fail(decoder.tooLong());
    }
  };
  const utf8 = new StringDecoder('utf8');
  for await (const chunk of input) take(typeof chunk === 'string' ? chunk : utf8.write(chunk));
  take(utf8.end());
  if (line !== '' || oversized) endLine();
  return bad === 0 ? 0 : 1;
}
