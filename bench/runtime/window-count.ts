// Benchmark (b): keyBy + tumbling event-time window count (incremental aggregate), 1 s windows over 10k keys.
import { isMainThread } from 'node:worker_threads';
import {
  DataGeneratorSource,
  DiscardingSink,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'tributary';

const records = Number(process.env.BENCH_RECORDS ?? 20_000_000);
const keys = Number(process.env.BENCH_KEYS ?? 10_000);
const env = StreamExecutionEnvironment.getExecutionEnvironment();
env
  // Event time advances 1 ms per 100 records (~100k records per 1 s window), evenly across parallel subtasks.
  .fromSource(
    new DataGeneratorSource((i) => i, {
      numberOfRows: records,
      timestamps: (x) => Math.floor(x / 100),
      interleaved: true,
    }),
    WatermarkStrategy.forMonotonousTimestamps<number>(),
    'generator',
  )
  .keyBy((x) => x % keys)
  .window(TumblingEventTimeWindows.of(1000))
  .aggregate({
    createAccumulator: () => 0,
    add: (_x: number, acc: number) => acc + 1,
    getResult: (acc: number) => acc,
    merge: (a: number, b: number) => a + b,
  })
  .sinkTo(new DiscardingSink());
const result = await env.execute('bench-window-count');
if (isMainThread) {
  console.log(
    JSON.stringify({
      bench: 'window-count',
      records,
      keys,
      ms: result.durationMs,
      runningMs: Math.round(result.runningMs ?? 0),
      windowsFired: result.operators['Window(TumblingEventTimeWindows)']?.recordsOut,
      ops: result.operators,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
