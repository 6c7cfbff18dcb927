import { StreamExecutionEnvironment } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { PushQueue } from './support.js';

describe('chaining and explain()', () => {
  it('chains forward edges of equal parallelism into one vertex', () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    env
      .fromSequence(1, 10)
      .map((x) => x, 'M1')
      .filter(() => true, 'F1')
      .keyBy((x) => x % 2)
      .map((x) => x, 'KM')
      .print();
    expect(env.explain('j')).toBe(
      [
        "Job 'j' (bounded)",
        '  [0] Sequence Source -> M1 -> F1  parallelism=2',
        '      -> [1] HASH',
        '  [1] KM -> Print to Std. Out  parallelism=2',
      ].join('\n'),
    );
  });

  it('disableChaining and startNewChain split chains', () => {
    const env = StreamExecutionEnvironment.create().setParallelism(1);
    env
      .fromSequence(1, 10)
      .map((x) => x, 'A')
      .map((x) => x, 'B')
      .disableChaining()
      .map((x) => x, 'C')
      .map((x) => x, 'D')
      .startNewChain()
      .map((x) => x, 'E')
      .print();
    expect(env.explain('j')).toBe(
      [
        "Job 'j' (bounded)",
        '  [0] Sequence Source -> A  parallelism=1',
        '      -> [1] FORWARD',
        '  [1] B  parallelism=1',
        '      -> [2] FORWARD',
        '  [2] C  parallelism=1',
        '      -> [3] FORWARD',
        '  [3] D -> E -> Print to Std. Out  parallelism=1',
      ].join('\n'),
    );
  });

  it('an explicit forward() between different parallelisms fails with a helpful message', () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    env
      .fromSequence(1, 10)
      .forward()
      .map((x) => x, 'Wide')
      .setParallelism(3)
      .print();
    expect(() => env.explain()).toThrow(
      /Forward partitioning does not allow a change of parallelism: 'Sequence Source' \(2\) -> 'Wide' \(3\)\. Use rebalance\(\) or rescale\(\)/,
    );
    expect(() => env.execute()).toThrow(/Forward partitioning/);
  });

  it('a default edge between different parallelisms becomes rebalance, and the job runs', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const out = env
      .fromSequence(1, 100)
      .map((x) => x * 2, 'Wide')
      .setParallelism(3);
    expect(env.explain()).toContain('      -> [1] REBALANCE');
    const got = await out.executeAndCollect().toArray();
    expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => (i + 1) * 2));
  });
});

type Sale = { shop: string; amount: number };
const sales: Sale[] = Array.from({ length: 500 }, (_, i) => ({ shop: `s${(i * 7) % 13}`, amount: (i % 17) + 1 }));

function totalsByShop(input: Sale[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of input) m.set(s.shop, (m.get(s.shop) ?? 0) + s.amount);
  return m;
}

describe('parallelism and runtime modes', () => {
  it('parallelism 1, 2 and 4 give the same multiset of rolling sums', async () => {
    // Reference: the rolling sum per shop after each of its records, as a multiset.
    const running = new Map<string, number>();
    const expected = sales
      .map((s) => {
        const v = (running.get(s.shop) ?? 0) + s.amount;
        running.set(s.shop, v);
        return `${s.shop}=${v}`;
      })
      .sort();
    for (const p of [1, 2, 4]) {
      const env = StreamExecutionEnvironment.create().setParallelism(p).setRuntimeMode('STREAMING');
      const out = await env
        .fromCollection(sales)
        .rebalance()
        .map((s) => s)
        .keyBy((s) => s.shop)
        .sum('amount')
        .executeAndCollect()
        .toArray();
      // Rebalance may reorder records of a shop between subtasks, but the multiset of sums per shop is only
      // order independent at the end: compare final values and counts per shop.
      const finals = new Map<string, number>();
      const counts = new Map<string, number>();
      for (const r of out) {
        finals.set(r.shop, Math.max(finals.get(r.shop) ?? 0, r.amount));
        counts.set(r.shop, (counts.get(r.shop) ?? 0) + 1);
      }
      expect(finals).toEqual(totalsByShop(sales));
      expect(out).toHaveLength(sales.length);
      if (p === 1) expect(out.map((r) => `${r.shop}=${r.amount}`).sort()).toEqual(expected);
    }
    // Without the rebalance, records of a shop keep their order at any parallelism: the exact multiset matches.
    for (const p of [1, 2, 4]) {
      const env = StreamExecutionEnvironment.create().setParallelism(p);
      const out = await env
        .fromCollection(sales)
        .keyBy((s) => s.shop)
        .sum('amount')
        .executeAndCollect()
        .toArray();
      expect(out.map((r) => `${r.shop}=${r.amount}`).sort()).toEqual(expected);
    }
  });

  it('BATCH and STREAMING give the same final results', async () => {
    const results: Record<string, Map<string, number>> = {};
    for (const mode of ['BATCH', 'STREAMING'] as const) {
      const env = StreamExecutionEnvironment.create().setParallelism(2).setRuntimeMode(mode);
      const out = await env
        .fromCollection(sales)
        .keyBy((s) => s.shop)
        .reduce((a, b) => ({ shop: a.shop, amount: a.amount + b.amount }))
        .executeAndCollect()
        .toArray();
      const finals = new Map<string, number>();
      for (const r of out) finals.set(r.shop, Math.max(finals.get(r.shop) ?? 0, r.amount));
      results[mode] = finals;
      // BATCH emits one final record per key.
      if (mode === 'BATCH') expect(out).toHaveLength(13);
      else expect(out).toHaveLength(sales.length);
    }
    expect(results.BATCH).toEqual(totalsByShop(sales));
    expect(results.STREAMING).toEqual(totalsByShop(sales));
  });

  it('AUTOMATIC runs bounded jobs in batch mode', async () => {
    const env = StreamExecutionEnvironment.create().setRuntimeMode('AUTOMATIC');
    const out = await env
      .fromCollection(sales)
      .keyBy((s) => s.shop)
      .reduce((a, b) => ({ shop: a.shop, amount: a.amount + b.amount }))
      .executeAndCollect()
      .toArray();
    // Batch mode: only the final value per shop.
    expect(out).toHaveLength(13);
    expect(new Map(out.map((r) => [r.shop, r.amount]))).toEqual(totalsByShop(sales));
  });

  it('BATCH over an unbounded source is rejected', () => {
    const env = StreamExecutionEnvironment.create().setRuntimeMode('BATCH');
    env.fromAsyncIterable(new PushQueue<number>()).print();
    expect(() => env.execute()).toThrow(/unbounded source with 'execution.runtime-mode' set to 'BATCH'/);
  });
});
