import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { dateTimeBucketAssigner, FileSink, type FileSinkWriterState, FileSource } from '@tributary/connectors';
import { AsyncDataStream, StreamExecutionEnvironment } from '@tributary/datastream';
import { FINAL_CHECKPOINT_ID, OperatorMetrics, type SinkWriter, type SinkWriterContext } from '@tributary/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { sleep } from './support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'trib-filesink-'));
  dirs.push(d);
  return d;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}
const isHidden = (p: string) => p.split('/').pop()!.startsWith('.');
const visible = (dir: string) => walk(dir).filter((p) => !isHidden(p));
const hidden = (dir: string) => walk(dir).filter(isHidden);
const visibleLines = (dir: string) => visible(dir).flatMap((f) => readFileSync(f, 'utf8').split('\n').slice(0, -1));

function writerContext(restoredState?: unknown[], commitOnEndOfInput = true): SinkWriterContext {
  return {
    commitOnEndOfInput,
    subtaskIndex: 0,
    parallelism: 1,
    operatorName: 'file-sink',
    attemptNumber: 0,
    metrics: new OperatorMetrics(),
    restoredState,
    requestRun: () => {},
  };
}

describe('FileSink writer', () => {
  it('with a final checkpoint to come, end of input leaves files pending until the final commit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trib-fs-final-'));
    try {
      const w = FileSink.forRowFormat<string>(dir)
        .withBucketAssigner('single')
        .createWriter(writerContext(undefined, false));
      w.write('a', undefined);
      w.write('b', undefined);
      w.flush(true);
      const visible = () => readdirSync(dir).filter((f) => !f.startsWith('.'));
      expect(visible()).toEqual([]);
      const state = w.snapshotState!(FINAL_CHECKPOINT_ID);
      expect(visible()).toEqual([]);
      w.commit!(FINAL_CHECKPOINT_ID);
      expect(visible()).toHaveLength(1);
      expect(readFileSync(join(dir, visible()[0]!), 'utf8')).toBe('a\nb\n');
      expect(state).toHaveLength(1);
      w.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls by size and makes files visible only when their checkpoint completes', () => {
    const dir = tempDir();
    const sink = FileSink.forRowFormat<string>(dir).withBucketAssigner('single').withRollingPolicy({ maxPartSize: 20 });
    const w = sink.createWriter(writerContext()) as SinkWriter<string>;
    const rows = Array.from({ length: 10 }, (_, i) => `row-${i}`); // 6 bytes each with '\n'
    for (const r of rows.slice(0, 7)) w.write(r, undefined);
    expect(visible(dir)).toEqual([]);
    w.flush(false);
    w.prepareCommit?.(1);
    const state = w.snapshotState?.(1) as FileSinkWriterState[];
    // 7 rows of 6 bytes with max 20: parts roll before the 5th row -> one pending (4 rows) and one in progress.
    expect(state[0]!.pending.map((p) => p.checkpointId)).toEqual([1]);
    expect(state[0]!.inProgress.map((p) => p.validLength)).toEqual([18]);
    expect(visible(dir)).toEqual([]);
    for (const r of rows.slice(7)) w.write(r, undefined);
    w.commit?.(1);
    const committed = visible(dir);
    expect(committed).toHaveLength(1);
    expect(readFileSync(committed[0]!, 'utf8')).toBe(
      rows
        .slice(0, 4)
        .map((r) => `${r}\n`)
        .join(''),
    );
    expect(relative(dir, committed[0]!)).toMatch(/^part-[0-9a-f-]{36}-0-0$/);
    expect(hidden(dir).every((p) => /\/\.part-[0-9a-f-]{36}-0-\d+\.inprogress$/.test(p))).toBe(true);
    w.flush(true);
    w.close();
    expect(hidden(dir)).toEqual([]);
    expect(visibleLines(dir)).toEqual(rows);
  });

  it('a restored writer commits the checkpoint and cuts off rows written after it', () => {
    const dir = tempDir();
    const sink = FileSink.forRowFormat<number>(dir).withBucketAssigner((v) => (v % 2 === 0 ? 'even' : 'odd'));
    const w = sink.createWriter(writerContext()) as SinkWriter<number>;
    for (let i = 0; i < 10; i++) w.write(i, undefined);
    const state = structuredClone(w.snapshotState?.(5));
    for (let i = 10; i < 20; i++) w.write(i, undefined);
    w.flush(false);
    w.close(); // crash before the checkpoint completed: nothing visible
    expect(visible(dir)).toEqual([]);
    const restored = sink.createWriter(writerContext(state)) as SinkWriter<number>;
    expect(visible(dir).map((f) => relative(dir, f).split('/')[0])).toEqual(['even', 'odd']);
    expect(visibleLines(join(dir, 'even'))).toEqual(['0', '2', '4', '6', '8']);
    expect(visibleLines(join(dir, 'odd'))).toEqual(['1', '3', '5', '7', '9']);
    // Restoring the same state again (a second failure) is idempotent.
    (sink.createWriter(writerContext(state)) as SinkWriter<number>).close();
    restored.write(100, undefined);
    restored.flush(true);
    restored.close();
    expect(
      visibleLines(dir)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
  });

  it('rolls on inactivity with the bucket check timer', async () => {
    const dir = tempDir();
    const sink = FileSink.forRowFormat<string>(dir)
      .withBucketAssigner('single')
      .withRollingPolicy({ inactivityIntervalMs: 10 })
      .withBucketCheckInterval(5);
    const w = sink.createWriter(writerContext()) as SinkWriter<string>;
    w.write('a', undefined);
    await sleep(60);
    w.write('b', undefined);
    const state = w.snapshotState?.(1) as FileSinkWriterState[];
    expect(state[0]!.pending).toHaveLength(1);
    w.commit?.(1);
    expect(visibleLines(dir)).toEqual(['a']);
    w.flush(true);
    w.close();
    expect(visibleLines(dir)).toEqual(['a', 'b']);
  });

  it('date-time buckets are named like Flink (yyyy-MM-dd--HH)', () => {
    const a = dateTimeBucketAssigner<unknown>(undefined, 'UTC');
    expect(a(null, { timestamp: undefined, currentTime: Date.UTC(2024, 0, 2, 3, 4, 5) })).toBe('2024-01-02--03');
    const b = dateTimeBucketAssigner<unknown>('yyyy/MM/dd/HHmmss', 'UTC');
    expect(b(null, { timestamp: undefined, currentTime: Date.UTC(2031, 11, 31, 23, 59, 58) })).toBe(
      '2031/12/31/235958',
    );
  });

  it('rejects bucket ids that leave the base path', () => {
    const dir = tempDir();
    const w = FileSink.forRowFormat<string>(dir)
      .withBucketAssigner(() => '../evil')
      .createWriter(writerContext());
    expect(() => (w as SinkWriter<string>).write('x', undefined)).toThrow(/must be a relative path/);
  });
});

