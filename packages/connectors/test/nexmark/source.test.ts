import { type NexmarkEvent, NexmarkSource, type NexmarkSplit, nexmarkWatermarkStrategy } from '@tributary/connectors';
import { StreamExecutionEnvironment } from '@tributary/datastream';
import { InputStatus } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';
import { drain, readerContext } from '../support.js';
import { generatorEvents, key } from './helpers.js';

async function readAll(source: NexmarkSource, parallelism: number, batchSize = 100): Promise<NexmarkEvent[]> {
  const splits = source.createSplits(parallelism);
  const out: NexmarkEvent[] = [];
  for (let p = 0; p < parallelism; p++) {
    const r = source.createReader(readerContext({ subtaskIndex: p, parallelism, batchSize }));
    r.addSplits(splits.filter((_, i) => i % parallelism === p));
    out.push(...(await drain(r)));
  }
  return out;
}

describe('NexmarkSource', () => {
  it('the same configuration gives the same events at parallelism 1 and 3 (3 generators)', async () => {
    const options = { 'events.num': 3000, 'num.event.generators': 3, 'out.of.order.group.size': 10 } as const;
    const one = await readAll(new NexmarkSource(options), 1, 64);
    const three = await readAll(new NexmarkSource(options), 3, 100);
    // Reference: the generators' events computed directly, generator by generator.
    const expected = generatorEvents(options, 3).flat().map(key).sort();
    expect(one.map(key).sort()).toEqual(expected);
    expect(three.map(key).sort()).toEqual(expected);
    expect(new Set(expected).size).toBe(3000);
  });

  it('by default has one generator per subtask, like Flink nexmark, and is bounded by events.num', () => {
    const bounded = new NexmarkSource({ 'events.num': 1001 });
    expect(bounded.boundedness).toBe('bounded');
    const splits = bounded.createSplits(4);
    expect(splits.map((s) => [s.firstEventId, s.maxEvents])).toEqual([
      [1, 250],
      [251, 250],
      [501, 250],
      [751, 251],
    ]);
    const unbounded = new NexmarkSource({});
    expect(unbounded.boundedness).toBe('unbounded');
    expect(unbounded.createSplits(2).length).toBe(2);
  });

  it('an unbounded source keeps producing', () => {
    const source = new NexmarkSource({ 'num.event.generators': 1 });
    const r = source.createReader(readerContext({ batchSize: 500 }));
    r.addSplits(source.createSplits(1));
    let n = 0;
    const out = { collect: () => void n++ };
    for (let i = 0; i < 20; i++) expect(r.pollNext(out)).toBe(InputStatus.MORE_AVAILABLE);
    expect(n).toBe(10_000);
  });

  it('restores from a snapshotted split position and continues exactly', async () => {
    const options = { 'events.num': 2000, 'num.event.generators': 2 } as const;
    const source = new NexmarkSource(options);
    const first = source.createReader(readerContext({ batchSize: 64 }));
    first.addSplits(source.createSplits(1));
    const got: NexmarkEvent[] = [];
    const out = { collect: (e: NexmarkEvent) => void got.push(e) };
    for (let i = 0; i < 5; i++) first.pollNext(out);
    const state = JSON.parse(JSON.stringify(first.snapshotState(1))) as NexmarkSplit[];
    expect(state.map((s) => s.next)).toEqual([192, 128]); // 3 and 2 batches of 64, turn by turn
    // Restore at another parallelism: one split per reader.
    for (const [i, s] of state.entries()) {
      const reader = new NexmarkSource(options).createReader(
        readerContext({ subtaskIndex: i, parallelism: 2, batchSize: 50 }),
      );
      reader.addSplits([s]);
      got.push(...(await drain(reader)));
    }
    expect(got.map(key).sort()).toEqual(generatorEvents(options, 2).flat().map(key).sort());
  });

  it('runs in a job; timestamps are the events dateTime and windows see every event', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const options = { 'events.num': 10_000, 'watermark.holdback.sec': 1 } as const;
    const out = await env
      .fromSource(new NexmarkSource(options), nexmarkWatermarkStrategy(options), 'nexmark')
      .map((e) => e.event_type)
      .executeAndCollect()
      .toArray();
    expect([0, 1, 2].map((t) => out.filter((x) => x === t).length)).toEqual([200, 600, 9200]);
  });

  it('rate limited: events are paced by event time', async () => {
    // 400 events/s: 120 events span 0.3 s of event time, so they need about 0.3 s of wallclock time.
    const source = new NexmarkSource({
      'events.num': 120,
      'first-event.rate': 400,
      'next-event.rate': 400,
      'rate.limited': true,
      'prob.delayed.event': 0,
    });
    const r = source.createReader(readerContext({ batchSize: 1000 }));
    r.addSplits(source.createSplits(1));
    const started = performance.now();
    const arrivals: number[] = [];
    const out = { collect: () => void arrivals.push(performance.now() - started) };
    for (;;) {
      const status = r.pollNext(out);
      if (status === InputStatus.END_OF_INPUT) break;
      if (status === InputStatus.NOTHING_AVAILABLE) await r.isAvailable();
    }
    expect(arrivals.length).toBe(120);
    expect(arrivals[119]).toBeGreaterThanOrEqual(290);
    expect(arrivals[119]).toBeLessThan(2000);
    // Event k (event number k + 1, time floor((k + 1) * 2.5) ms) is due that long after the first one, never earlier.
    const early = arrivals.filter((t, k) => t < Math.floor((k + 1) * 2.5) - 2);
    expect(early).toEqual([]);
  });

  it('rate limited: occasional delays hold some events back, none are lost, a snapshot keeps the held ones', async () => {
    const options = {
      'events.num': 400,
      'first-event.rate': 4000,
      'next-event.rate': 4000,
      'rate.limited': true,
      'prob.delayed.event': 0.25,
      'occasional.delay.sec': 1,
      'num.event.generators': 1,
    } as const;
    const source = new NexmarkSource(options);
    const r = source.createReader(readerContext({ batchSize: 1000 }));
    r.addSplits(source.createSplits(1));
    const got: NexmarkEvent[] = [];
    const out = { collect: (e: NexmarkEvent) => void got.push(e) };
    const until = performance.now() + 150;
    while (performance.now() < until) {
      if (r.pollNext(out) === InputStatus.NOTHING_AVAILABLE) await r.isAvailable();
    }
    const [state] = JSON.parse(JSON.stringify(r.snapshotState(1))) as NexmarkSplit[];
    expect(state!.next).toBe(400);
    expect(state!.held.length).toBeGreaterThan(40);
    expect(got.length + state!.held.length).toBe(400);
    const restored = new NexmarkSource(options).createReader(readerContext());
    restored.addSplits([state!]);
    got.push(...(await drain(restored)));
    expect(got.map(key).sort()).toEqual(generatorEvents(options, 1).flat().map(key).sort());
  });

  it('the watermark strategy bounds out-of-orderness by holdback plus the out-of-order group span', () => {
    expect(() => nexmarkWatermarkStrategy({ 'watermark.holdback.sec': 4 })).not.toThrow();
    expect(() => nexmarkWatermarkStrategy({ 'watermark.holdbak.sec': 4 } as never)).toThrow(/watermark.holdback.sec/);
  });
});
