import {
  EventTimeSessionWindows,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { type Ev, inOrder, sorted } from './helpers.js';

// 300 records over keys k0..k2; per key 12 ms apart, with a 100 ms jump every 50 records (session breaks).
const records: Ev[] = Array.from({ length: 300 }, (_, i) => ({
  k: `k${i % 3}`,
  v: (i % 10) + 1,
  t: i * 4 + Math.floor(i / 50) * 100,
}));
// Out of order by at most 104 ms: swap neighbours.
const shuffled = records.map((_, i) => records[i % 2 === 0 ? Math.min(i + 1, records.length - 1) : i - 1]!);

/** Reference: sum of v per key and tumbling window start. */
function tumblingRef(size: number): string[] {
  const m = new Map<string, number>();
  for (const r of records) {
    const key = `${r.k} ${Math.floor(r.t / size) * size}`;
    m.set(key, (m.get(key) ?? 0) + r.v);
  }
  return sorted([...m].map(([k, v]) => `${k} ${v}`));
}

function slidingRef(size: number, slide: number): string[] {
  const m = new Map<string, number>();
  for (const r of records) {
    for (let start = Math.floor(r.t / slide) * slide; start > r.t - size; start -= slide) {
      const key = `${r.k} ${start}`;
      m.set(key, (m.get(key) ?? 0) + r.v);
    }
  }
  return sorted([...m].map(([k, v]) => `${k} ${v}`));
}

/** Sessions: per key, sorted timestamps split where the next one is more than `gap` after the previous. */
function sessionRef(gap: number): string[] {
  const out: string[] = [];
  for (const k of ['k0', 'k1', 'k2']) {
    const ts = records.filter((r) => r.k === k).map((r) => r.t);
    let start = ts[0]!;
    let last = ts[0]!;
    let n = 1;
    for (const t of ts.slice(1)) {
      if (t > last + gap) {
        out.push(`${k} ${start} ${n}`);
        start = t;
        n = 0;
      }
      last = t;
      n++;
    }
    out.push(`${k} ${start} ${n}`);
  }
  return sorted(out);
}

type Mode = { parallelism: number; batch: boolean; outOfOrder: boolean; lmdb?: boolean };

async function runAll(mode: Mode) {
  const make = () => {
    const env = StreamExecutionEnvironment.create().setParallelism(mode.parallelism);
    if (mode.batch) env.setRuntimeMode('BATCH');
    if (mode.lmdb) env.setStateBackend('lmdb');
    const input = mode.outOfOrder
      ? env
          .fromCollection(shuffled)
          .assignTimestampsAndWatermarks(
            WatermarkStrategy.forBoundedOutOfOrderness<Ev>(200).withTimestampAssigner((e) => e.t),
          )
      : inOrder(env, records);
    return input.keyBy((e) => e.k);
  };
  const tumbling = await make()
    .window(TumblingEventTimeWindows.of(100))
    .aggregate<number, number, string>(
      { createAccumulator: () => 0, add: (e, a) => a + e.v, getResult: (a) => a },
      (k, w, sums, out) => out.collect(`${k} ${w.start} ${sums[0]}`),
    )
    .executeAndCollect()
    .toArray();
  const sliding = await make()
    .window(SlidingEventTimeWindows.of(100, 40))
    .reduce<string>(
      (a, b) => ({ k: a.k, v: a.v + b.v, t: a.t }),
      (k, w, els, out) => out.collect(`${k} ${w.start} ${els[0]!.v}`),
    )
    .executeAndCollect()
    .toArray();
  const sessions = await make()
    .window(EventTimeSessionWindows.withGap(30))
    .apply<string>((k, w, els, out) => out.collect(`${k} ${w.start} ${els.length}`))
    .executeAndCollect()
    .toArray();
  return { tumbling: sorted(tumbling), sliding: sorted(sliding), sessions: sorted(sessions) };
}

describe('windows across parallelism and runtime modes', () => {
  const expected = { tumbling: tumblingRef(100), sliding: slidingRef(100, 40), sessions: sessionRef(30) };

  it('the reference has what the test needs (several sessions per key)', () => {
    expect(expected.sessions.length).toBe(18);
  });

  for (const mode of [
    { parallelism: 1, batch: false, outOfOrder: false },
    { parallelism: 2, batch: false, outOfOrder: false },
    { parallelism: 1, batch: false, outOfOrder: true },
    { parallelism: 2, batch: false, outOfOrder: true },
    { parallelism: 1, batch: true, outOfOrder: false },
    { parallelism: 2, batch: true, outOfOrder: false },
    { parallelism: 2, batch: false, outOfOrder: true, lmdb: true },
  ]) {
    it(`${mode.batch ? 'BATCH' : 'STREAMING'}, parallelism ${mode.parallelism}${mode.outOfOrder ? ', out of order' : ''}${mode.lmdb ? ', on-disk state' : ''}`, async () => {
      expect(await runAll(mode)).toEqual(expected);
    });
  }

  it('windowAll gives the same totals as a reference, at any upstream parallelism', async () => {
    for (const p of [1, 2]) {
      const env = StreamExecutionEnvironment.create().setParallelism(p);
      const out = await inOrder(env, records)
        .map((e) => e)
        .windowAll(TumblingEventTimeWindows.of(500))
        .aggregate<number, number, string>(
          { createAccumulator: () => 0, add: (e, a) => a + e.v, getResult: (a) => a },
          { process: (ctx, sums, o) => o.collect(`${ctx.window().start} ${sums[0]}`) },
        )
        .executeAndCollect()
        .toArray();
      const m = new Map<number, number>();
      for (const r of records) m.set(Math.floor(r.t / 500) * 500, (m.get(Math.floor(r.t / 500) * 500) ?? 0) + r.v);
      expect(sorted(out)).toEqual(sorted([...m].map(([s, v]) => `${s} ${v}`)));
    }
  });

  it('countWindowAll counts over the whole stream', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await env
      .fromSequence(1, 10)
      .countWindowAll(4)
      .reduce((a, b) => a + b)
      .executeAndCollect()
      .toArray();
    expect(out).toEqual([1 + 2 + 3 + 4, 5 + 6 + 7 + 8]);
  });
});
