// The example job `npm start` runs: an endless, generated click stream; clicks per page in 5-second event-time
// windows, with checkpoints so a restart continues where it stopped (Ctrl-C stops it).
import { isMainThread } from 'node:worker_threads';
import {
  DataGeneratorSource,
  type ProcessWindowFunction,
  StreamExecutionEnvironment,
  type TimeWindow,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'tributary';

interface Click {
  readonly user: number;
  readonly page: string;
  readonly at: number;
}

const pages = ['/home', '/search', '/product', '/cart', '/checkout', '/help'];
// Fixed event-time origin: a restored run regenerates exactly the clicks it had not processed yet.
const start = Date.UTC(2026, 0, 1);

const clicks = new DataGeneratorSource<Click>(
  // Two clicks per millisecond of event time, matching the generation rate.
  (i) => ({ user: (i * 7919) % 1000, page: pages[(i * 31 + (i >> 3)) % pages.length]!, at: start + Math.floor(i / 2) }),
  { rowsPerSecond: 2000 },
);

const countPerPage: ProcessWindowFunction<number, string, string, TimeWindow> = {
  process(page, ctx, counts, out) {
    const window = ctx.window();
    out.collect(`${new Date(window.start).toISOString().slice(11, 19)} ${page.padEnd(10)} ${[...counts][0]} clicks`);
  },
};

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env
  .fromSource(
    clicks,
    WatermarkStrategy.forBoundedOutOfOrderness<Click>(500).withTimestampAssigner((c) => c.at),
    'clicks',
  )
  .uid('clicks')
  .keyBy((c) => c.page)
  .window(TumblingEventTimeWindows.of(5000))
  .aggregate(
    {
      createAccumulator: () => 0,
      add: (_c: Click, n: number) => n + 1,
      getResult: (n: number) => n,
      merge: (a: number, b: number) => a + b,
    },
    countPerPage,
  )
  .uid('clicks-per-page')
  .print();

if (isMainThread) console.error('Clickstream: clicks per page in 5 s windows. Ctrl-C to stop.');
await env.execute('clickstream');
