import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscardingSink, type RuntimeContext, StreamExecutionEnvironment } from '@tributary/datastream';
import { afterAll, describe, expect, it } from 'vitest';
import { PacedSequenceSource } from './test-support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const N = 3000;

/** Counts records per subtask in operator list state (split) and reports totals when closed. */
function build(
  parallelism: number,
  finals: number[],
  extra: Record<string, unknown> = {},
  mode: 'split' | 'union' = 'split',
) {
  const env = StreamExecutionEnvironment.create({ 'parallelism.default': String(parallelism), ...extra });
  env
    .fromSource(new PacedSequenceSource(N, 50, 3), undefined, 'paced')
    .uid('source')
    .rebalance()
    .map({
      state: undefined as unknown as ReturnType<RuntimeContext['getOperatorListState']>,
      count: 0,
      open(ctx: RuntimeContext) {
        this.state =
          mode === 'split' ? ctx.getOperatorListState<number>('counts') : ctx.getUnionListState<number>('counts');
        const restored = this.state.get() as number[];
        // Union state: every subtask sees all entries, so only subtask 0 takes them over.
        this.count = mode === 'union' && ctx.indexOfThisSubtask > 0 ? 0 : restored.reduce((a, b) => a + b, 0);
      },
      map(x: number) {
        this.count++;
        return x;
      },
      snapshotState() {
        this.state.update([this.count]);
      },
      close() {
        finals.push(this.count);
      },
    })
    .uid('counter')
    .sinkTo(new DiscardingSink());
  return env;
}

describe('operator state through savepoints', () => {
  for (const mode of ['split', 'union'] as const) {
    it(`${mode} list state is redistributed 2 -> 1 and no count is lost or doubled`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'trib-ops-'));
      dirs.push(dir);
      const first: number[] = [];
      const job = build(2, first, {}, mode).execute('ops');
      await new Promise((r) => setTimeout(r, 60));
      const sp = await job.stopWithSavepoint({ dir: join(dir, 'sp') });
      await job;
      const second: number[] = [];
      await build(1, second, { 'execution.state-recovery.path': sp }, mode).execute('ops');
      expect(second).toHaveLength(1);
      expect(second[0]).toBe(N);
    });
  }
});
