import { ManualClock } from '@tributary/core';
import {
  ProcessingTimeSessionWindows,
  ProcessingTimeTrigger,
  StreamExecutionEnvironment,
  type TimeWindow,
  type Trigger,
  TumblingProcessingTimeWindows,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { addV, type Ev, ev, pushable } from './helpers.js';

/**
 * The default processing-time trigger, counting elements the window operator has assigned: the test advances
 * the clock only once the operator has seen what was pushed (otherwise an element could land in a later window).
 */
function countingTrigger(): { trigger: Trigger<Ev, TimeWindow>; seen: () => number } {
  const inner = ProcessingTimeTrigger.create();
  let n = 0;
  const trigger: Trigger<Ev, TimeWindow> = {
    onElement(e, ts, w, ctx) {
      n++;
      return inner.onElement(e, ts, w, ctx);
    },
    onEventTime: () => inner.onEventTime(),
    onProcessingTime: () => inner.onProcessingTime(),
    canMerge: () => true,
    onMerge: (w, ctx) => inner.onMerge(w, ctx),
    clear: (w, ctx) => inner.clear(w, ctx),
    toString: () => 'CountingProcessingTimeTrigger',
  };
  return { trigger, seen: () => n };
}

async function until(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('processing-time windows', () => {
  it('tumbling processing-time windows fire as the clock passes their end', async () => {
    const clock = new ManualClock(0);
    const env = StreamExecutionEnvironment.create().setClock(clock);
    const src = pushable<Ev>();
    const { trigger, seen } = countingTrigger();
    const results = env
      .fromAsyncIterable(src)
      .keyBy((e) => e.k)
      .window(TumblingProcessingTimeWindows.of(100))
      .trigger(trigger)
      .reduce(addV)
      .map((e) => `${e.k}:${e.v}`)
      .executeAndCollect();
    const it = results[Symbol.asyncIterator]();

    src.push(ev('a', 1, 0));
    src.push(ev('b', 2, 0));
    await until(() => seen() === 2);
    clock.advanceTo(50);
    src.push(ev('a', 3, 0));
    await until(() => seen() === 3);
    clock.advanceTo(99); // window [0,100) fires at its max timestamp 99
    const first = [(await it.next()).value, (await it.next()).value].sort();
    expect(first).toEqual(['a:4', 'b:2']);

    clock.advanceTo(100);
    src.push(ev('a', 10, 0)); // now in [100,200)
    await until(() => seen() === 4);
    clock.advanceTo(150);
    src.push(ev('a', 20, 0));
    await until(() => seen() === 5);
    clock.advanceTo(250);
    expect((await it.next()).value).toBe('a:30');
    src.end();
    expect((await it.next()).done).toBe(true);
  });

  it('processing-time session windows merge while the gap has not passed', async () => {
    const clock = new ManualClock(1000);
    const env = StreamExecutionEnvironment.create().setClock(clock);
    const src = pushable<Ev>();
    const { trigger, seen } = countingTrigger();
    const it = env
      .fromAsyncIterable(src)
      .keyBy((e) => e.k)
      .window(ProcessingTimeSessionWindows.withGap(50))
      .trigger(trigger)
      .apply<string>((k, w, els, out) => out.collect(`${k} [${w.start},${w.end}) ${els.length}`))
      .executeAndCollect()
      [Symbol.asyncIterator]();
    src.push(ev('a', 1, 0)); // [1000,1050)
    await until(() => seen() === 1);
    clock.advanceTo(1030);
    src.push(ev('a', 1, 0)); // [1030,1080) -> [1000,1080)
    await until(() => seen() === 2);
    clock.advanceTo(1060); // the first session's old end has passed, but it was merged: no firing
    src.push(ev('b', 1, 0)); // [1060,1110)
    await until(() => seen() === 3);
    clock.advanceTo(1079);
    expect((await it.next()).value).toBe('a [1000,1080) 2');
    clock.advanceTo(1200);
    expect((await it.next()).value).toBe('b [1060,1110) 1');
    src.end();
    expect((await it.next()).done).toBe(true);
  });
});
