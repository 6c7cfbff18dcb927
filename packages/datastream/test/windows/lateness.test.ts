import {
  type Collector,
  OutputTag,
  type ProcessWindowContext,
  StreamExecutionEnvironment,
  type TimeWindow,
  TumblingEventTimeWindows,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { addV, type Ev, ev, timed, wm } from './helpers.js';

/** "key [start,end) sum firing#n" — the firing count is per-window state, so re-firings are visible. */
const summarize = {
  process(key: string, ctx: ProcessWindowContext<TimeWindow>, els: readonly Ev[], out: Collector<string>) {
    const n = ctx.windowState().getState<number>({ kind: 'value', name: 'firings' });
    n.update((n.value() ?? 0) + 1);
    const sum = els.reduce((s, e) => s + e.v, 0);
    out.collect(`${key} [${ctx.window().start},${ctx.window().end}) ${sum} #${n.value()}`);
  },
  clear(ctx: ProcessWindowContext<TimeWindow>) {
    ctx.windowState().getState<number>({ kind: 'value', name: 'firings' }).clear();
  },
};

describe('late data', () => {
  it('without allowed lateness, late elements are dropped and counted, or sent to the late side output', async () => {
    const input = [
      ev('a', 1, 1),
      ev('a', 2, 5),
      wm(10), // fires [0,10) with 3
      ev('a', 100, 7), // late: 7 <= 10
      ev('a', 4, 11),
      ev('a', 200, 9), // late
      ev('a', 8, 10), // 10 <= watermark 10, but its window [10,20) is still open: kept
    ];
    // Dropped and counted.
    const env = StreamExecutionEnvironment.create();
    const stream = timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .process(summarize, 'Win');
    const collected = stream.executeAndCollect();
    expect(await collected.toArray()).toEqual(['a [0,10) 3 #1', 'a [10,20) 12 #1']);
    await collected.job.result();
    const metrics = collected.job.metrics();
    const dropped = metrics!.tasks
      .flatMap((t) => t.operators)
      .filter((o) => o.operator === 'Win')
      .reduce((s, o) => s + o.lateRecordsDropped, 0);
    expect(dropped).toBe(2);

    // Sent to the side output instead.
    const env2 = StreamExecutionEnvironment.create();
    const late = new OutputTag<Ev>('late');
    const main = timed(env2, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .sideOutputLateData(late)
      .process(summarize);
    const out = await main
      .getSideOutput(late)
      .map((e) => `late ${e.v}@${e.t}`)
      .union(main)
      .executeAndCollect()
      .toArray();
    expect(out.sort()).toEqual(['a [0,10) 3 #1', 'a [10,20) 12 #1', 'late 100@7', 'late 200@9'].sort());
  });

  it('allowed lateness re-fires the window with all its elements, then cleans up at end + lateness', async () => {
    const env = StreamExecutionEnvironment.create();
    const late = new OutputTag<Ev>('late');
    const input = [
      ev('a', 1, 1),
      ev('a', 2, 5),
      wm(10), // fires [0,10): 3 (#1)
      ev('a', 10, 7), // late but within lateness 5 (window cleaned at 9 + 5 = 14): re-fire 13 (#2)
      wm(13),
      ev('a', 20, 2), // still within: re-fire 33 (#3)
      wm(14), // cleanup of [0,10)
      ev('a', 1000, 3), // too late now: side output
      ev('a', 7, 12),
      wm(30), // fires [10,20): 7
    ];
    const main = timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .allowedLateness(5)
      .sideOutputLateData(late)
      .process(summarize);
    const out = await main
      .getSideOutput(late)
      .map((e) => `late ${e.v}@${e.t}`)
      .union(main)
      .executeAndCollect()
      .toArray();
    const mainOut = out.filter((s) => !s.startsWith('late'));
    expect(mainOut).toEqual(['a [0,10) 3 #1', 'a [0,10) 13 #2', 'a [0,10) 33 #3', 'a [10,20) 7 #1']);
    expect(out.filter((s) => s.startsWith('late'))).toEqual(['late 1000@3']);
  });

  it('incremental aggregation re-fires with the updated aggregate under allowed lateness', async () => {
    const env = StreamExecutionEnvironment.create();
    const input = [ev('a', 1, 1), wm(9), ev('a', 2, 3), ev('a', 4, 4), wm(100), ev('a', 8, 5)];
    const out = await timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .allowedLateness(50)
      .reduce(addV)
      .map((e) => e.v)
      .executeAndCollect()
      .toArray();
    // fired at wm 9 (1), re-fired by each in-lateness element (3, 7); cleaned at 59 so the element at 5 is dropped
    expect(out).toEqual([1, 3, 7]);
  });
});
