// Printable text without control characters: subjects, regions and names are shown in logs, the audit log and
// the console, where a newline or an escape sequence would forge lines.
import { z } from 'zod';

export const PrintableText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\p{C}]+$/u, 'must be printable text (no control characters)');
