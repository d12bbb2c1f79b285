// The demo's settings from the environment: defaults, and a bad value named by its variable.
import { describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { DEFAULT_DEMO_TRAFFIC, demoConfigFromEnv, demoFleetHost } from './demo-config';

function failure(env: Record<string, string>): string {
  try {
    demoConfigFromEnv(env);
  } catch (error) {
    if (isGuichetError(error, 'CONFIG_INVALID')) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('demo configuration', () => {
  it('binds the demo fleet server to loopback unless HOST is set', () => {
    expect(demoFleetHost({})).toBe('127.0.0.1');
    expect(demoFleetHost({ HOST: '' })).toBe('127.0.0.1');
    expect(demoFleetHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
  });

  it('defaults to lively traffic on every kiosk; 0 turns the citizens off', () => {
    expect(demoConfigFromEnv({})).toEqual({ trafficPerHour: DEFAULT_DEMO_TRAFFIC, screenPort: 8090 });
    expect(DEFAULT_DEMO_TRAFFIC).toBe(30);
    expect(demoConfigFromEnv({ GUICHET_DEMO_TRAFFIC: '', GUICHET_DEMO_KIOSKS: '' })).toEqual({
      trafficPerHour: 30,
      screenPort: 8090,
    });
    expect(demoConfigFromEnv({ GUICHET_DEMO_TRAFFIC: '0', GUICHET_DEMO_KIOSKS: '4' })).toEqual({
      trafficPerHour: 0,
      kiosks: 4,
      screenPort: 8090,
    });
    expect(demoConfigFromEnv({ GUICHET_DEMO_SCREEN_PORT: '0' }).screenPort).toBe(0);
    expect(() => demoConfigFromEnv({ GUICHET_DEMO_SCREEN_PORT: '70000' })).toThrow(/GUICHET_DEMO_SCREEN_PORT/);
    expect(demoConfigFromEnv({ GUICHET_DEMO_TRAFFIC: '7.5' }).trafficPerHour).toBe(7.5);
  });

  it('names the variable of a bad value', () => {
    expect(failure({ GUICHET_DEMO_TRAFFIC: 'lots' })).toBe(
      'GUICHET_DEMO_TRAFFIC: must be a number of transactions per kiosk per hour, e.g. 30 (0 = none)',
    );
    expect(failure({ GUICHET_DEMO_TRAFFIC: '-1' })).toBe(
      'GUICHET_DEMO_TRAFFIC: must be 0 or more transactions per kiosk per hour',
    );
    expect(failure({ GUICHET_DEMO_KIOSKS: '2.5' })).toBe(
      'GUICHET_DEMO_KIOSKS: must be a whole number of kiosks, e.g. 5',
    );
    expect(failure({ GUICHET_DEMO_KIOSKS: '0' })).toBe('GUICHET_DEMO_KIOSKS: must be at least 1 kiosk');
  });
});
