// Checkpoint duration and size for K keys of S-byte values, and the time from restore to running.
// Run: npx tributary run bench/checkpoint/state-snapshot.ts -q   (BENCH_KEYS, BENCH_VALUE_BYTES, BENCH_BACKEND)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DiscardingSink,
  InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  StateDescriptors,
  StreamExecutionEnvironment,
  type ValueState,
} from 'tributary';

const keys = Number(process.env.BENCH_KEYS ?? 1_000_000);
const valueBytes = Number(process.env.BENCH_VALUE_BYTES ?? 16);
const backend = process.env.BENCH_BACKEND ?? 'hashmap';

/** Emits 0..n-1 once, then stays open (idle) so the job keeps running until cancelled. */
class KeysThenIdle implements Source<number, { next: number }> {
  readonly boundedness = 'unbounded';
  readonly maxParallelism = 1;
  constructor(private readonly n: number) {}
  createSplits() {
    return [{ next: 0 }];
  }
  createReader(): SourceReader<number, { next: number }> {
    let split = { next: 0 };
    const n = this.n;
    return {
      addSplits(s) {
        split = { ...(s[0] ?? { next: 0 }) };
      },
      pollNext(out: ReaderOutput<number>) {
        const end = Math.min(n, split.next + 4096);
        for (let i = split.next; i < end; i++) out.collect(i);
        split.next = end;
        return end < n ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
      },
      isAvailable: () => new Promise(() => {}),
      snapshotState: () => [{ ...split }],
    };
  }
}

const pad = 'x'.repeat(Math.max(0, valueBytes - 8));

function build(dir: string, restore?: string) {
  const env = StreamExecutionEnvironment.create({
    'execution.checkpointing.dir': dir,
    'state.backend.type': backend,
    ...(restore ? { 'execution.state-recovery.path': restore } : {}),
  });
  env
    .fromSource(new KeysThenIdle(keys), undefined, 'keys')
    .uid('keys')
    .keyBy((k) => k)
    .map({
      v: undefined as unknown as ValueState<string>,
      open(ctx) {
        this.v = ctx.getState(StateDescriptors.value<string>('v'));
      },
      map(k: number) {
        this.v.update(`${k.toString().padStart(8, '0')}${pad}`);
        return k;
      },
    })
    .uid('state')
    .sinkTo(new DiscardingSink());
  return env;
}

const dir = mkdtempSync(join(tmpdir(), 'trib-bench-chk-'));
const job = build(dir).execute('state-bench');
const { totals } = await import('../../packages/cli/dist/run/progress-reporter.js');
for (;;) {
  await new Promise((r) => setTimeout(r, 200));
  if ((job.metrics()?.tasks ?? []).length > 0 && totals(job.metrics()).sinkIn >= keys) break;
}
const t0 = performance.now();
const path = await job.triggerCheckpoint();
const checkpointMs = performance.now() - t0;
await job.cancel();
await job.result().catch(() => {});
const { statSync, readdirSync } = await import('node:fs');
const bytes = readdirSync(path).reduce((s, f) => s + statSync(join(path, f)).size, 0);

const restored = build(dir, path).execute('state-bench');
const start = performance.now();
while (restored.status !== 'RUNNING') await new Promise((r) => setTimeout(r, 5));
const restoreMs = performance.now() - start;
await restored.cancel();
await restored.result().catch(() => {});
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'checkpoint-state',
    backend,
    keys,
    valueBytes,
    checkpointMs: Math.round(checkpointMs),
    checkpointMb: +(bytes / 1048576).toFixed(1),
    restoreToRunningMs: Math.round(restoreMs),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
