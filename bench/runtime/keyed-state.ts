// Benchmark (c): keyed value-state updates, one read and one write per record, over many distinct keys.

import { isMainThread } from 'node:worker_threads';
import { DiscardingSink, StateDescriptors, StreamExecutionEnvironment, type ValueState } from 'tributary';

const records = Number(process.env.BENCH_RECORDS ?? 5_000_000);
const keys = Number(process.env.BENCH_KEYS ?? 1_000_000);
const env = StreamExecutionEnvironment.getExecutionEnvironment();
env
  .fromSequence(1, records)
  .keyBy((x) => x % keys)
  .map({
    count: undefined as unknown as ValueState<number>,
    open(ctx) {
      this.count = ctx.getState(StateDescriptors.value<number>('count'));
    },
    map(_x: number) {
      const c = (this.count.value() ?? 0) + 1;
      this.count.update(c);
      return c;
    },
  })
  .sinkTo(new DiscardingSink());
const result = await env.execute('bench-keyed-state');
if (isMainThread) {
  console.log(
    JSON.stringify({
      bench: 'keyed-state',
      records,
      keys,
      ms: result.durationMs,
      runningMs: Math.round(result.runningMs ?? 0),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
