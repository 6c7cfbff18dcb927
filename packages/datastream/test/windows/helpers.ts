import { type DataStream, type StreamExecutionEnvironment, WatermarkStrategy } from '@tributary/datastream';

/** A keyed, timestamped test record. */
export interface Ev {
  k: string;
  v: number;
  t: number;
}

/** Input item: a record, or a punctuation that makes the stream emit that watermark at this point. */
export type Item = Ev | { wm: number };

export const ev = (k: string, v: number, t: number): Ev => ({ k, v, t });
export const wm = (w: number): Item => ({ wm: w });

/**
 * Records with exact watermark control: each { wm } item emits that watermark (in order with the records) and is
 * then dropped. Runs at parallelism 1 so the watermark order is the order of the items.
 */
export function timed(env: StreamExecutionEnvironment, items: Item[]): DataStream<Ev> {
  const strategy = WatermarkStrategy.forGenerator<Item>(() => ({
    onEvent(e, _ts, out) {
      if ('wm' in e) out.emitWatermark(e.wm);
    },
    onPeriodicEmit() {},
  })).withTimestampAssigner((e) => ('wm' in e ? e.wm : e.t));
  return env
    .fromCollection(items)
    .assignTimestampsAndWatermarks(strategy)
    .setParallelism(1)
    .filter((e) => !('wm' in e))
    .setParallelism(1) as DataStream<Ev>;
}

/** Records with monotonous watermarks (max timestamp - 1), as a real in-order source would have. */
export function inOrder(env: StreamExecutionEnvironment, records: Ev[]): DataStream<Ev> {
  return env
    .fromCollection(records)
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.t));
}

export function sorted<T>(xs: T[]): T[] {
  return [...xs].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
  );
}

/** Reduce function summing v (other fields from the first record). */
export function addV(x: Ev, y: Ev): Ev {
  return { k: x.k, v: x.v + y.v, t: x.t };
}

/** An unbounded async iterable the test pushes into. */
export function pushable<T>() {
  const buf: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    push(v: T) {
      buf.push(v);
      notify();
    },
    end() {
      done = true;
      notify();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      for (;;) {
        while (buf.length > 0) yield buf.shift()!;
        if (done) return;
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
}
