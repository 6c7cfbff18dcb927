import { ManualClock } from '@tributary/core';
import { type KeyedProcessFunction, StreamExecutionEnvironment, WatermarkStrategy } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { type Probed, PushQueue, PushSource, readUntil, WatermarkProbe } from './support.js';

type Ev = { src: string; t: number };
const wmOf = (p: Probed<unknown>) => ('wm' in p ? p.wm : undefined);
const strategy = () => WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.t);

function env(clock: ManualClock) {
  return StreamExecutionEnvironment.create({ 'pipeline.auto-watermark-interval': '100 ms' })
    .setParallelism(1)
    .setClock(clock);
}

describe('watermarks through jobs', () => {
  it('an operator with two input channels gets the minimum; watermarks never go backwards', async () => {
    const clock = new ManualClock(0);
    const e = env(clock);
    const qa = new PushQueue<Ev>();
    const qb = new PushQueue<Ev>();
    const a = e.fromAsyncIterable(qa).assignTimestampsAndWatermarks(strategy()).disableChaining();
    const b = e.fromAsyncIterable(qb).assignTimestampsAndWatermarks(strategy()).disableChaining();
    const out = a
      .union(b)
      .transform<Probed<Ev>>('Probe', () => new WatermarkProbe<Ev>())
      .executeAndCollect();
    const it = out[Symbol.asyncIterator]();
    const seen: Probed<Ev>[] = [];
    const step = async (pred: (p: Probed<Ev>) => boolean) => seen.push(...(await readUntil(it, pred)));

    qa.push({ src: 'a', t: 100 });
    qb.push({ src: 'b', t: 50 });
    await step((p) => 'rec' in p && p.rec.src === 'a');
    if (!seen.some((p) => 'rec' in p && p.rec.src === 'b')) await step((p) => 'rec' in p && p.rec.src === 'b');
    clock.advanceTo(100); // a: 99, b: 49 -> min 49
    await step((p) => wmOf(p) !== undefined);
    qa.push({ src: 'a', t: 300 });
    await step((p) => 'rec' in p && p.rec.t === 300);
    clock.advanceTo(200); // a: 299, b: 49 -> still 49, nothing new
    qb.push({ src: 'b', t: 200 });
    await step((p) => 'rec' in p && p.rec.t === 200);
    clock.advanceTo(300); // a: 299, b: 199 -> 199
    await step((p) => wmOf(p) === 199);
    qb.push({ src: 'b', t: 10 }); // late on b: b's watermark stays 199
    await step((p) => 'rec' in p && p.rec.t === 10);
    clock.advanceTo(400);
    qb.end(); // b's channel finishes: a alone decides -> 299
    await step((p) => wmOf(p) === 299);
    qa.end();
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      seen.push(r.value);
    }
    const wms = seen.map(wmOf).filter((w) => w !== undefined);
    expect(wms).toEqual([49, 199, 299, Number.POSITIVE_INFINITY]);
    expect(seen.filter((p) => 'rec' in p).map((p) => ('rec' in p ? p.ts : 0))).toEqual([100, 50, 300, 200, 10]);
  });

  it('a connected (two-input) operator fires event-time timers at the minimum of both inputs', async () => {
    const clock = new ManualClock(0);
    const e = env(clock);
    const qa = new PushQueue<Ev>();
    const qb = new PushQueue<Ev>();
    const a = e.fromAsyncIterable(qa).assignTimestampsAndWatermarks(strategy());
    const b = e.fromAsyncIterable(qb).assignTimestampsAndWatermarks(strategy());
    const out = a
      .connect(b)
      .keyBy(
        () => 'k',
        () => 'k',
      )
      .process<string>({
        processElement1(v, ctx, o) {
          ctx.timerService().registerEventTimeTimer(v.t);
          o.collect(`a${v.t}`);
        },
        processElement2(v, ctx, o) {
          ctx.timerService().registerEventTimeTimer(v.t);
          o.collect(`b${v.t}`);
        },
        onTimer(ts, ctx, o) {
          o.collect(`timer${ts}@${ctx.timerService().currentWatermark()}`);
        },
      } as never)
      .executeAndCollect();
    const it = out[Symbol.asyncIterator]();
    const seen: string[] = [];
    qa.push({ src: 'a', t: 1000 });
    seen.push(...(await readUntil(it, (s) => s === 'a1000')));
    clock.advanceTo(100); // a: 999, b: -inf -> nothing
    qb.push({ src: 'b', t: 500 });
    seen.push(...(await readUntil(it, (s) => s === 'b500')));
    clock.advanceTo(200); // a: 999, b: 499 -> 499: no timer <= 499
    qb.push({ src: 'b', t: 2000 });
    seen.push(...(await readUntil(it, (s) => s === 'b2000')));
    clock.advanceTo(300); // a: 999, b: 1999 -> 999: timer 500 fires
    seen.push(...(await readUntil(it, (s) => s.startsWith('timer'))));
    qa.end(); // a finishes: b alone decides -> 1999 fires timer 1000
    seen.push(...(await readUntil(it, (s) => s.startsWith('timer1000'))));
    qb.end();
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      seen.push(r.value);
    }
    expect(seen).toEqual(['a1000', 'b500', 'b2000', 'timer500@999', 'timer1000@1999', 'timer2000@Infinity']);
  });

  it('an idle parallel source subtask does not hold back the watermark (withIdleness)', async () => {
    for (const idleness of [true, false]) {
      const clock = new ManualClock(0);
      const e = env(clock).setParallelism(2);
      const source = new PushSource<Ev>(2);
      let s = strategy();
      if (idleness) s = s.withIdleness(1000);
      const out = e
        .fromSource(source, s, 'Push')
        .transform<Probed<Ev>>('Probe', () => new WatermarkProbe<Ev>())
        .setParallelism(1)
        .executeAndCollect();
      const it = out[Symbol.asyncIterator]();
      source.push(0, { src: 'a', t: 500 });
      const seen = await readUntil(it, (p) => 'rec' in p);
      // Split 1 never gets data. Move processing time in steps so the periodic emitter runs each time.
      for (let t = 100; t <= 1500; t += 100) clock.advanceTo(t);
      source.push(0, { src: 'a', t: 700 });
      seen.push(...(await readUntil(it, (p) => 'rec' in p && p.rec.t === 700)));
      clock.advanceTo(1600);
      source.push(0, { src: 'a', t: 800 });
      seen.push(...(await readUntil(it, (p) => 'rec' in p && p.rec.t === 800)));
      const beforeEnd = seen.map(wmOf).filter((w) => w !== undefined);
      source.end(0);
      source.end(1);
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        seen.push(r.value);
      }
      const wms = seen.map(wmOf).filter((w) => w !== undefined);
      // With idleness: subtask 1 goes idle at 1000 ms, so subtask 0's watermarks (499, 699) pass while the job
      // runs. Without: the -inf of subtask 1 holds everything back until its input ends.
      if (idleness) expect(beforeEnd).toEqual([499, 699]);
      else expect(beforeEnd).toEqual([]);
      // At the end both send the final watermark (what passes before it depends on which subtask ends first).
      expect(wms.at(-1)).toBe(Number.POSITIVE_INFINITY);
      for (let i = 1; i < wms.length; i++) expect(wms[i]!).toBeGreaterThan(wms[i - 1]!);
    }
  });

  it('the final watermark at end of a bounded input fires every event-time timer', async () => {
    const e = StreamExecutionEnvironment.create().setParallelism(2);
    const input = Array.from({ length: 50 }, (_, i) => ({ k: i % 5, t: 1000 + ((i * 37) % 100) }));
    const fn: KeyedProcessFunction<number, { k: number; t: number }, [number, number]> = {
      processElement(v, ctx) {
        ctx.timerService().registerEventTimeTimer(v.t + 1_000_000);
      },
      onTimer(ts, ctx, out) {
        out.collect([ctx.getCurrentKey(), ts]);
      },
    };
    const out = await e
      .fromCollection(input)
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forMonotonousTimestamps<{ k: number; t: number }>().withTimestampAssigner((x) => x.t),
      )
      .keyBy((x) => x.k)
      .process(fn)
      .executeAndCollect()
      .toArray();
    const expected = new Set(input.map((x) => `${x.k}:${x.t + 1_000_000}`));
    expect(out.map(([k, ts]) => `${k}:${ts}`).sort()).toEqual([...expected].sort());
  });
});
