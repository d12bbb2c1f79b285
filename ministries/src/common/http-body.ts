// Reads an HTTP request body with a size limit (a legacy service answers 413 rather than buffering forever).
import type { IncomingMessage } from 'node:http';
import { GuichetError } from '@guichet/shared';

export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new GuichetError('SIM_BODY_TOO_LARGE', `request body over ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
