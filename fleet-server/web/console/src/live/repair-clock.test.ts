// The queue's order and the countdown, from the server's seconds-left and the client's estimate of server time.
import { describe, expect, it } from 'vitest';
import { FIXTURE_AT, incidentFixture } from './incident-fixture';
import { isBreached, repairQueue, secondsLeft } from './repair-clock';

const AT = FIXTURE_AT;

const incident = incidentFixture;

describe('repair clock', () => {
  it('counts down from the server instant while running, and stands still while paused', () => {
    expect(secondsLeft(incident('a', 600, true), AT + 90_000)).toBe(510);
    expect(secondsLeft(incident('a', 600, false), AT + 90_000)).toBe(600);
    // A client estimate slightly behind the push does not add time.
    expect(secondsLeft(incident('a', 600, true), AT - 5_000)).toBe(600);
  });

  it('is breached at zero, or when the engine says the repair missed the limit', () => {
    expect(isBreached(incident('a', 10, true), AT + 9_000)).toBe(false);
    expect(isBreached(incident('a', 10, true), AT + 10_000)).toBe(true);
    expect(isBreached(incident('a', 300, false, { withinSla: false }), AT)).toBe(true);
  });

  it('orders breached first, then least time left; resolved incidents leave the queue', () => {
    const queue = repairQueue(
      [
        incident('fresh', 7000, true),
        incident('paused', 900, false),
        incident('late', -60, true),
        incident('soon', 300, true),
        incident('done', 10, true, { state: 'resolved' }),
        incident('later-breach', -3000, true),
      ],
      AT,
    );
    expect(queue.map((i) => i.incidentId)).toEqual(['later-breach', 'late', 'soon', 'paused', 'fresh']);
    // Ten minutes on, the running "soon" is breached and the paused one has not moved.
    expect(repairQueue(queue, AT + 600_000).map((i) => i.incidentId)).toEqual([
      'later-breach',
      'late',
      'soon',
      'paused',
      'fresh',
    ]);
    expect(secondsLeft(queue[3]!, AT + 600_000)).toBe(900);
  });
});
