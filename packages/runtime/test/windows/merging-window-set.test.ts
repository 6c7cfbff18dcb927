import { ManualClock } from '@tributary/core';
import {
  EventTimeSessionWindows,
  HeapKeyedStateBackend,
  type MergingWindowEntries,
  MergingWindowSet,
  type Namespace,
  StateDescriptors,
  TimeWindow,
  type ValueState,
} from '@tributary/runtime';
import { describe, expect, it } from 'vitest';

/** The set's persisted mapping lives in a real heap keyed state, under key 'k'. */
function mappingState(): ValueState<MergingWindowEntries> {
  const backend = new HeapKeyedStateBackend({ start: 0, end: 127 }, 128, new ManualClock(0));
  backend.setCurrentKey('k');
  return backend.getOrCreateState<ValueState<MergingWindowEntries>>(StateDescriptors.value('_merging-window-set'));
}

describe('MergingWindowSet', () => {
  const assigner = EventTimeSessionWindows.withGap(5);
  const w = (s: number, e: number) => new TimeWindow(s, e);

  it('tracks state windows across merges and reports what to merge', () => {
    const state = mappingState();
    const set = new MergingWindowSet<TimeWindow>(assigner as never, state);
    const merges: string[] = [];
    const record = (r: TimeWindow, merged: TimeWindow[], sr: Namespace, ms: Namespace[]) =>
      merges.push(`${r.start}-${r.end} <- ${merged.map((m) => `${m.start}-${m.end}`).join(',')} state ${sr} + [${ms}]`);

    expect(set.addWindow(w(0, 5), record)).toEqual(w(0, 5));
    expect(set.getStateWindow('0:5')).toBe('0:5');
    expect(set.addWindow(w(10, 15), record)).toEqual(w(10, 15));
    expect(merges).toEqual([]);

    // Inside an existing window: nothing to merge, same window.
    expect(set.addWindow(w(1, 4), record)).toEqual(w(0, 5));
    expect(merges).toEqual([]);

    // Extends [0,5) to [0,8): state stays in the first state window.
    expect(set.addWindow(w(3, 8), record)).toEqual(w(0, 8));
    expect(merges).toEqual(['0-8 <- 0-5 state 0:5 + []']);
    expect(set.getStateWindow('0:8')).toBe('0:5');

    // Bridges [0,8) and [10,15): the state of 10:15 is merged into 0:5.
    expect(set.addWindow(w(7, 12), record)).toEqual(w(0, 15));
    expect(merges[1]).toBe('0-15 <- 0-8,10-15 state 0:5 + [10:15]');
    expect(set.getStateWindow('0:15')).toBe('0:5');
    expect(set.getStateWindow('0:8')).toBeUndefined();

    set.persist();
    expect(state.value()).toEqual([['0:15', '0:5']]);
    // A new set over the same state sees the same mapping.
    const again = new MergingWindowSet<TimeWindow>(assigner as never, state);
    expect(again.getStateWindow('0:15')).toBe('0:5');
    again.retireWindow('0:15');
    again.persist();
    expect(state.value()).toBeUndefined();
  });
});
