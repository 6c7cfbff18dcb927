import { describe, expect, it } from 'vitest';
// Internal pieces (not exported by the package); read from the build.
import { createChannelSelector } from '../../dist/partition/channel-selector.js';
import { TimerQueue } from '../../dist/timers/timer-queue.js';

describe('TimerQueue', () => {
  it('returns timers in timestamp order, one timestamp per poll, deduplicated per (key, namespace, time)', () => {
    const q = new TimerQueue();
    expect(q.register(30, 'a', 'ns')).toBe(true);
    expect(q.register(10, 'b', 'ns')).toBe(true);
    expect(q.register(20, 'a', 'ns')).toBe(true);
    expect(q.register(10, 'a', 'ns')).toBe(true);
    expect(q.register(10, 'a', 'ns')).toBe(false); // duplicate
    expect(q.register(10, 'a', 'other')).toBe(true); // other namespace
    expect(q.size).toBe(5);
    const polled: [number, [unknown, unknown][]][] = [];
    for (;;) {
      const d = q.pollDue(25);
      if (d === undefined) break;
      polled.push([d.timestamp, d.timers.sort((x, y) => `${x}`.localeCompare(`${y}`))]);
    }
    expect(polled).toEqual([
      [
        10,
        [
          ['a', 'ns'],
          ['a', 'other'],
          ['b', 'ns'],
        ],
      ],
      [20, [['a', 'ns']]],
    ]);
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(30);
  });

  it('deleted timers do not fire, and re-registering after a delete works', () => {
    const q = new TimerQueue();
    q.register(5, 'k', 'n');
    q.register(7, 'k', 'n');
    q.delete(5, 'k', 'n');
    q.delete(5, 'missing', 'n'); // no-op
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(7);
    q.register(5, 'k', 'n');
    expect(q.pollDue(100)?.timestamp).toBe(5);
    expect(q.pollDue(100)?.timestamp).toBe(7);
    expect(q.pollDue(100)).toBeUndefined();
    expect(q.size).toBe(0);
  });
});

describe('channel selectors', () => {
  it('rebalance is round robin starting at the writer subtask index', () => {
    const s = createChannelSelector({ type: 'rebalance' }, 3, 1, 128);
    expect(Array.from({ length: 7 }, () => s.select(null))).toEqual([1, 2, 0, 1, 2, 0, 1]);
  });

  it('broadcast selects every channel (-1), forward and global the single first channel', () => {
    expect(createChannelSelector({ type: 'broadcast' }, 3, 0, 128).select(1)).toBe(-1);
    expect(createChannelSelector({ type: 'global' }, 1, 2, 128).select(1)).toBe(0);
    expect(createChannelSelector({ type: 'forward' }, 1, 2, 128).select(1)).toBe(0);
  });

  it('a custom partitioner result outside [0, n) is a clear error', () => {
    const bad = createChannelSelector(
      { type: 'custom', keySelector: (v: number) => v, partition: (k: number) => k },
      2,
      0,
      128,
    );
    expect(bad.select(1)).toBe(1);
    expect(() => bad.select(2)).toThrow(/Custom partitioner returned 2; expected an integer in \[0, 2\)/);
    expect(() => bad.select(-1)).toThrow(/returned -1/);
    expect(() => bad.select(0.5)).toThrow(/returned 0.5/);
  });
});
