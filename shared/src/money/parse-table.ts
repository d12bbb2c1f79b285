// Parsing of the effective-dated money tables (fee schedules, price lists) at their boundary: on failure one
// typed GuichetError that names every problem with its path, so whoever edits the data can fix it in one go.
import type { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';

export function parseTable<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  code: string,
  what: string,
): z.output<Schema> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new GuichetError(code, `invalid ${what}: ${problems.join('; ')}`, {
      cause: result.error,
      details: { problems },
    });
  }
  return result.data;
}
