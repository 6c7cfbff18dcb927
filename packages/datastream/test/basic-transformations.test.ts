import { OutputTag, StreamExecutionEnvironment } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';

describe('basic transformations', () => {
  it('map, filter and flatMap chain over a bounded collection', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await env
      .fromElements(1, 2, 3, 4, 5)
      .map((x) => x * 10)
      .filter((x) => x !== 30)
      .flatMap((x: number) => [x, x + 1])
      .executeAndCollect()
      .toArray();
    expect(out).toEqual([10, 11, 20, 21, 40, 41, 50, 51]);
  });

  it('keyBy + sum gives the rolling sum per key in streaming mode', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const input = [
      { w: 'a', n: 1 },
      { w: 'b', n: 1 },
      { w: 'a', n: 1 },
      { w: 'a', n: 1 },
    ];
    const out = await env
      .fromCollection(input)
      .keyBy((r) => r.w)
      .sum('n')
      .executeAndCollect()
      .toArray();
    const finalPerKey = new Map<string, number>();
    for (const r of out) finalPerKey.set(r.w, Math.max(finalPerKey.get(r.w) ?? 0, r.n));
    expect(out).toHaveLength(4);
    expect(Object.fromEntries(finalPerKey)).toEqual({ a: 3, b: 1 });
  });

  it('BATCH mode emits only the final reduce result per key', async () => {
    const env = StreamExecutionEnvironment.create().setRuntimeMode('BATCH');
    const out = await env
      .fromSequence(1, 1000)
      .keyBy((x) => x % 3)
      .reduce((a, b) => a + b)
      .executeAndCollect()
      .toArray();
    const expected = [0, 0, 0];
    for (let x = 1; x <= 1000; x++) expected[x % 3]! += x;
    expect(out).toHaveLength(3);
    expect(out.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it('routes side outputs', async () => {
    const env = StreamExecutionEnvironment.create();
    const odd = new OutputTag<number>('odd');
    const main = env.fromSequence(1, 10).process<number>({
      processElement(v, ctx, out) {
        if (v % 2 === 0) out.collect(v);
        else ctx.output(odd, v);
      },
    });
    const side = main.getSideOutput(odd);
    const result = await main
      .union(side.map((x) => -x))
      .executeAndCollect()
      .toArray();
    expect(result.sort((a, b) => a - b)).toEqual([-9, -7, -5, -3, -1, 2, 4, 6, 8, 10]);
  });

  it('a throwing user function fails the job naming operator and subtask', async () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSequence(1, 100)
      .map((x) => {
        if (x === 42) throw new Error('boom at 42');
        return x;
      }, 'Explode')
      .print();
    await expect(env.execute()).rejects.toThrow(/Operator 'Explode' \(subtask 1\/1\) failed: boom at 42/);
  });
});
