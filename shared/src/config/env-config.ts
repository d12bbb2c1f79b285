// Configuration from environment variables, read once at start-up: a zod schema per program and the variable
// behind each field, so a bad or missing value is reported as one line naming the variable, never a stack trace
// (docs/conventions.md "Code": configuration).
import type { z } from 'zod';
import { GuichetError, isGuichetError } from '../errors/guichet-error';

export type EnvVariables<S extends z.ZodObject> = Partial<Record<keyof z.input<S> & string, string>>;

/**
 * Reads each field of `schema` from its variable in `env` (an empty value counts as unset) and validates the
 * whole. Fails with CONFIG_INVALID whose message is `VARIABLE: what is wrong` and whose details name the variable.
 */
export function parseEnvConfig<S extends z.ZodObject>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  variables: EnvVariables<S>,
): z.output<S> {
  const input: Record<string, string | undefined> = {};
  for (const [field, variable] of Object.entries(variables)) input[field] = env[variable!] || undefined;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0]);
  const variable = (variables as Record<string, string | undefined>)[field] ?? field;
  const what = input[field] === undefined ? 'must be set' : issue.message;
  throw new GuichetError('CONFIG_INVALID', `${variable}: ${what}`, { details: { variable } });
}

/** The one line an entry point prints for a typed start-up failure, or undefined for an unexpected error. */
export function startupFailureLine(error: unknown): string | undefined {
  if (!isGuichetError(error)) return undefined;
  return error.code === 'CONFIG_INVALID' ? error.message : `${error.code}: ${error.message}`;
}
