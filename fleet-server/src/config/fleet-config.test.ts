// The fleet configuration's people-and-sign-in settings from the environment: the admin token's strength, the
// cookie's Secure flag, the trusted proxies; each bad value one CONFIG_INVALID naming its variable.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fleetConfigFromEnv } from './fleet-config';

const BASE = { GUICHET_SITES_FILE: 'sites.json' };

describe('fleet configuration: sign-in settings', () => {
  it('accepts a random admin token, none at all, and reads the cookie and proxy settings', () => {
    const token = crypto.randomBytes(32).toString('base64');
    const config = fleetConfigFromEnv({
      ...BASE,
      GUICHET_ADMIN_TOKEN: token,
      GUICHET_COOKIE_SECURE: '1',
      GUICHET_TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
    expect(config).toMatchObject({ adminToken: token, cookieSecure: true, trustProxy: 'loopback, 10.0.0.0/8' });
    const bare = fleetConfigFromEnv(BASE);
    expect(bare.adminToken).toBeUndefined();
    expect(bare.cookieSecure).toBeUndefined();
    expect(fleetConfigFromEnv({ ...BASE, GUICHET_COOKIE_SECURE: '0' }).cookieSecure).toBe(false);
    expect(fleetConfigFromEnv({ ...BASE, GUICHET_TRUST_PROXY: '2' }).trustProxy).toBe('2');
  });

  it('refuses a weak admin token, a bad cookie flag and an unknown proxy, naming the variable', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        fleetConfigFromEnv({ ...BASE, ...env });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ GUICHET_ADMIN_TOKEN: 'password'.repeat(5) })).toMatch(
      /^GUICHET_ADMIN_TOKEN: is too guessable \(about \d+ bits estimated/,
    );
    expect(refusal({ GUICHET_COOKIE_SECURE: 'yes' })).toBe('GUICHET_COOKIE_SECURE: must be 1 or 0');
    expect(refusal({ GUICHET_TRUST_PROXY: '10.0.0.999' })).toBe(
      'GUICHET_TRUST_PROXY: must be loopback, linklocal, uniquelocal, addresses or subnets separated by commas, or a hop count',
    );
  });
});