describe('FileSink in jobs', () => {
  it('rolling + checkpoints: no partial file is ever visible, all rows final at the end', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const n = 20_000;
    const env = StreamExecutionEnvironment.create({
      'execution.checkpointing.interval': '15 ms',
      'execution.checkpointing.dir': join(dir, 'ckpt'),
    }).setParallelism(2);
    // A slow-ish source so several checkpoints and rolls happen during the job.
    env
      .fromAsyncIterable(
        (async function* () {
          for (let i = 0; i < n; i++) {
            if (i % 500 === 0) await sleep(3);
            yield i;
          }
        })(),
        { bounded: true },
      )
      .rebalance()
      .sinkTo(
        FileSink.forRowFormat<number>(out, (v) => `${v},${'x'.repeat(v % 13)}\n`)
          .withBucketAssigner((v) => `b${v % 3}`)
          .withRollingPolicy({ maxPartSize: 4096 }),
      );
    const job = env.execute('file-sink-job');
    // Watch the output while the job runs: a visible file never changes once it appeared.
    const seen = new Map<string, number>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const f of visible(out)) {
          const size = statSync(f).size;
          const before = seen.get(f);
          if (before === undefined) seen.set(f, size);
          else expect(size).toBe(before);
          expect(readFileSync(f, 'utf8').endsWith('\n')).toBe(true);
        }
        await sleep(2);
      }
    })();
    await job;
    watching = false;
    await watcher;
    expect(seen.size).toBeGreaterThan(0);
    expect(hidden(out)).toEqual([]);
    const lines = visibleLines(out);
    const expected = Array.from({ length: n }, (_, v) => `${v},${'x'.repeat(v % 13)}`);
    expect(lines.sort()).toEqual(expected.sort());
    for (const f of visible(out)) expect(statSync(f).size).toBeLessThanOrEqual(4096 + 32);
  });

  for (const mode of ['ordered', 'unordered'] as const) {
    it(`exactly-once from a file source through ${mode} async I/O to a file sink across a failure`, async () => {
      const dir = tempDir();
      const input = join(dir, 'in');
      mkdirSync(input);
      const expected: string[] = [];
      for (let f = 0; f < 6; f++) {
        const lines = Array.from({ length: 2000 }, (_, i) => `f${f}-${i}`);
        expected.push(...lines.map((l) => l.toUpperCase()));
        writeFileSync(join(input, `file-${f}.txt`), `${lines.join('\n')}\n`);
      }
      const env = StreamExecutionEnvironment.create({
        'execution.checkpointing.interval': '10 ms',
        'execution.checkpointing.dir': join(dir, 'ckpt'),
        'restart-strategy.type': 'fixed-delay',
        'restart-strategy.fixed-delay.attempts': '3',
        'restart-strategy.fixed-delay.delay': '10 ms',
      }).setParallelism(2);
      const lines = env.fromSource(
        FileSource.forTextLines(input).withOptions({ readChunkBytes: 4096, queuedReads: 1 }),
        undefined,
        'in',
      );
      // The async stage slows the pipeline so checkpoints (with elements in flight) happen before the failure.
      const upper = (line: string) => new Promise<string>((r) => setTimeout(() => r(line.toUpperCase()), 0));
      const enriched =
        mode === 'ordered'
          ? AsyncDataStream.orderedWait(lines, upper, { capacity: 40 })
          : AsyncDataStream.unorderedWait(lines, upper, { capacity: 40 });
      enriched
        .uid('async')
        .map({
          attempt: 0,
          seen: 0,
          open(ctx: { attemptNumber: number }) {
            this.attempt = ctx.attemptNumber;
          },
          map(line: string) {
            if (this.attempt === 0 && ++this.seen === 3000) throw new Error('injected failure');
            return line;
          },
        })
        .sinkTo(FileSink.forRowFormat<string>(join(dir, 'out')).withRollingPolicy({ maxPartSize: 8192 }));
      const job = env.execute('file-eo');
      let checkpoints = 0;
      job.on((e) => {
        if (e.type === 'checkpoint') checkpoints++;
      });
      const result = await job;
      expect(result.restarts).toBe(1);
      expect(checkpoints).toBeGreaterThan(1);
      expect(visibleLines(join(dir, 'out')).sort()).toEqual(expected.sort());
    });
  }
});
