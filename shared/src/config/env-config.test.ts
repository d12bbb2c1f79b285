import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import { parseEnvConfig, startupFailureLine } from './env-config';

const Schema = z.object({
  name: z.string().min(1),
  token: z.string().min(4, 'must be at least 4 characters').optional(),
  everyMs: z.coerce.number({ error: 'must be a number' }).int().positive().default(1000),
});
const VARIABLES = { name: 'APP_NAME', token: 'APP_TOKEN', everyMs: 'APP_EVERY_MS' };

function failureOf(env: Record<string, string>): unknown {
  try {
    parseEnvConfig(Schema, env, VARIABLES);
  } catch (error) {
    return error;
  }
  throw new Error('expected a configuration error');
}

describe('parseEnvConfig', () => {
  it('reads each field from its variable, an empty value counting as unset', () => {
    expect(parseEnvConfig(Schema, { APP_NAME: 'x', APP_TOKEN: '', APP_EVERY_MS: '250' }, VARIABLES)).toEqual({
      name: 'x',
      everyMs: 250,
    });
  });

  it('names the variable of a missing or bad value in a CONFIG_INVALID error', () => {
    expect(failureOf({})).toMatchObject({ code: 'CONFIG_INVALID', message: 'APP_NAME: must be set' });
    expect(failureOf({ APP_NAME: 'x', APP_TOKEN: 'abc' })).toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'APP_TOKEN: must be at least 4 characters',
      details: { variable: 'APP_TOKEN' },
    });
    expect(failureOf({ APP_NAME: 'x', APP_EVERY_MS: 'soon' })).toMatchObject({
      message: 'APP_EVERY_MS: must be a number',
    });
  });
});

describe('startupFailureLine', () => {
  it('prints a configuration error as it is, another typed error with its code, and leaves the rest alone', () => {
    expect(startupFailureLine(new GuichetError('CONFIG_INVALID', 'APP_NAME: must be set'))).toBe(
      'APP_NAME: must be set',
    );
    expect(startupFailureLine(new GuichetError('PORT_BUSY', 'in use'))).toBe('PORT_BUSY: in use');
    expect(startupFailureLine(new Error('boom'))).toBeUndefined();
  });
});
