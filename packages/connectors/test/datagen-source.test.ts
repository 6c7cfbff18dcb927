import { DataGen, DataGeneratorSource } from '@tributary/connectors';
import { StreamExecutionEnvironment } from '@tributary/datastream';
import { InputStatus } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';
import { drain, readerContext } from './support.js';

const fields = () => ({
  id: DataGen.sequence(100, 1099),
  n: DataGen.int(-5, 5),
  d: DataGen.double(10, 20),
  s: DataGen.string(6),
  b: DataGen.boolean(),
  ts: DataGen.timestamp(1_700_000_000_000, 1_700_000_060_000),
  big: DataGen.long(-3n, 3n),
});

async function readAll<T>(source: DataGeneratorSource<T>, parallelism: number, batchSize = 100): Promise<T[]> {
  const splits = source.createSplits(parallelism);
  const out: T[] = [];
  for (let p = 0; p < parallelism; p++) {
    const r = source.createReader(readerContext({ subtaskIndex: p, parallelism, batchSize }));
    r.addSplits(splits.filter((_, i) => i % parallelism === p));
    out.push(...(await drain(r)));
  }
  return out;
}

describe('DataGeneratorSource', () => {
  it('field specs: sequence bounds the source and random fields stay in their ranges', async () => {
    const rows = await readAll(DataGeneratorSource.fromFields(fields(), { seed: 7 }), 1);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 1000 }, (_, i) => 100 + i));
    for (const r of rows) {
      expect(Number.isInteger(r.n) && r.n >= -5 && r.n <= 5).toBe(true);
      expect(r.d >= 10 && r.d < 20).toBe(true);
      expect(r.s).toMatch(/^[a-zA-Z0-9]{6}$/);
      expect(typeof r.b).toBe('boolean');
      expect(r.ts >= 1_700_000_000_000 && r.ts <= 1_700_000_060_000 && Number.isInteger(r.ts)).toBe(true);
      expect(r.big >= -3n && r.big <= 3n).toBe(true);
    }
    // Every value of a small integer range shows up in 1000 rows, and booleans are not constant.
    expect(new Set(rows.map((r) => r.n)).size).toBe(11);
    expect(new Set(rows.map((r) => r.big)).size).toBe(7);
    const trues = rows.filter((r) => r.b).length;
    expect(trues).toBeGreaterThan(350);
    expect(trues).toBeLessThan(650);
  });

  it('is deterministic for a seed, whatever the parallelism and split layout', async () => {
    const byId = (rows: { id: number }[]) => [...rows].sort((a, b) => a.id - b.id);
    const a = await readAll(DataGeneratorSource.fromFields(fields(), { seed: 42 }), 1);
    const b = byId(await readAll(DataGeneratorSource.fromFields(fields(), { seed: 42 }), 3, 7));
    const c = await readAll(DataGeneratorSource.fromFields(fields(), { seed: 43 }), 1);
    expect(b).toEqual(a);
    expect(c.map((r) => r.s)).not.toEqual(a.map((r) => r.s));
  });

  it('resumes exactly from a snapshotted split position', async () => {
    const src = new DataGeneratorSource((i) => i * 3, { numberOfRows: 1000 });
    const first = src.createReader(readerContext({ batchSize: 64 }));
    first.addSplits(src.createSplits(2));
    const got: number[] = [];
    const out = { collect: (v: number) => void got.push(v) };
    for (let k = 0; k < 5; k++) first.pollNext(out);
    const state = structuredClone(first.snapshotState(1));
    const second = src.createReader(readerContext({ batchSize: 50 }));
    second.addSplits(state);
    got.push(...(await drain(second)));
    expect(got.sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i * 3));
  });

  it('unbounded splits interleave the index space between subtasks', () => {
    const src = new DataGeneratorSource((i) => i);
    expect(src.boundedness).toBe('unbounded');
    const splits = src.createSplits(2);
    const seen: number[][] = [[], []];
    for (const p of [0, 1]) {
      const r = src.createReader(readerContext({ subtaskIndex: p, parallelism: 2, batchSize: 10 }));
      r.addSplits([splits[p]!]);
      const out = { collect: (v: number) => void seen[p]!.push(v) };
      expect(r.pollNext(out)).toBe(InputStatus.MORE_AVAILABLE);
      expect(r.pollNext(out)).toBe(InputStatus.MORE_AVAILABLE);
    }
    expect(seen[0]).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i));
    expect(seen[1]).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i + 1));
  });

  for (const parallelism of [1, 2]) {
    it(`bounded job at parallelism ${parallelism} emits every row once`, async () => {
      const n = 200_000;
      const env = StreamExecutionEnvironment.create().setParallelism(parallelism);
      const counts = await env
        .fromSource(new DataGeneratorSource((i) => i, { numberOfRows: n }), undefined, 'datagen')
        .map((i) => i % 1000)
        .keyBy((k) => k)
        .map(() => 1)
        .executeAndCollect()
        .toArray();
      expect(counts.length).toBe(n);
    });
  }

  it('bounded job output equals the generator applied to 0..n-1', async () => {
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const out = await env
      .fromSource(new DataGeneratorSource((i) => `r${i}`, { numberOfRows: 5000 }), undefined, 'datagen')
      .executeAndCollect()
      .toArray();
    expect(out.sort()).toEqual(Array.from({ length: 5000 }, (_, i) => `r${i}`).sort());
  });

  it('rate limiting spreads rows over time without busy waiting', async () => {
    // 150 rows/s over 2 subtasks: 45 rows need at least (45/2 - 1) / 75 s ≈ 0.29 s; only a lower bound is checked.
    const env = StreamExecutionEnvironment.create().setParallelism(2);
    const started = Date.now();
    const out = await env
      .fromSource(new DataGeneratorSource((i) => i, { numberOfRows: 45, rowsPerSecond: 150 }), undefined, 'datagen')
      .map((i) => ({ i, at: Date.now() }))
      .executeAndCollect()
      .toArray();
    expect(out.map((r) => r.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => i));
    const last = Math.max(...out.map((r) => r.at));
    expect(last - started).toBeGreaterThanOrEqual(250);
    // Rows arrive in several waves, not all at once.
    expect(new Set(out.map((r) => Math.floor((r.at - started) / 50))).size).toBeGreaterThan(2);
  });

  it('a rate-limited reader reports NOTHING_AVAILABLE and wakes up later', async () => {
    const src = new DataGeneratorSource((i) => i, { rowsPerSecond: 20 });
    const r = src.createReader(readerContext());
    r.addSplits(src.createSplits(1));
    const got: number[] = [];
    const out = { collect: (v: number) => void got.push(v) };
    r.pollNext(out);
    let status = r.pollNext(out);
    while (status !== InputStatus.NOTHING_AVAILABLE) status = r.pollNext(out);
    const before = got.length;
    await r.isAvailable();
    r.pollNext(out);
    expect(got.length).toBeGreaterThan(before);
    expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i));
  });

  it('rejects bad options with clear errors', () => {
    expect(() => new DataGeneratorSource((i) => i, { numberOfRows: -1 })).toThrow(/numberOfRows/);
    expect(() => new DataGeneratorSource((i) => i, { rowsPerSecond: 0 })).toThrow(/rowsPerSecond/);
    expect(() => DataGen.int(5, 1)).toThrow(/DataGen.int/);
    expect(() => DataGen.string(-1)).toThrow(/DataGen.string/);
  });
});
