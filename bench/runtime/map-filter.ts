// Benchmark (a): a chained map/filter pipeline from a sequence source into a discarding sink.

import { isMainThread } from 'node:worker_threads';
import { DiscardingSink, StreamExecutionEnvironment } from 'tributary';

const records = Number(process.env.BENCH_RECORDS ?? 20_000_000);
const env = StreamExecutionEnvironment.getExecutionEnvironment();
env
  .fromSequence(1, records)
  .map((x) => x * 2)
  .filter((x) => x % 3 !== 0)
  .map((x) => x + 1)
  .sinkTo(new DiscardingSink());
const result = await env.execute('bench-map-filter');
if (isMainThread) {
  console.log(
    JSON.stringify({
      bench: 'map-filter',
      records,
      ms: result.durationMs,
      runningMs: Math.round(result.runningMs ?? 0),
      ops: result.operators,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
