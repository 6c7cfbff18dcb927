// Throughput of a keyed-state job with checkpoints every second vs none.
// Run: npx tributary run bench/checkpoint/throughput-overhead.ts -q   (BENCH_RECORDS, BENCH_KEYS)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscardingSink, StateDescriptors, StreamExecutionEnvironment, type ValueState } from 'tributary';

const records = Number(process.env.BENCH_RECORDS ?? 30_000_000);
const keys = Number(process.env.BENCH_KEYS ?? 10_000);

async function run(checkpoints: boolean): Promise<{ ms: number; checkpoints: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'trib-bench-ovh-'));
  const env = StreamExecutionEnvironment.create(
    checkpoints ? { 'execution.checkpointing.interval': '1 s', 'execution.checkpointing.dir': dir } : {},
  );
  env
    .fromSequence(1, records)
    .keyBy((x) => x % keys)
    .map({
      sum: undefined as unknown as ValueState<number>,
      open(ctx) {
        this.sum = ctx.getState(StateDescriptors.value<number>('sum'));
      },
      map(x: number) {
        const s = (this.sum.value() ?? 0) + x;
        this.sum.update(s);
        return s;
      },
    })
    .uid('sum')
    .sinkTo(new DiscardingSink());
  const job = env.execute('overhead');
  let count = 0;
  job.on((e) => {
    if (e.type === 'checkpoint') count++;
  });
  const r = await job;
  rmSync(dir, { recursive: true, force: true });
  return { ms: r.runningMs ?? r.durationMs, checkpoints: count };
}

const off = await run(false);
const on = await run(true);
console.log(
  JSON.stringify({
    bench: 'checkpoint-overhead',
    records,
    keys,
    noCheckpointsEps: Math.round((records / off.ms) * 1000),
    checkpoints1sEps: Math.round((records / on.ms) * 1000),
    checkpointsTaken: on.checkpoints,
    overheadPct: +(((on.ms - off.ms) / off.ms) * 100).toFixed(1),
  }),
);
