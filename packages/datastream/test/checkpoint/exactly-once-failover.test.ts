import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateDescriptors, StreamExecutionEnvironment, type ValueState } from '@tributary/datastream';
import { afterAll, describe, expect, it } from 'vitest';
import { CommitLog, PacedSequenceSource, TwoPhaseTestSink } from './test-support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Reference: running sum per key (x % keys) in source order, as [key, sum] pairs. */
function expectedRunningSums(n: number, keys: number): string[] {
  const sums = new Map<number, number>();
  const out: string[] = [];
  for (let x = 1; x <= n; x++) {
    const k = x % keys;
    const s = (sums.get(k) ?? 0) + x;
    sums.set(k, s);
    out.push(`${k}:${s}`);
  }
  return out.sort();
}

function buildJob(dir: string, log: CommitLog<string>, failAt: number, failIn: 'before' | 'after') {
  const env = StreamExecutionEnvironment.create({
    'execution.checkpointing.interval': '30 ms',
    'execution.checkpointing.dir': dir,
    'restart-strategy.type': 'fixed-delay',
    'restart-strategy.fixed-delay.attempts': '3',
    'restart-strategy.fixed-delay.delay': '10 ms',
  });
  const n = 3000;
  // Throws once, on the first attempt, when this subtask has seen `threshold` records.
  const inject = <T>(where: 'before' | 'after', threshold: number) => ({
    attempt: 0,
    seen: 0,
    open(ctx: { attemptNumber: number }) {
      this.attempt = ctx.attemptNumber;
    },
    map(x: T) {
      if (failIn === where && this.attempt === 0 && ++this.seen === threshold)
        throw new Error(`injected failure at ${x}`);
      return x;
    },
  });
  env
    .fromSource(new PacedSequenceSource(n, 100, 4), undefined, 'paced')
    .setParallelism(1)
    .map(inject<number>('before', failAt), 'inject-before')
    .setParallelism(1)
    .keyBy((x) => x % 7)
    .map({
      sum: undefined as unknown as ValueState<number>,
      open(ctx) {
        this.sum = ctx.getState(StateDescriptors.value<number>('sum'));
      },
      map(x: number) {
        const s = (this.sum.value() ?? 0) + x;
        this.sum.update(s);
        return [x % 7, s] as const;
      },
    })
    .uid('running-sum')
    .setParallelism(2)
    .map(([k, s]) => `${k}:${s}`)
    .setParallelism(2)
    .map(inject<string>('after', Math.floor(failAt / 2)), 'inject-after')
    .setParallelism(2)
    .sinkTo(new TwoPhaseTestSink(log))
    .setParallelism(2);
  return { env, n };
}

describe('exactly-once across injected failures', () => {
  const rounds = Number(process.env.FAULT_ROUNDS ?? 20);
  for (let round = 0; round < rounds; round++) {
    const failAt = 300 + Math.floor(Math.random() * 2400);
    const failIn = Math.random() < 0.5 ? 'before' : 'after';
    it(`round ${round}: failure at record ${failAt} ${failIn} the keyed operator`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'trib-chk-'));
      dirs.push(dir);
      const log = new CommitLog<string>();
      const { env, n } = buildJob(dir, log, failAt, failIn);
      const result = await env.execute(`eo-${round}`);
      expect(result.restarts).toBe(1);
      expect(log.all().sort()).toEqual(expectedRunningSums(n, 7));
    });
  }
});
