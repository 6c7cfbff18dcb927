import {
  EventTimeSessionWindows,
  GlobalWindow,
  GlobalWindows,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  TimeWindow,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
} from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

const noClock = { getCurrentProcessingTime: () => 0 };
const bounds = (ws: readonly TimeWindow[]) => ws.map((w) => [w.start, w.end]);

describe('window assigners', () => {
  it('computes window starts with offsets, including negative timestamps', () => {
    expect(TimeWindow.getWindowStartWithOffset(7, 0, 5)).toBe(5);
    expect(TimeWindow.getWindowStartWithOffset(5, 0, 5)).toBe(5);
    expect(TimeWindow.getWindowStartWithOffset(-1, 0, 5)).toBe(-5);
    expect(TimeWindow.getWindowStartWithOffset(-5, 0, 5)).toBe(-5);
    expect(TimeWindow.getWindowStartWithOffset(-6, 0, 5)).toBe(-10);
    expect(TimeWindow.getWindowStartWithOffset(7, 2, 5)).toBe(7);
    expect(TimeWindow.getWindowStartWithOffset(6, 2, 5)).toBe(2);
    expect(TimeWindow.getWindowStartWithOffset(1, -2, 5)).toBe(-2);
  });

  it('tumbling event-time windows are [start, start + size) with maxTimestamp end - 1', () => {
    const a = TumblingEventTimeWindows.of(10);
    expect(bounds(a.assignWindows(null, 0, noClock))).toEqual([[0, 10]]);
    expect(bounds(a.assignWindows(null, 9, noClock))).toEqual([[0, 10]]);
    expect(bounds(a.assignWindows(null, 10, noClock))).toEqual([[10, 20]]);
    expect(bounds(a.assignWindows(null, -3, noClock))).toEqual([[-10, 0]]);
    expect(a.assignWindows(null, 3, noClock)[0]!.maxTimestamp()).toBe(9);
    // An hour offset: days starting at 01:00.
    const day = 24 * 3600_000;
    const b = TumblingEventTimeWindows.of(day, 3600_000);
    expect(bounds(b.assignWindows(null, 1800_000, noClock))).toEqual([[3600_000 - day, 3600_000]]);
    expect(a.isEventTime()).toBe(true);
    expect(String(a.getDefaultTrigger())).toBe('EventTimeTrigger');
    // The namespace (end) gives back an equal window.
    const w = a.assignWindows(null, 42, noClock)[0]!;
    expect(a.windowOf(a.namespaceOf(w)).equals(w)).toBe(true);
  });

  it('rejects bad parameters and records without timestamps', () => {
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(/size must be a positive number/);
    expect(() => TumblingEventTimeWindows.of(10, 10)).toThrow(/abs\(offset\) < size/);
    expect(() => SlidingEventTimeWindows.of(10, 5, 5)).toThrow(/abs\(offset\) < slide/);
    expect(() => EventTimeSessionWindows.withGap(-1)).toThrow(/gap must be a positive/);
    expect(() => TumblingEventTimeWindows.of(10).assignWindows(null, Number.NEGATIVE_INFINITY, noClock)).toThrow(
      /without a timestamp/,
    );
  });

  it('sliding windows: every window containing the element, latest start first', () => {
    const a = SlidingEventTimeWindows.of(10, 5);
    expect(bounds(a.assignWindows(null, 7, noClock))).toEqual([
      [5, 15],
      [0, 10],
    ]);
    expect(bounds(a.assignWindows(null, -3, noClock))).toEqual([
      [-5, 5],
      [-10, 0],
    ]);
    // size not a multiple of slide: windows of [t - size, t] starts
    const b = SlidingEventTimeWindows.of(7, 3);
    expect(bounds(b.assignWindows(null, 6, noClock))).toEqual([
      [6, 13],
      [3, 10],
      [0, 7],
    ]);
    expect(bounds(b.assignWindows(null, 7, noClock))).toEqual([
      [6, 13],
      [3, 10],
    ]);
    // with offset 1: starts at 1 + 5k
    const c = SlidingEventTimeWindows.of(10, 5, 1);
    expect(bounds(c.assignWindows(null, 7, noClock))).toEqual([
      [6, 16],
      [1, 11],
    ]);
  });

  it('processing-time assigners use the clock, not the record timestamp', () => {
    const clock = { getCurrentProcessingTime: () => 1234 };
    expect(bounds(TumblingProcessingTimeWindows.of(100).assignWindows(null, 5, clock))).toEqual([[1200, 1300]]);
    expect(bounds(SlidingProcessingTimeWindows.of(100, 50).assignWindows(null, 5, clock))).toEqual([
      [1200, 1300],
      [1150, 1250],
    ]);
    expect(TumblingProcessingTimeWindows.of(100).isEventTime()).toBe(false);
  });

  it('session windows start at the element and merge when they overlap or touch', () => {
    const a = EventTimeSessionWindows.withGap(5);
    expect(bounds(a.assignWindows(null, 3, noClock))).toEqual([[3, 8]]);
    const dyn = EventTimeSessionWindows.withDynamicGap<{ gap: number }>((e) => e.gap);
    expect(bounds(dyn.assignWindows({ gap: 2 }, 3, noClock))).toEqual([[3, 5]]);
    expect(() => dyn.assignWindows({ gap: 0 }, 3, noClock)).toThrow(/positive number/);
    const merges: [number[][], number[]][] = [];
    a.mergeWindows(
      [
        new TimeWindow(10, 15),
        new TimeWindow(0, 5),
        new TimeWindow(5, 8),
        new TimeWindow(20, 25),
        new TimeWindow(22, 23),
      ],
      (group, cover) => merges.push([bounds(group), [cover.start, cover.end]]),
    );
    expect(merges).toEqual([
      [
        [
          [0, 5],
          [5, 8],
        ],
        [0, 8],
      ],
      [
        [
          [20, 25],
          [22, 23],
        ],
        [20, 25],
      ],
    ]);
    const w = new TimeWindow(-3, 12);
    expect(a.windowOf(a.namespaceOf(w)).equals(w)).toBe(true);
  });

  it('global windows put everything in one window that never fires by default', () => {
    const g = GlobalWindows.create();
    expect(g.assignWindows()).toEqual([GlobalWindow.INSTANCE]);
    expect(String(g.getDefaultTrigger())).toBe('NeverTrigger');
    expect(GlobalWindow.INSTANCE.maxTimestamp()).toBe(Number.MAX_SAFE_INTEGER);
  });
});
