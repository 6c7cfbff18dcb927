import { createDatagenSource, defaultTableFactoryRegistry, type Row } from '@tributary/connectors';
import { Decimal, MILLIS_PER_DAY, NanoTimestamp, Types } from '@tributary/core';
import { StreamExecutionEnvironment } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { drain, readerContext } from '../support.js';
import { errorOf, tableCtx } from './helpers.js';

const NOW = Date.UTC(2024, 5, 15, 12, 0, 0, 0);

async function rowsOf(options: Record<string, string>, columns: Parameters<typeof tableCtx>[1]): Promise<Row[]> {
  const ctx = tableCtx({ connector: 'datagen', 'rows-per-second': '1000000', ...options }, columns);
  defaultTableFactoryRegistry.validate(defaultTableFactoryRegistry.get('datagen'), ctx);
  const source = createDatagenSource(ctx, NOW);
  const reader = source.createReader(readerContext());
  reader.addSplits(await source.createSplits(1));
  return drain(reader);
}

describe('datagen table connector', () => {
  it('is deterministic: the same options give the same rows, whatever the parallelism', async () => {
    const cols = { a: Types.int(), b: Types.string(), c: Types.double() };
    const a = await rowsOf({ 'number-of-rows': '50' }, cols);
    const b = await rowsOf({ 'number-of-rows': '50' }, cols);
    expect(a).toHaveLength(50);
    expect(b).toEqual(a);
    const env = StreamExecutionEnvironment.create();
    env.setParallelism(3);
    const provider = defaultTableFactoryRegistry.createSource(
      tableCtx({ connector: 'datagen', 'number-of-rows': '50', 'rows-per-second': '1000000' }, cols),
    );
    const viaJob = await env.fromSource(provider.source, undefined, 'datagen').executeAndCollect().toArray();
    const key = (r: unknown[]) => JSON.stringify(r);
    expect(viaJob.map(key).sort()).toEqual(a.map(key).sort());
    expect(provider.changelogMode).toBe('insert-only');
  });

  it('sequence fields bound the source, number-of-rows bounds it further', async () => {
    const seq = await rowsOf(
      { 'fields.id.kind': 'sequence', 'fields.id.start': '5', 'fields.id.end': '14' },
      { id: Types.bigint(), s: Types.string() },
    );
    expect(seq.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(5 + i)));
    const capped = await rowsOf(
      { 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '100', 'number-of-rows': '4' },
      { id: Types.int() },
    );
    expect(capped).toEqual([[1], [2], [3], [4]]);
    const str = await rowsOf(
      { 'fields.s.kind': 'sequence', 'fields.s.start': '9', 'fields.s.end': '11' },
      { s: Types.string() },
    );
    expect(str).toEqual([['9'], ['10'], ['11']]);
    const provider = defaultTableFactoryRegistry.createSource(
      tableCtx(
        { connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '3' },
        { id: Types.int() },
      ),
    );
    expect(provider.source.boundedness).toBe('bounded');
    const unbounded = defaultTableFactoryRegistry.createSource(tableCtx({ connector: 'datagen' }, { id: Types.int() }));
    expect(unbounded.source.boundedness).toBe('unbounded');
    const missing = errorOf(() =>
      defaultTableFactoryRegistry.createSource(
        tableCtx({ connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '1' }, { id: Types.int() }),
      ),
    );
    expect(missing.message).toContain("Could not find required property 'fields.id.end' for sequence generator.");
  });

  it('null-rate makes that share of values NULL', async () => {
    const rows = await rowsOf(
      { 'number-of-rows': '4000', 'fields.a.null-rate': '0.25', 'fields.b.null-rate': '1', 'fields.c.null-rate': '0' },
      { a: Types.int(), b: Types.string(), c: Types.int() },
    );
    const nullsA = rows.filter((r) => r[0] === null).length;
    // binomial(4000, 0.25): mean 1000, sd ~27
    expect(nullsA).toBeGreaterThan(880);
    expect(nullsA).toBeLessThan(1120);
    expect(rows.every((r) => r[1] === null)).toBe(true);
    expect(rows.every((r) => r[2] !== null)).toBe(true);
  });

  it('generates every supported type in its value representation and range', async () => {
    const cols = {
      ti: Types.tinyint(),
      si: Types.smallint(),
      i: Types.int(),
      bi: Types.bigint(),
      f: Types.float(),
      d: Types.double(),
      dec: Types.decimal(6, 2),
      s: Types.string(),
      vc: Types.varchar(5),
      ch: Types.char(4),
      b: Types.boolean(),
      dt: Types.date(),
      tm: Types.time(0),
      ts: Types.timestamp(3),
      ts9: Types.timestamp(9),
      ltz: Types.timestampLtz(3),
      arr: Types.array(Types.int()),
      m: Types.map(Types.string(), Types.bigint()),
      r: Types.row({ x: Types.int(), y: Types.string() }),
      by: Types.bytes(),
    };
    const rows = await rowsOf(
      {
        'number-of-rows': '500',
        'fields.i.min': '-5',
        'fields.i.max': '5',
        'fields.bi.min': '1000000000000',
        'fields.bi.max': '1000000000010',
        'fields.d.min': '1.5',
        'fields.d.max': '2.5',
        'fields.s.length': '7',
        'fields.s.var-len': 'true',
        'fields.ts.max-past': '1 h',
        'fields.dt.max-past': '3 d',
        'fields.arr.length': '2',
        'fields.by.length': '4',
      },
      cols,
    );
    expect(rows).toHaveLength(500);
    const col = (name: keyof typeof cols) => rows.map((r) => r[Object.keys(cols).indexOf(name)]);
    const inRange = (xs: unknown[], lo: number, hi: number) =>
      xs.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi);
    expect(inRange(col('ti'), -128, 127)).toBe(true);
    expect(inRange(col('si'), -32768, 32767)).toBe(true);
    expect(inRange(col('i'), -5, 5)).toBe(true);
    expect(new Set(col('i')).size).toBe(11);
    expect(col('bi').every((x) => typeof x === 'bigint' && x >= 1000000000000n && x <= 1000000000010n)).toBe(true);
    expect(col('f').every((x) => typeof x === 'number' && Math.fround(x) === x)).toBe(true);
    expect(col('d').every((x) => typeof x === 'number' && x >= 1.5 && x <= 2.5)).toBe(true);
    expect(col('dec').every((x) => x instanceof Decimal && x.scale === 2 && x.precision <= 6)).toBe(true);
    const lens = col('s').map((x) => (x as string).length);
    expect(Math.max(...lens)).toBe(7);
    expect(Math.min(...lens)).toBeGreaterThanOrEqual(1);
    expect(Math.min(...lens)).toBeLessThan(7);
    expect(col('vc').every((x) => typeof x === 'string' && x.length === 5)).toBe(true);
    expect(col('ch').every((x) => typeof x === 'string' && x.length === 4)).toBe(true);
    expect(new Set(col('b'))).toEqual(new Set([true, false]));
    const today = Math.floor(NOW / MILLIS_PER_DAY);
    expect(inRange(col('dt'), today - 3, today)).toBe(true);
    expect(col('tm').every((x) => typeof x === 'number' && x >= 0 && x < MILLIS_PER_DAY && x % 1000 === 0)).toBe(true);
    expect(inRange(col('ts'), NOW - 3_600_000, NOW)).toBe(true);
    expect(col('ts9').every((x) => x instanceof NanoTimestamp)).toBe(true);
    expect(col('ltz').every((x) => x === NOW)).toBe(true); // max-past defaults to 0
    expect(col('arr').every((x) => Array.isArray(x) && x.length === 2 && inRange(x, -2147483648, 2147483647))).toBe(
      true,
    );
    expect(col('m').every((x) => x instanceof Map && [...x.values()].every((v) => typeof v === 'bigint'))).toBe(true);
    expect(col('r').every((x) => Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'string')).toBe(true);
    expect(col('by').every((x) => x instanceof Uint8Array && x.length === 4)).toBe(true);
  });

  it('rejects min > max and out-of-range bounds naming the key', () => {
    const e = errorOf(() =>
      defaultTableFactoryRegistry.createSource(
        tableCtx({ connector: 'datagen', 'fields.a.min': '10', 'fields.a.max': '1' }, { a: Types.int() }),
      ),
    );
    expect(e.message).toContain("'fields.a.min' (10) and 'fields.a.max' (1)");
    const r = errorOf(() =>
      defaultTableFactoryRegistry.createSource(
        tableCtx({ connector: 'datagen', 'fields.a.max': '300' }, { a: Types.tinyint() }),
      ),
    );
    expect(r.message).toContain("Value '300' of key 'fields.a.max' is out of the range of TINYINT");
  });
});
