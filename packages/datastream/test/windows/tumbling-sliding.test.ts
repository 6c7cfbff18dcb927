import {
  type Collector,
  OutputTag,
  type ProcessWindowContext,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  type TimeWindow,
  TumblingEventTimeWindows,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { type Ev, ev, sorted, timed, wm } from './helpers.js';

const sumAgg = {
  createAccumulator: () => 0,
  add: (e: Ev, acc: number) => acc + e.v,
  getResult: (acc: number) => acc,
  merge: (a: number, b: number) => a + b,
};

/** Emits "key [start,end) result @outputTimestamp" so tests check window bounds and the output timestamp. */
const describeWindow = {
  process(key: string, ctx: ProcessWindowContext<TimeWindow>, els: readonly number[], out: Collector<string>) {
    const w = ctx.window();
    out.collect(`${key} [${w.start},${w.end}) ${els[0]}`);
  },
};

describe('event-time tumbling and sliding windows', () => {
  it('tumbling windows over out-of-order input fire when the watermark passes their end', async () => {
    const env = StreamExecutionEnvironment.create();
    const input = [
      ev('a', 1, 1),
      ev('a', 2, 5),
      ev('b', 10, 3),
      ev('a', 3, 12), // next window, before the first one fired
      ev('a', 4, 8), // out of order, still in time
      wm(9), // fires [0,10): a = 1+2+4, b = 10
      ev('a', 5, 15),
      ev('b', 20, 19),
      ev('b', 30, 20), // [20,30)
      wm(19), // fires [10,20): a = 3+5, b = 20
    ];
    const results: string[] = [];
    const out = await timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .aggregate(sumAgg, describeWindow)
      .process<string>({
        // records carry the window's max timestamp (end - 1)
        processElement(v, ctx, o) {
          o.collect(`${v} @${ctx.timestamp()}`);
        },
      })
      .executeAndCollect()
      .toArray();
    results.push(...out);
    expect(sorted(results)).toEqual(
      sorted([
        'a [0,10) 7 @9',
        'b [0,10) 10 @9',
        'a [10,20) 8 @19',
        'b [10,20) 20 @19',
        'b [20,30) 30 @29', // fired by the final watermark at end of input
      ]),
    );
    // Windows fire in watermark order: everything of [0,10) before anything of [10,20).
    const firstLater = results.findIndex((r) => r.includes('[10,20)'));
    expect(results.slice(0, firstLater).every((r) => r.includes('[0,10)'))).toBe(true);
  });

  it('reduce, sum, min, max, minBy, maxBy per window', async () => {
    const input = [ev('a', 3, 1), ev('a', 1, 2), ev('a', 5, 3), ev('a', 1, 4), ev('b', 7, 5), ev('a', 9, 11)];
    const run = async (f: (s: ReturnType<typeof windowed>) => unknown) => {
      const env = StreamExecutionEnvironment.create();
      const s = windowed(env);
      function windowed(e: StreamExecutionEnvironment) {
        return timed(e, input)
          .keyBy((x) => x.k)
          .window(TumblingEventTimeWindows.of(10));
      }
      return sorted(await (f(s) as ReturnType<typeof s.sum>).executeAndCollect().toArray());
    };
    // Window [0,10) of a: v 3,1,5,1 at t 1..4; of b: 7 at 5. [10,20) of a: 9 at 11.
    expect(await run((s) => s.sum('v'))).toEqual(sorted([ev('a', 10, 1), ev('b', 7, 5), ev('a', 9, 11)]));
    expect(await run((s) => s.min('v'))).toEqual(sorted([ev('a', 1, 1), ev('b', 7, 5), ev('a', 9, 11)]));
    expect(await run((s) => s.max('v'))).toEqual(sorted([ev('a', 5, 1), ev('b', 7, 5), ev('a', 9, 11)]));
    expect(await run((s) => s.minBy('v'))).toEqual(sorted([ev('a', 1, 2), ev('b', 7, 5), ev('a', 9, 11)]));
    expect(await run((s) => s.maxBy('v'))).toEqual(sorted([ev('a', 5, 3), ev('b', 7, 5), ev('a', 9, 11)]));
    expect(await run((s) => s.reduce((x, y) => ({ k: x.k, v: x.v * y.v, t: x.t })))).toEqual(
      sorted([ev('a', 15, 1), ev('b', 7, 5), ev('a', 9, 11)]),
    );
  });

  it('sliding windows: each element counts in size/slide windows, negative timestamps included', async () => {
    const env = StreamExecutionEnvironment.create();
    const input = [ev('a', 8, -3), ev('a', 1, 1), ev('a', 4, 12), ev('a', 2, 6)];
    const out = await timed(env, input)
      .keyBy((e) => e.k)
      .window(SlidingEventTimeWindows.of(10, 5))
      .aggregate(sumAgg, describeWindow)
      .executeAndCollect()
      .toArray();
    // windows of -3: [-10,0) [-5,5); of 1: [-5,5) [0,10); of 6: [0,10) [5,15); of 12: [5,15) [10,20)
    expect(sorted(out)).toEqual(sorted(['a [-10,0) 8', 'a [-5,5) 9', 'a [0,10) 3', 'a [5,15) 6', 'a [10,20) 4']));
  });

  it('apply (WindowFunction) and process see all elements, key and window', async () => {
    const env = StreamExecutionEnvironment.create();
    const input = [ev('a', 1, 1), ev('a', 2, 4), ev('b', 3, 2), ev('a', 4, 7)];
    const out = await timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(5))
      .apply<string>((key, w, els, o) => o.collect(`${key}:${w.start}-${w.end}:${els.map((e) => e.v).join('+')}`))
      .executeAndCollect()
      .toArray();
    expect(sorted(out)).toEqual(sorted(['a:0-5:1+2', 'b:0-5:3', 'a:5-10:4']));
  });

  it('ProcessWindowFunction: per-window and global state, side outputs, watermark in context', async () => {
    const env = StreamExecutionEnvironment.create();
    const info = new OutputTag<string>('info');
    const input = [ev('a', 1, 1), ev('a', 2, 12), ev('a', 3, 23), wm(30)];
    const main = timed(env, input)
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .process<string>({
        process(key, ctx, els, out) {
          const total = ctx.globalState().getState<number>({ kind: 'value', name: 'total' });
          total.update((total.value() ?? 0) + els.length);
          const fired = ctx.windowState().getState<number>({ kind: 'value', name: 'fired' });
          fired.update((fired.value() ?? 0) + 1);
          out.collect(`${key} ${ctx.window().start} total=${total.value()} fired=${fired.value()}`);
          ctx.output(info, `wm=${ctx.currentWatermark()}`);
        },
      });
    const side = main.getSideOutput(info);
    const out = await main.union(side).executeAndCollect().toArray();
    // All three windows fire at watermark 30.
    const mainOut = out.filter((s) => !s.startsWith('wm='));
    expect(sorted(mainOut)).toEqual(sorted(['a 0 total=1 fired=1', 'a 10 total=2 fired=1', 'a 20 total=3 fired=1']));
    expect(sorted(out.filter((s) => s.startsWith('wm=')))).toEqual(['wm=30', 'wm=30', 'wm=30']);
  });
});
