import {
  ContinuousEventTimeTrigger,
  CountTrigger,
  type Evictor,
  GlobalWindows,
  StreamExecutionEnvironment,
  type TimeWindow,
  type Trigger,
  TriggerResult,
  TumblingEventTimeWindows,
  type Window,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { addV, type Ev, ev, timed, wm } from './helpers.js';

const values = (k: string, vs: number[]) => vs.map((v, i) => ev(k, v, i));

describe('count windows, triggers and evictors', () => {
  it('countWindow(n) fires every n elements per key and purges', async () => {
    const env = StreamExecutionEnvironment.create();
    const input = [...values('a', [1, 2, 3, 4, 5, 6, 7]), ...values('b', [10, 20])];
    const out = await env
      .fromCollection(input)
      .keyBy((e) => e.k)
      .countWindow(3)
      .reduce(addV)
      .map((e) => `${e.k}:${e.v}`)
      .executeAndCollect()
      .toArray();
    // a: 1+2+3, 4+5+6; the 7 and b's two elements never fill a window
    expect(out).toEqual(['a:6', 'a:15']);
  });

  it('countWindow(size, slide) fires every slide elements over the last size elements', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await env
      .fromCollection(values('a', [1, 2, 3, 4, 5, 6, 7]))
      .keyBy((e) => e.k)
      .countWindow(3, 2)
      .apply<string>((_k, _w, els, o) => o.collect(els.map((e) => e.v).join(',')))
      .executeAndCollect()
      .toArray();
    // fires after elements 2, 4, 6, keeping the last 3
    expect(out).toEqual(['1,2', '2,3,4', '4,5,6']);

    // With an evictor, reduce and aggregate run over what is left after eviction when the window fires.
    const env2 = StreamExecutionEnvironment.create();
    const sums = await env2
      .fromCollection(values('a', [1, 2, 3, 4, 5, 6, 7]))
      .keyBy((e) => e.k)
      .countWindow(3, 2)
      .aggregate({ createAccumulator: () => 0, add: (e: Ev, a: number) => a + e.v, getResult: (a: number) => a })
      .executeAndCollect()
      .toArray();
    expect(sums).toEqual([3, 9, 15]);
  });

  it('a custom trigger fires early on large elements and purges; a custom evictor drops odd values', async () => {
    /** FIRE_AND_PURGE on an element >= 100, FIRE at the end of the window. */
    const bigOrEnd: Trigger<Ev, TimeWindow> = {
      onElement(e, _ts, w, ctx) {
        if (e.v >= 100) return TriggerResult.FIRE_AND_PURGE;
        ctx.registerEventTimeTimer(w.maxTimestamp());
        return TriggerResult.CONTINUE;
      },
      onEventTime: (time, w) => (time === w.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE),
      onProcessingTime: () => TriggerResult.CONTINUE,
      clear(w, ctx) {
        ctx.deleteEventTimeTimer(w.maxTimestamp());
      },
      toString: () => 'BigOrEnd',
    };
    const dropOdd: Evictor<Ev, Window> = {
      evictBefore(els) {
        for (let i = els.length - 1; i >= 0; i--) if (els[i]!.value.v % 2 === 1) els.splice(i, 1);
      },
      evictAfter() {},
    };
    const env = StreamExecutionEnvironment.create();
    const input = [ev('a', 1, 1), ev('a', 2, 2), ev('a', 100, 3), ev('a', 4, 4), ev('a', 5, 5), ev('a', 6, 12)];
    const out = await timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .trigger(bigOrEnd)
      .evictor(dropOdd)
      .apply<string>((_k, w, els, o) => o.collect(`${w.start}:${els.map((e) => e.v).join(',')}`))
      .executeAndCollect()
      .toArray();
    // [0,10): fired at 100 with 1,2,100 minus odd -> 2,100, purged; at the end 4,5 -> 4; [10,20): 6
    expect(out).toEqual(['0:2,100', '0:4', '10:6']);
  });

  it('a CountTrigger on event-time windows replaces the default trigger', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await timed(env, values('a', [1, 2, 3, 4, 5]))
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(100))
      .trigger(CountTrigger.of(2))
      .reduce(addV)
      .map((e) => e.v)
      .executeAndCollect()
      .toArray();
    // no purge: fires after 2 and 4 elements with the running sums; never at the window end
    expect(out).toEqual([3, 10]);
  });

  it('ContinuousEventTimeTrigger fires every interval of event time and at the window end', async () => {
    const env = StreamExecutionEnvironment.create();
    const input = [ev('a', 1, 5), wm(25), ev('a', 2, 30), wm(45), wm(100)];
    const out = await timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(100))
      .trigger(ContinuousEventTimeTrigger.of(20))
      .reduce(addV)
      .process<string>({
        processElement(e, ctx, o) {
          o.collect(`${e.v}@${ctx.timestamp()}`);
        },
      })
      .executeAndCollect()
      .toArray();
    // firings at event times 20, 40, 60, 80 and the end (99); output timestamps are the window's max timestamp
    expect(out).toEqual(['1@99', '3@99', '3@99', '3@99', '3@99']);
  });

  it('GlobalWindows never fire with the default trigger', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await env
      .fromCollection(values('a', [1, 2, 3]))
      .keyBy((e) => e.k)
      .window(GlobalWindows.create())
      .reduce(addV)
      .executeAndCollect()
      .toArray();
    expect(out).toEqual([]);
  });

  it('GlobalWindows with the end-of-stream trigger fire once at the end of input', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await env
      .fromSequence(1, 5)
      .keyBy((x) => x % 2)
      .window(GlobalWindows.createWithEndOfStreamTrigger())
      .reduce((a, b) => a + b)
      .executeAndCollect()
      .toArray();
    expect(out.sort()).toEqual([1 + 3 + 5, 2 + 4].sort());
  });
});
