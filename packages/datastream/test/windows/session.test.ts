import { EventTimeSessionWindows, OutputTag, StreamExecutionEnvironment, type TimeWindow } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { addV, type Ev, ev, sorted, timed, wm } from './helpers.js';

const input = [
  ev('a', 1, 1),
  ev('a', 2, 3), // [1,6) + [3,8) -> [1,8)
  ev('b', 4, 2), // [2,7)
  ev('a', 8, 12), // [12,17)
  wm(9), // fires a [1,8) = 3 and b [2,7) = 4
  ev('a', 16, 5), // [5,10): its session already fired and was cleaned; too late
  ev('a', 32, 10), // [10,15) merges with [12,17) -> [10,17)
  ev('a', 64, 20), // [20,25): 20 > 17, separate
];
// a [10,17) = 8 + 32 and a [20,25) = 64 fire at the end of input.
const expected = ['a [1,8) 3', 'b [2,7) 4', 'a [10,17) 40', 'a [20,25) 64'];

function sessions(env: StreamExecutionEnvironment) {
  return timed(env, input)
    .keyBy((e) => e.k)
    .window(EventTimeSessionWindows.withGap(5));
}

const fmt = (key: string, w: TimeWindow, sum: number) => `${key} [${w.start},${w.end}) ${sum}`;

describe('session windows', () => {
  it('merge out-of-order elements into sessions (process over all elements)', async () => {
    const env = StreamExecutionEnvironment.create();
    const late = new OutputTag<Ev>('late');
    const main = sessions(env)
      .sideOutputLateData(late)
      .process<string>({
        process(key, ctx, els, out) {
          out.collect(
            fmt(
              key,
              ctx.window(),
              els.reduce((s, e) => s + e.v, 0),
            ),
          );
        },
      });
    const out = await main
      .getSideOutput(late)
      .map((e) => `late ${e.v}`)
      .union(main)
      .executeAndCollect()
      .toArray();
    expect(sorted(out)).toEqual(sorted([...expected, 'late 16']));
  });

  it('merge incremental reduce state and aggregate accumulators', async () => {
    const env = StreamExecutionEnvironment.create();
    const reduced = await sessions(env)
      .reduce<string>(addV, (key, w, els, out) => out.collect(fmt(key, w, els[0]!.v)))
      .executeAndCollect()
      .toArray();
    expect(sorted(reduced)).toEqual(sorted(expected));

    const env2 = StreamExecutionEnvironment.create();
    const aggregated = await sessions(env2)
      .aggregate<number, number, string>(
        {
          createAccumulator: () => 0,
          add: (e, acc) => acc + e.v,
          getResult: (acc) => acc,
          merge: (x, y) => x + y,
        },
        (key, w, sums, out) => out.collect(fmt(key, w, sums[0]!)),
      )
      .executeAndCollect()
      .toArray();
    expect(sorted(aggregated)).toEqual(sorted(expected));
  });

  it('dynamic gaps come from each element', async () => {
    const env = StreamExecutionEnvironment.create();
    // v is the gap: [0,3), [5,15), [14,15) falls inside [5,15)
    const out = await timed(env, [ev('a', 3, 0), ev('a', 10, 5), ev('a', 1, 14)])
      .keyBy((e) => e.k)
      .window(EventTimeSessionWindows.withDynamicGap<Ev>((e) => e.v))
      .apply<string>((key, w, els, o) => o.collect(`${key} [${w.start},${w.end}) n=${els.length}`))
      .executeAndCollect()
      .toArray();
    expect(sorted(out)).toEqual(['a [0,3) n=1', 'a [5,15) n=2']);
  });

  it('aggregate without merge() is rejected on session windows; so is per-window state', async () => {
    const env = StreamExecutionEnvironment.create();
    expect(() =>
      sessions(env).aggregate({ createAccumulator: () => 0, add: (e: Ev, a: number) => a + e.v, getResult: (a) => a }),
    ).toThrow(/needs an AggregateFunction with merge/);

    const env2 = StreamExecutionEnvironment.create();
    const s = sessions(env2).process<string>({
      process(_k, ctx, _els, out) {
        ctx.windowState().getState({ kind: 'value', name: 'x' });
        out.collect('unreachable');
      },
    });
    await expect(s.executeAndCollect().toArray()).rejects.toThrow(/Per-window state is not allowed/);
  });
});
