import { ManualClock } from '@tributary/core';
import {
  type KeyedProcessFunction,
  type RuntimeContext,
  StateDescriptors,
  StreamExecutionEnvironment,
  type ValueState,
  WatermarkStrategy,
} from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { PushQueue, readUntil } from './support.js';

type Ev = { k: string; t: number };
const evStrategy = () => WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.t);

describe('timers in KeyedProcessFunction', () => {
  it('event-time timers fire per key in timestamp order with the key set, deduplicated, deletable', async () => {
    // Each event registers timers at t+10 (twice: dedup) and t+20, then deletes t+20 when t is a multiple of 3.
    const input: Ev[] = [];
    for (let i = 0; i < 60; i++) input.push({ k: `k${i % 4}`, t: 100 + i * 5 });
    // A late extra event of k0 (which has t = 100, 120, ...) whose timer 120 duplicates one registered at t = 100.
    input.push({ k: 'k0', t: 110 });
    const fn: KeyedProcessFunction<string, Ev, string> = {
      processElement(v, ctx) {
        expect(ctx.getCurrentKey()).toBe(v.k);
        const ts = ctx.timerService();
        ts.registerEventTimeTimer(v.t + 10);
        ts.registerEventTimeTimer(v.t + 10);
        ts.registerEventTimeTimer(v.t + 20);
        if (v.t % 3 === 0) ts.deleteEventTimeTimer(v.t + 20);
      },
      onTimer(ts, ctx, out) {
        expect(ctx.timeDomain()).toBe('EVENT_TIME');
        expect(ctx.timestamp()).toBe(ts);
        out.collect(`${ctx.getCurrentKey()}@${ts}`);
      },
    };
    for (const p of [1, 3]) {
      // No periodic watermark while the input is read: all timers fire at the final watermark, in order.
      const env = StreamExecutionEnvironment.create({ 'pipeline.auto-watermark-interval': 3_600_000 }).setParallelism(
        p,
      );
      const out = await env
        .fromCollection(input)
        .assignTimestampsAndWatermarks(evStrategy())
        .keyBy((e) => e.k)
        .process(fn)
        .executeAndCollect()
        .toArray();
      // Reference: a set per key of the registered timestamps minus the deleted ones (deletes happen right after
      // the registration of the same event, so a later re-registration by another event survives).
      const expected = new Map<string, Set<number>>();
      for (const v of input) {
        const s = expected.get(v.k) ?? new Set<number>();
        s.add(v.t + 10);
        s.add(v.t + 20);
        if (v.t % 3 === 0) s.delete(v.t + 20);
        expected.set(v.k, s);
      }
      const perKey = new Map<string, number[]>();
      for (const s of out) {
        const [k, t] = s.split('@');
        perKey.set(k!, [...(perKey.get(k!) ?? []), Number(t)]);
      }
      expect([...perKey.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [k, ts] of perKey) {
        // Fired once each, in ascending order per key.
        expect(ts).toEqual([...expected.get(k)!].sort((a, b) => a - b));
      }
    }
  });

  it('event-time timers fire when the watermark passes them, not before', async () => {
    const clock = new ManualClock(0);
    const env = StreamExecutionEnvironment.create({ 'pipeline.auto-watermark-interval': '100 ms' })
      .setParallelism(1)
      .setClock(clock);
    const q = new PushQueue<Ev>();
    const out = env
      .fromAsyncIterable(q)
      .assignTimestampsAndWatermarks(evStrategy())
      .keyBy((e) => e.k)
      .process<string>({
        processElement(v, ctx, o) {
          ctx.timerService().registerEventTimeTimer(v.t + 50);
          o.collect(`in ${v.k}${v.t}`);
        },
        onTimer(ts, ctx, o) {
          o.collect(`timer ${ctx.getCurrentKey()}${ts} wm=${ctx.timerService().currentWatermark()}`);
        },
      })
      .executeAndCollect();
    const it = out[Symbol.asyncIterator]();
    const seen: string[] = [];
    q.push({ k: 'a', t: 1000 }, { k: 'b', t: 1020 });
    seen.push(...(await readUntil(it, (s) => s === 'in b1020')));
    clock.advanceTo(100); // watermark 1019: no timer (1050, 1070)
    q.push({ k: 'a', t: 1060 });
    seen.push(...(await readUntil(it, (s) => s === 'in a1060')));
    clock.advanceTo(200); // watermark 1059: fires a1050 only
    seen.push(...(await readUntil(it, (s) => s.startsWith('timer'))));
    q.end();
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      seen.push(r.value);
    }
    expect(seen).toEqual([
      'in a1000',
      'in b1020',
      'in a1060',
      'timer a1050 wm=1059',
      // End of input: the last periodic watermark (1059) changes nothing, then the final one fires the rest in order.
      'timer b1070 wm=Infinity',
      'timer a1110 wm=Infinity',
    ]);
  });

  it('processing-time timers fire when the ManualClock passes them', async () => {
    const clock = new ManualClock(0);
    const env = StreamExecutionEnvironment.create().setParallelism(2).setClock(clock);
    const q = new PushQueue<{ k: string; delay: number }>();
    const out = env
      .fromAsyncIterable(q)
      .keyBy((e) => e.k)
      .process<string>({
        processElement(v, ctx, o) {
          const now = ctx.timerService().currentProcessingTime();
          ctx.timerService().registerProcessingTimeTimer(now + v.delay);
          if (v.delay === 999) ctx.timerService().deleteProcessingTimeTimer(now + v.delay);
          o.collect(`in ${v.k}@${now}`);
        },
        onTimer(ts, ctx, o) {
          expect(ctx.timeDomain()).toBe('PROCESSING_TIME');
          o.collect(`timer ${ctx.getCurrentKey()}@${ts} now=${ctx.timerService().currentProcessingTime()}`);
        },
      })
      .executeAndCollect();
    const it = out[Symbol.asyncIterator]();
    const seen: string[] = [];
    q.push({ k: 'a', delay: 100 }, { k: 'b', delay: 50 }, { k: 'c', delay: 999 });
    seen.push(...(await readUntil(it, (s) => s.startsWith('in c'))));
    clock.advanceTo(40); // nothing due
    q.push({ k: 'a', delay: 100 }); // registered at 40 -> 140
    seen.push(...(await readUntil(it, (s) => s === 'in a@40')));
    clock.advanceTo(120); // fires b@50 then a@100
    seen.push(...(await readUntil(it, (s) => s.startsWith('timer a@100'))));
    clock.advanceTo(2000); // a@140; c was deleted
    seen.push(...(await readUntil(it, (s) => s.startsWith('timer a@140'))));
    q.end();
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      seen.push(r.value);
    }
    expect(seen.slice(0, 3).sort()).toEqual(['in a@0', 'in b@0', 'in c@0']);
    expect(seen.slice(3)).toEqual(['in a@40', 'timer b@50 now=120', 'timer a@100 now=120', 'timer a@140 now=2000']);
  });

  it('timers on a non-keyed stream fail with a clear error', async () => {
    const env = StreamExecutionEnvironment.create();
    const job = env
      .fromElements(1, 2, 3)
      .process<number>(
        {
          processElement(v, ctx, out) {
            ctx.timerService().registerEventTimeTimer(v);
            out.collect(v);
          },
        },
        'NeedsTimers',
      )
      .executeAndCollect();
    await expect(job.toArray()).rejects.toThrow(/only supported on keyed streams \(operator 'NeedsTimers'\)/);
    await expect(job.job.result()).rejects.toThrow(/call keyBy/);
    expect(job.job.status).toBe('FAILED');
  });
});

