// Typed errors with stable codes: every failure a technician or a caller can act on carries a `code`
// (e.g. SLA_BAD_TIMEZONE, PRINTER_PAPER_END) and, where it wraps another failure, a `cause`.

export class GuichetError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: Code, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GuichetError';
    this.code = code;
    this.details = options?.details;
  }

  toJSON(): { code: Code; message: string; details?: Record<string, unknown> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isGuichetError(value: unknown, code?: string): value is GuichetError {
  return value instanceof GuichetError && (code === undefined || value.code === code);
}
