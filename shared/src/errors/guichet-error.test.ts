import { describe, expect, it } from 'vitest';
import { GuichetError, isGuichetError } from './guichet-error';

describe('GuichetError', () => {
  it('carries a stable code, a cause and serialises without the stack', () => {
    const cause = new Error('ECONNRESET');
    const error = new GuichetError('PRINTER_OFFLINE', 'printer did not answer', { cause, details: { port: 9100 } });
    expect(error.code).toBe('PRINTER_OFFLINE');
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'PRINTER_OFFLINE',
      message: 'printer did not answer',
      details: { port: 9100 },
    });
    expect(isGuichetError(error, 'PRINTER_OFFLINE')).toBe(true);
    expect(isGuichetError(error, 'OTHER')).toBe(false);
    expect(isGuichetError(new Error('x'))).toBe(false);
  });
});
