import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defaultTableFactoryRegistry, type Row } from '@tributary/connectors';
import { type LogicalType, Types } from '@tributary/core';
import { StreamExecutionEnvironment } from '@tributary/datastream';
import { FINAL_CHECKPOINT_ID, OperatorMetrics, type SinkWriter, type SinkWriterContext } from '@tributary/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { drain, readerContext, sleep } from '../support.js';
import { tableCtx } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'trib-fs-table-'));
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
const visible = (dir: string) => walk(dir).filter((p) => !p.split('/').pop()!.startsWith('.'));
const key = (r: unknown[]) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

async function readTable(
  path: string,
  columns: Record<string, LogicalType>,
  partitionKeys: string[],
  options: Record<string, string> = {},
  parallelism = 2,
): Promise<Row[]> {
  const provider = defaultTableFactoryRegistry.createSource(
    tableCtx({ connector: 'filesystem', path, format: 'csv', ...options }, columns, partitionKeys),
  );
  const env = StreamExecutionEnvironment.create().setParallelism(parallelism);
  return env.fromSource(provider.source, undefined, 'fs').executeAndCollect().toArray();
}

const DAY1 = 19723; // 2024-01-01

describe('filesystem table connector', () => {
  it('reads partitioned directories: partition values come from the path, not the files', async () => {
    const dir = tempDir();
    const put = (rel: string, text: string) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    put('dt=2024-01-01/hr=10/part-0', '1,a\n2,b\n');
    put('dt=2024-01-01/hr=__DEFAULT_PARTITION__/part-0', '3,c');
    put('dt=2024-01-02/hr=11/part-1', '4,"d,e"\n');
    put('dt=2024-01-02/hr=11/_SUCCESS', '');
    put('dt=2024-01-02/hr=11/.part-2.inprogress', '99,hidden\n');
    // physical order: id, dt, name, hr (partition columns need not be last)
    const cols = { id: Types.int(), dt: Types.date(), name: Types.string(), hr: Types.int() };
    const rows = await readTable(dir, cols, ['dt', 'hr']);
    const expected = [
      [1, DAY1, 'a', 10],
      [2, DAY1, 'b', 10],
      [3, DAY1, 'c', null],
      [4, DAY1 + 1, 'd,e', 11],
    ];
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('reports the file, line and field of a bad record', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data.csv'), '1,a\n2,b\nthree,c\n');
    await expect(readTable(dir, { id: Types.int(), name: Types.string() }, [], {}, 1)).rejects.toThrow(
      `Failed to deserialize CSV row at file '${join(dir, 'data.csv')}', line 3: field 'id' (column 1, INT): cannot parse 'three' as INT`,
    );
    const lenient = await readTable(
      dir,
      { id: Types.int(), name: Types.string() },
      [],
      { 'csv.ignore-parse-errors': 'true' },
      1,
    );
    expect(lenient).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('writes a bucket per partition with the non-partition columns, default names and success files', async () => {
    const dir = tempDir();
    const cols = { id: Types.bigint(), k: Types.string(), v: Types.double(), d: Types.date() };
    const provider = defaultTableFactoryRegistry.createSink(
      tableCtx(
        { connector: 'filesystem', path: dir, format: 'json', 'sink.partition-commit.policy.kind': 'success-file' },
        cols,
        ['k', 'd'],
      ),
    );
    expect(provider.acceptedChangelogMode).toBe('insert-only');
    const rows: Row[] = [
      [1n, 'a', 1.5, DAY1],
      [2n, 'a', 2.5, DAY1],
      [3n, null, 3.5, DAY1],
      [4n, '', 4.5, null],
      [5n, 'x/y=z', 5.5, DAY1 + 1],
    ];
    const env = StreamExecutionEnvironment.create().setParallelism(1);
    env.fromElements(...rows).sinkTo(provider.sink);
    await env.execute('fs-sink');
    const files = visible(dir).map((p) => relative(dir, p));
    const partitions = [
      'k=a/d=2024-01-01',
      'k=__DEFAULT_PARTITION__/d=2024-01-01',
      'k=__DEFAULT_PARTITION__/d=__DEFAULT_PARTITION__',
      'k=x%2Fy%3Dz/d=2024-01-02',
    ];
    for (const p of partitions) expect(files).toContain(`${p}/_SUCCESS`);
    const dataOf = (p: string) =>
      files
        .filter((f) => f.startsWith(`${p}/part-`))
        .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').slice(0, -1));
    expect(dataOf(partitions[0]!)).toEqual(['{"id":1,"v":1.5}', '{"id":2,"v":2.5}']);
    expect(dataOf(partitions[1]!)).toEqual(['{"id":3,"v":3.5}']);
    expect(dataOf(partitions[2]!)).toEqual(['{"id":4,"v":4.5}']);
    expect(dataOf(partitions[3]!)).toEqual(['{"id":5,"v":5.5}']);
    expect(files.filter((f) => !f.endsWith('_SUCCESS') && !f.includes('/part-'))).toEqual([]);
    // and the source reads the table back ('' and NULL both became the default partition)
    const back = await (async () => {
      const src = defaultTableFactoryRegistry.createSource(
        tableCtx({ connector: 'filesystem', path: dir, format: 'json' }, cols, ['k', 'd']),
      );
      const e = StreamExecutionEnvironment.create().setParallelism(2);
      return e.fromSource(src.source, undefined, 'back').executeAndCollect().toArray();
    })();
    const expectedBack = rows.map((r) => [r[0], r[1] === '' ? null : r[1], r[2], r[3]]);
    expect(back.map(key).sort()).toEqual(expectedBack.map(key).sort());
  });

  it('rolls files by size', async () => {
    const dir = tempDir();
    const provider = defaultTableFactoryRegistry.createSink(
      tableCtx(
        { connector: 'filesystem', path: dir, format: 'csv', 'sink.rolling-policy.file-size': '20b' },
        { s: Types.string() },
      ),
    );
    const env = StreamExecutionEnvironment.create().setParallelism(1);
    const rows = Array.from({ length: 10 }, (_, i) => [`row-${i}`]); // 6 bytes each
    env.fromElements(...rows).sinkTo(provider.sink);
    await env.execute('roll');
    const files = visible(dir);
    // a part rolls before the record that finds it at >= 20 bytes: 4 rows (24 bytes) per file
    expect(files.map((f) => readFileSync(f, 'utf8').split('\n').length - 1).sort()).toEqual([2, 4, 4]);
  });

  it('is exactly-once across a failure with checkpointing, and commits every partition', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const n = 6000;
    const src = defaultTableFactoryRegistry.createSource(
      tableCtx(
        {
          connector: 'datagen',
          'rows-per-second': '30000',
          'fields.id.kind': 'sequence',
          'fields.id.start': '0',
          'fields.id.end': String(n - 1),
        },
        { id: Types.bigint() },
      ),
    );
    const cols = { id: Types.bigint(), label: Types.string(), p: Types.int() };
    const sink = defaultTableFactoryRegistry.createSink(
      tableCtx(
        { connector: 'filesystem', path: out, format: 'csv', 'sink.partition-commit.policy.kind': 'success-file' },
        cols,
        ['p'],
      ),
    );
    const env = StreamExecutionEnvironment.create({
      'execution.checkpointing.interval': '10 ms',
      'execution.checkpointing.dir': join(dir, 'ckpt'),
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': '3',
      'restart-strategy.fixed-delay.delay': '10 ms',
    }).setParallelism(2);
    env
      .fromSource(src.source, undefined, 'gen')
      .uid('gen')
      .map({
        attempt: 0,
        seen: 0,
        open(ctx: { attemptNumber: number }) {
          this.attempt = ctx.attemptNumber;
        },
        map(r: Row): Row {
          if (this.attempt === 0 && ++this.seen === 2000) throw new Error('injected failure');
          const id = r[0] as bigint;
          return [id, `r${id}`, Number(id % 3n)];
        },
      })
      .sinkTo(sink.sink);
    const job = env.execute('fs-eo');
    let checkpoints = 0;
    job.on((e) => {
      if (e.type === 'checkpoint') checkpoints++;
    });
    const result = await job;
    expect(result.restarts).toBe(1);
    expect(checkpoints).toBeGreaterThan(1);
    for (const p of [0, 1, 2]) expect(existsSync(join(out, `p=${p}`, '_SUCCESS'))).toBe(true);
    const back = await readTable(out, cols, ['p']);
    const expected = Array.from({ length: n }, (_, i) => [BigInt(i), `r${i}`, i % 3]);
    expect(back.length).toBe(n);
    expect(back.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('monitors the directory for new files when source.monitor-interval is set', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'p=1'));
    writeFileSync(join(dir, 'p=1', 'a'), '1\n2\n');
    const provider = defaultTableFactoryRegistry.createSource(
      tableCtx(
        { connector: 'filesystem', path: dir, format: 'csv', 'source.monitor-interval': '20 ms' },
        { x: Types.int(), p: Types.int() },
        ['p'],
      ),
    );
    expect(provider.source.boundedness).toBe('unbounded');
    const reader = provider.source.createReader(readerContext());
    reader.addSplits(await provider.source.createSplits(1));
    expect(await drain(reader, 2)).toEqual([
      [1, 1],
      [2, 1],
    ]);
    mkdirSync(join(dir, 'p=2'));
    writeFileSync(join(dir, 'p=2', 'b'), '3\n');
    await sleep(30);
    expect(await drain(reader, 1)).toEqual([[3, 2]]);
    await reader.close?.();
  });

  it('commits a partition when its checkpoint completes and the delay has passed, all of them at end of input', async () => {
    const dir = tempDir();
    const ctx = (commitOnEndOfInput: boolean): SinkWriterContext => ({
      commitOnEndOfInput,
      subtaskIndex: 0,
      parallelism: 1,
      operatorName: 'fs',
      attemptNumber: 0,
      metrics: new OperatorMetrics(),
      restoredState: undefined,
      requestRun: () => {},
    });
    const writerFor = (path: string, extra: Record<string, string>, partitionKeys: string[]) =>
      defaultTableFactoryRegistry
        .createSink(
          tableCtx(
            {
              connector: 'filesystem',
              path,
              format: 'csv',
              'sink.partition-commit.policy.kind': 'success-file',
              ...extra,
            },
            { v: Types.int(), p: Types.string() },
            partitionKeys,
          ),
        )
        .sink.createWriter(ctx(false)) as SinkWriter<Row>;
    const now = join(dir, 'now');
    const w = writerFor(now, {}, ['p']);
    w.write([1, 'a'], undefined);
    const success = (base: string, p: string) => existsSync(join(base, `p=${p}`, '_SUCCESS'));
    w.snapshotState?.(1);
    w.write([2, 'b'], undefined); // after the barrier of checkpoint 1
    expect(success(now, 'a')).toBe(false);
    await w.commit?.(1);
    expect(success(now, 'a')).toBe(true);
    expect(
      readFileSync(join(now, 'p=a', readdirSync(join(now, 'p=a')).find((f) => f.startsWith('part-'))!), 'utf8'),
    ).toBe('1\n');
    expect(success(now, 'b')).toBe(false);
    await w.flush(true);
    w.snapshotState?.(FINAL_CHECKPOINT_ID);
    await w.commit?.(FINAL_CHECKPOINT_ID);
    expect(success(now, 'b')).toBe(true);
    await w.close();

    const later = join(dir, 'later');
    const d = writerFor(later, { 'sink.partition-commit.delay': '1 h' }, ['p']);
    d.write([1, 'a'], undefined);
    d.snapshotState?.(1);
    await d.commit?.(1);
    expect(success(later, 'a')).toBe(false); // an hour has not passed
    await d.flush(true);
    d.snapshotState?.(FINAL_CHECKPOINT_ID);
    await d.commit?.(FINAL_CHECKPOINT_ID);
    expect(success(later, 'a')).toBe(true);
    await d.close();

    // a non-partitioned table gets its success file in the table path
    const flat = join(dir, 'flat');
    const f = writerFor(flat, {}, []);
    f.write([1, 'x'], undefined);
    f.snapshotState?.(1);
    await f.commit?.(1);
    expect(existsSync(join(flat, '_SUCCESS'))).toBe(true);
    await f.close();
  });
});
