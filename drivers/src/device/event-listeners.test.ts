import { describe, expect, it } from 'vitest';
import { EventListeners } from './event-listeners';

type Events = { data: [Buffer]; close: [Error?] };

describe('EventListeners', () => {
  it('delivers each event to its own listeners, with its arguments, in subscription order', () => {
    const events = new EventListeners<Events>();
    const seen: string[] = [];
    events.on('data', (chunk) => seen.push(`a:${chunk.toString()}`));
    events.on('data', (chunk) => seen.push(`b:${chunk.toString()}`));
    events.on('close', (error) => seen.push(`close:${error?.message ?? 'clean'}`));
    events.emit('data', Buffer.from('x'));
    events.emit('close');
    events.emit('close', new Error('unplugged'));
    expect(seen).toEqual(['a:x', 'b:x', 'close:clean', 'close:unplugged']);
  });

  it('unsubscribes one subscription at a time, even of the same function, and twice is harmless', () => {
    const events = new EventListeners<Events>();
    let calls = 0;
    const listener = (): void => void calls++;
    const first = events.on('close', listener);
    events.on('close', listener);
    first();
    first();
    events.emit('close');
    expect(calls).toBe(1);
    expect(events.count('close')).toBe(1);
  });

  it('a listener that unsubscribes or subscribes during an emit does not disturb that emit', () => {
    const events = new EventListeners<Events>();
    const seen: string[] = [];
    const offA = events.on('close', () => {
      seen.push('a');
      offA();
      events.on('close', () => seen.push('late'));
    });
    events.on('close', () => seen.push('b'));
    events.emit('close');
    events.emit('close');
    expect(seen).toEqual(['a', 'b', 'b', 'late']);
  });

  it('emitting an event nobody listens to does nothing', () => {
    const events = new EventListeners<Events>();
    expect(() => events.emit('data', Buffer.of(1))).not.toThrow();
    expect(events.count('data')).toBe(0);
  });
});