describe('keyed state in rich functions', () => {
  it('a rich map keeps a counter per key', async () => {
    const words = 'a b c a b a d a c b a'.split(' ');
    for (const p of [1, 2, 4]) {
      const env = StreamExecutionEnvironment.create().setParallelism(p);
      const out = await env
        .fromCollection(words)
        .keyBy((w) => w)
        .map({
          count: undefined as unknown as ValueState<number>,
          open(ctx: RuntimeContext) {
            this.count = ctx.getState(StateDescriptors.value<number>('count'));
          },
          map(w: string) {
            const n = (this.count.value() ?? 0) + 1;
            this.count.update(n);
            return `${w}${n}`;
          },
        })
        .executeAndCollect()
        .toArray();
      // Reference: the running count per word in input order (per key order is kept by keyBy).
      const seen = new Map<string, number>();
      const expected = words.map((w) => {
        const n = (seen.get(w) ?? 0) + 1;
        seen.set(w, n);
        return `${w}${n}`;
      });
      expect([...out].sort()).toEqual([...expected].sort());
      for (const w of seen.keys()) {
        expect(out.filter((s) => s.startsWith(w))).toEqual(expected.filter((s) => s.startsWith(w)));
      }
    }
  });

  it('keyed state on a non-keyed stream fails in open(), before records flow, naming the operator', async () => {
    let flowed = 0;
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const job = env
      .fromSequence(1, 100)
      .map((v) => {
        flowed++;
        return v;
      })
      .map(
        {
          open(ctx: RuntimeContext) {
            ctx.getState(StateDescriptors.value<number>('count'));
          },
          map: (v: number) => v,
        },
        'CountingMap',
      )
      .executeAndCollect();
    const err = await job.toArray().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/Keyed state 'count' is only available on a keyed stream/);
    expect(err!.message).toMatch(/operator 'CountingMap'/);
    expect(err!.message).toMatch(/Call keyBy\(\.\.\.\) before this operator/);
    expect(flowed).toBe(0);
    expect(job.job.status).toBe('FAILED');
  });
});
