import { CountEvictor, DeltaEvictor, GlobalWindow, TimeEvictor, type TimestampedValue } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

const ctx = { getCurrentProcessingTime: () => 0, getCurrentWatermark: () => 0 };
const tv = (pairs: [number, number][]): TimestampedValue<number>[] =>
  pairs.map(([value, timestamp]) => ({ value, timestamp }));
const w = GlobalWindow.INSTANCE;

describe('evictors', () => {
  it('CountEvictor keeps the last n, before or after the function', () => {
    const els = tv([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    CountEvictor.of(2).evictBefore(els, els.length, w, ctx);
    expect(els.map((e) => e.value)).toEqual([3, 4]);
    const els2 = tv([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const after = CountEvictor.of(1, true);
    after.evictBefore(els2, 3, w, ctx);
    expect(els2).toHaveLength(3);
    after.evictAfter(els2, 3, w, ctx);
    expect(els2.map((e) => e.value)).toEqual([3]);
  });

  it('TimeEvictor keeps elements newer than max timestamp - size', () => {
    const els = tv([
      [1, 100],
      [2, 105],
      [3, 111],
      [4, 108],
    ]);
    TimeEvictor.of(10).evictBefore(els, els.length, w, ctx);
    // max 111, cutoff 101: 100 goes, 105/111/108 stay
    expect(els.map((e) => e.value)).toEqual([2, 3, 4]);
  });

  it('DeltaEvictor drops elements too far from the last one', () => {
    const els = tv([
      [1, 0],
      [8, 0],
      [9, 0],
      [10, 0],
    ]);
    DeltaEvictor.of<number>(3, (a, b) => Math.abs(a - b)).evictBefore(els, els.length, w, ctx);
    expect(els.map((e) => e.value)).toEqual([8, 9, 10]);
  });
});
