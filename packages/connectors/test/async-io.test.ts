import {
  AsyncDataStream,
  type ResultFuture,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from '@tributary/datastream';
import { OneInputOperator } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';
import { sleep } from './support.js';

/** Deterministic pseudo-random delay per value (0..6 ms), so completion order differs from input order. */
const delayOf = (x: number) => (x * 7919) % 7;

function tracked<T, R>(fn: (x: T) => Promise<R>) {
  const stats = { inFlight: 0, max: 0, calls: 0 };
  const wrapped = async (x: T) => {
    stats.calls++;
    stats.inFlight++;
    stats.max = Math.max(stats.max, stats.inFlight);
    try {
      return await fn(x);
    } finally {
      stats.inFlight--;
    }
  };
  return { stats, wrapped };
}

type Event = ['e', number, number] | ['w', number];

/** Records what reaches it (elements and watermarks) in arrival order. */
class Recorder extends OneInputOperator<number, never> {
  static events: Event[] = [];
  processElement(value: number, timestamp: number): void {
    Recorder.events.push(['e', value, timestamp]);
  }
  override processWatermark(watermark: number): void {
    Recorder.events.push(['w', watermark]);
  }
}

/** Records its input and passes it on. */
class Tap extends OneInputOperator<number, number> {
  static events: Event[] = [];
  processElement(value: number, timestamp: number): void {
    Tap.events.push(['e', value, timestamp]);
    this.output.collect(value, timestamp);
  }
  override processWatermark(watermark: number): void {
    Tap.events.push(['w', watermark]);
    super.processWatermark(watermark);
  }
}

describe('AsyncDataStream', () => {
  it('orderedWait emits results in input order and keeps at most `capacity` calls in flight', async () => {
    const n = 300;
    const { stats, wrapped } = tracked(async (x: number) => {
      await sleep(delayOf(x));
      return x * 2;
    });
    const env = StreamExecutionEnvironment.create();
    const out = await AsyncDataStream.orderedWait(env.fromSequence(1, n), wrapped, { capacity: 8 })
      .executeAndCollect()
      .toArray();
    expect(out).toEqual(Array.from({ length: n }, (_, i) => (i + 1) * 2));
    expect(stats.calls).toBe(n);
    expect(stats.max).toBe(8);
  });

  it('unorderedWait emits every result once, in completion order', async () => {
    const n = 300;
    const { stats, wrapped } = tracked(async (x: number) => {
      await sleep(delayOf(x));
      return [x, -x];
    });
    const env = StreamExecutionEnvironment.create();
    const out = await AsyncDataStream.unorderedWait(env.fromSequence(1, n), wrapped, { capacity: 10 })
      .executeAndCollect()
      .toArray();
    const expected = Array.from({ length: n }, (_, i) => [i + 1, -(i + 1)]).flat();
    expect([...out].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(out.filter((x) => x > 0)).not.toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(stats.max).toBe(10);
  });

  it('unorderedWait never lets an element cross a watermark', async () => {
    // A punctuated watermark every 10 elements; the tap before the async operator records the input order.
    const n = 200;
    Recorder.events = [];
    Tap.events = [];
    const env = StreamExecutionEnvironment.create();
    const strategy = WatermarkStrategy.forGenerator<number>(() => ({
      onEvent(_e, ts, output) {
        if (ts % 100 === 90) output.emitWatermark(ts);
      },
      onPeriodicEmit() {},
    })).withTimestampAssigner((x) => x * 10);
    const input = env
      .fromCollection(Array.from({ length: n }, (_, i) => i))
      .assignTimestampsAndWatermarks(strategy)
      .transform<number>('tap', () => new Tap());
    AsyncDataStream.unorderedWait(
      input,
      async (x: number) => {
        await sleep(delayOf(x));
        return x;
      },
      { capacity: 50 },
    )
      .transform('recorder', () => new Recorder())
      .print();
    await env.execute();
    const segments = (events: Event[]) => {
      const out: number[][] = [[]];
      for (const ev of events) {
        if (ev[0] === 'e') {
          expect(ev[2]).toBe(ev[1] * 10); // results keep the input's timestamp
          out[out.length - 1]!.push(ev[1]);
        } else out.push([]);
      }
      return out.map((s) => s.sort((a, b) => a - b));
    };
    const inSegments = segments(Tap.events);
    expect(inSegments.length).toBeGreaterThan(n / 10);
    // Same elements between the same watermarks (and the watermarks in the same order).
    expect(segments(Recorder.events)).toEqual(inSegments);
    expect(Recorder.events.filter((e) => e[0] === 'w')).toEqual(Tap.events.filter((e) => e[0] === 'w'));
  });

  it('back-pressures its input: the source never runs more than one batch ahead of the capacity', async () => {
    const n = 20_000;
    let produced = 0;
    let completed = 0;
    let maxAhead = 0;
    const env = StreamExecutionEnvironment.create();
    const counted = env.fromSequence(1, n).map((x) => {
      produced++;
      maxAhead = Math.max(maxAhead, produced - completed);
      return x;
    });
    const out = await AsyncDataStream.unorderedWait(
      counted,
      (x: number) =>
        new Promise<number>((r) =>
          setImmediate(() => {
            completed++;
            r(x);
          }),
        ),
      { capacity: 16 },
    )
      .executeAndCollect()
      .toArray();
    expect(out.length).toBe(n);
    // Without back-pressure the whole sequence would be produced before the first call completes.
    expect(maxAhead).toBeLessThanOrEqual(16 + 1024);
  });

  it('Flink-style functions complete a ResultFuture; empty results emit nothing', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await AsyncDataStream.orderedWait(env.fromSequence(1, 50), (x: number, rf: ResultFuture<string>) => {
      setTimeout(() => rf.complete(x % 5 === 0 ? [] : [`v${x}`]), delayOf(x));
    })
      .executeAndCollect()
      .toArray();
    const expected = Array.from({ length: 50 }, (_, i) => i + 1)
      .filter((x) => x % 5 !== 0)
      .map((x) => `v${x}`);
    expect(out).toEqual(expected);
  });

  it('a timeout fails the job with an error naming the operator', async () => {
    const env = StreamExecutionEnvironment.create();
    const stream = AsyncDataStream.orderedWait(
      env.fromSequence(1, 10),
      (x: number) => (x === 4 ? new Promise<number>(() => {}) : Promise.resolve(x)),
      { timeoutMs: 30 },
      'lookup-service',
    );
    await expect(stream.executeAndCollect().toArray()).rejects.toThrow(/lookup-service[\s\S]*timed out after 30 ms/);
  });

  it('a timeout handler can complete the element instead', async () => {
    const env = StreamExecutionEnvironment.create();
    const out = await AsyncDataStream.orderedWait(
      env.fromSequence(1, 20),
      (x: number) => (x % 3 === 0 ? new Promise<number>(() => {}) : Promise.resolve(x)),
      { timeoutMs: 20, timeout: (x, rf) => rf.complete([-x]) },
    )
      .executeAndCollect()
      .toArray();
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => ((i + 1) % 3 === 0 ? -(i + 1) : i + 1)));
  });

  it('a rejected call fails the job with the cause', async () => {
    const env = StreamExecutionEnvironment.create();
    const stream = AsyncDataStream.unorderedWait(env.fromSequence(1, 10), async (x: number) => {
      if (x === 7) throw new Error('service said no');
      return x;
    });
    await expect(stream.executeAndCollect().toArray()).rejects.toThrow(/service said no/);
  });

  it('validates options', () => {
    const env = StreamExecutionEnvironment.create();
    expect(() => AsyncDataStream.orderedWait(env.fromSequence(1, 2), async (x) => x, { capacity: 0 })).toThrow(
      /capacity/,
    );
  });
});
