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

const N = 4000;
const KEYS = 50;

/** Counts records per key; emits "key:count". The keyed operator's uid keeps its state across program versions. */
function build(
  parallelism: number,
  log: CommitLog<string>,
  extra: Record<string, unknown> = {},
  counterUid = 'counter',
) {
  const env = StreamExecutionEnvironment.create({ 'parallelism.default': String(parallelism), ...extra });
  env
    .fromSource(new PacedSequenceSource(N, 50, 3), undefined, 'paced')
    .uid('source')
    .keyBy((x) => x % KEYS)
    .map({
      count: undefined as unknown as ValueState<number>,
      open(ctx) {
        this.count = ctx.getState(StateDescriptors.value<number>('count'));
      },
      map(x: number) {
        const c = (this.count.value() ?? 0) + 1;
        this.count.update(c);
        return `${x % KEYS}:${c}`;
      },
    })
    .uid(counterUid)
    .sinkTo(new TwoPhaseTestSink(log))
    .uid('sink');
  return env;
}

async function runUntilSavepoint(env: StreamExecutionEnvironment, dir: string, afterMs: number): Promise<string> {
  const job = env.execute('rescale');
  await new Promise((r) => setTimeout(r, afterMs));
  const path = await job.stopWithSavepoint({ dir });
  const result = await job;
  expect(result.status).toBe('FINISHED');
  return path;
}

function expectedCounts(): string[] {
  const out: string[] = [];
  const counts = new Map<number, number>();
  for (let x = 1; x <= N; x++) {
    const k = x % KEYS;
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    out.push(`${k}:${c}`);
  }
  return out.sort();
}

describe('savepoints', () => {
  it('rescaling 2 -> 1 -> 2 through savepoints keeps every key state and emits each record once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trib-sp-'));
    dirs.push(dir);
    const log = new CommitLog<string>();
    const sp1 = await runUntilSavepoint(build(2, log), join(dir, 'sp1'), 60);
    const sp2 = await runUntilSavepoint(build(1, log, { 'execution.state-recovery.path': sp1 }), join(dir, 'sp2'), 60);
    const final = await build(2, log, { 'execution.state-recovery.path': sp2 }).execute('rescale');
    expect(final.status).toBe('FINISHED');
    expect(log.all().sort()).toEqual(expectedCounts());
  });

  it('refuses a savepoint whose operator state the program cannot claim, unless allowed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trib-sp-'));
    dirs.push(dir);
    const sp = await runUntilSavepoint(build(1, new CommitLog()), join(dir, 'sp'), 40);
    const changed = build(1, new CommitLog(), { 'execution.state-recovery.path': sp }, 'renamed-counter');
    await expect(changed.execute('rescale')).rejects.toThrow(/cannot map the state of operator .*uid counter/);
    const allowed = build(
      1,
      new CommitLog(),
      { 'execution.state-recovery.path': sp, 'execution.state-recovery.ignore-unclaimed-state': 'true' },
      'renamed-counter',
    );
    const r = await allowed.execute('rescale');
    expect(r.status).toBe('FINISHED');
  });

  it('skips a corrupt latest checkpoint and restores the previous one', async () => {
    const { loadLatestCheckpoint, listCheckpoints } = await import('@tributary/runtime');
    const { writeFileSync, readdirSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'trib-chk-'));
    dirs.push(dir);
    const env = build(1, new CommitLog(), {
      'execution.checkpointing.interval': '20 ms',
      'execution.checkpointing.dir': dir,
      'execution.checkpointing.num-retained': '3',
    });
    await env.execute('corrupt');
    const cps = await listCheckpoints(join(dir, 'corrupt'));
    expect(cps.length).toBeGreaterThanOrEqual(2);
    const newest = cps[0]!;
    const stateFile = readdirSync(newest.path).find((f) => f.endsWith('.state'))!;
    writeFileSync(join(newest.path, stateFile), 'garbage');
    const loaded = await loadLatestCheckpoint(join(dir, 'corrupt'));
    expect(loaded?.manifest.checkpointId).toBe(cps[1]!.id);
  });
});
