import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateDescriptors, StreamExecutionEnvironment, type ValueState } from '@tributary/datastream';
import { loadSnapshot } from '@tributary/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { CommitLog, PacedSequenceSource, TwoPhaseTestSink } from './test-support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const N = 3000;
/** Keys advance slowly (100 records per key), so each checkpoint interval touches only a few key groups. */
const keyOf = (x: number) => Math.floor(x / 100);

function expected(): string[] {
  const counts = new Map<number, number>();
  const out: string[] = [];
  for (let x = 1; x <= N; x++) {
    const c = (counts.get(keyOf(x)) ?? 0) + 1;
    counts.set(keyOf(x), c);
    out.push(`${keyOf(x)}:${c}`);
  }
  return out.sort();
}

describe('incremental checkpoints (lmdb)', () => {
  it('store only changed key groups, chain to their base, and restore exactly after a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trib-inc-'));
    dirs.push(dir);
    const log = new CommitLog<string>();
    const env = StreamExecutionEnvironment.create({
      'state.backend.type': 'lmdb',
      'execution.checkpointing.incremental': 'true',
      'execution.checkpointing.interval': '20 ms',
      'execution.checkpointing.dir': dir,
      'execution.checkpointing.num-retained': '1000',
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.delay': '10 ms',
    });
    env
      .fromSource(new PacedSequenceSource(N, 50, 4), undefined, 'paced')
      .uid('source')
      .keyBy(keyOf)
      .map({
        count: undefined as unknown as ValueState<number>,
        attempt: 0,
        open(ctx) {
          this.count = ctx.getState(StateDescriptors.value<number>('count'));
          this.attempt = ctx.attemptNumber;
        },
        map(x: number) {
          if (this.attempt === 0 && x === 2200) throw new Error('injected failure');
          const c = (this.count.value() ?? 0) + 1;
          this.count.update(c);
          return `${keyOf(x)}:${c}`;
        },
      })
      .uid('count')
      .sinkTo(new TwoPhaseTestSink(log))
      .uid('sink');
    const result = await env.execute('incremental');
    expect(result.restarts).toBe(1);
    expect(log.all().sort()).toEqual(expected());

    const chkDirs = readdirSync(join(dir, 'incremental')).filter((d) => d.startsWith('chk-'));
    const manifests = chkDirs.map((d) => JSON.parse(readFileSync(join(dir, 'incremental', d, '_metadata'), 'utf8')));
    const incremental = manifests.filter((m) => m.operators.count.subtasks.some((s: { base?: string }) => s?.base));
    expect(incremental.length).toBeGreaterThan(0);
    // An incremental checkpoint loads as the full state: its chain resolves to every key seen so far.
    const m = incremental[incremental.length - 1];
    const loaded = await loadSnapshot(join(dir, 'incremental', `chk-${m.checkpointId}`));
    const keyed = loaded.states.get('count')![0]!.keyed!;
    expect(keyed.incremental).toBeUndefined();
    const keys = Object.values(keyed.states.count!).flatMap((g) => g.keys as number[]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.max(...keys)).toBeGreaterThan(3);
  });
});
