import { describe, expect, it } from 'vitest';
import { eventually } from './eventually';

describe('eventually', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await eventually('third call', () => (++calls >= 3 ? `call ${calls}` : undefined), { everyMs: 1 });
    expect(value).toBe('call 3');
  });

  it('fails naming what it waited for and the last error', async () => {
    await expect(
      eventually(
        'a door that never opens',
        () => {
          throw new Error('still locked');
        },
        { timeoutMs: 30, everyMs: 5 },
      ),
    ).rejects.toThrow(/a door that never opens: still locked/);
  });
});
