import { Decimal, parseType, SqlValidationError } from '@tributary/core';
import {
  type AggregateFunction,
  type AggregateUdf,
  builtinAggregate,
  createBuiltinRegistry,
  distinctAggregate,
  registerUdf,
  runAggregate,
} from '@tributary/sql';
import { describe, expect, it } from 'vitest';

const agg = (kind: Parameters<typeof builtinAggregate>[0], ...types: string[]) =>
  builtinAggregate(kind, types.map(parseType));
const plus = (...vs: unknown[]) => vs.map((v) => ['+', v] as const);

/** Accumulate `a` into one accumulator and `b` into another, merge, and read the result. */
function merged(fn: AggregateFunction, a: unknown[], b: unknown[]): unknown {
  const x = fn.createAccumulator();
  const y = fn.createAccumulator();
  for (const v of a) fn.accumulate(x, v);
  for (const v of b) fn.accumulate(y, v);
  fn.merge!(x, [y]);
  return fn.getValue(x);
}

describe('COUNT / SUM / SUM0 / AVG', () => {
  it('COUNT ignores NULLs, COUNT(*) does not', () => {
    expect(runAggregate(agg('COUNT', 'INT'), plus(1, null, 3))).toBe(2n);
    expect(runAggregate(agg('COUNT_STAR'), [['+'], ['+'], ['-'], ['+']])).toBe(2n);
    expect(
      runAggregate(agg('COUNT', 'INT'), [
        ['+', 1],
        ['+', 2],
        ['-', 1],
      ]),
    ).toBe(1n);
  });
  it('SUM keeps the argument type, wraps like Java, is NULL when empty', () => {
    expect(runAggregate(agg('SUM', 'INT'), plus(1, 2, null, 4))).toBe(7);
    expect(runAggregate(agg('SUM', 'INT'), plus(2147483647, 1))).toBe(-2147483648);
    expect(runAggregate(agg('SUM', 'BIGINT'), plus(9223372036854775807n, 1n))).toBe(-9223372036854775808n);
    expect(runAggregate(agg('SUM', 'INT'), [])).toBeNull();
    expect(
      runAggregate(agg('SUM', 'INT'), [
        ['+', 5],
        ['-', 5],
      ]),
    ).toBeNull();
    expect(
      runAggregate(agg('SUM0', 'INT'), [
        ['+', 5],
        ['-', 5],
      ]),
    ).toBe(0);
    expect(String(runAggregate(agg('SUM', 'DECIMAL(5, 2)'), plus(Decimal.of('0.10'), Decimal.of('0.20'))))).toBe(
      '0.30',
    );
    expect(
      runAggregate(agg('SUM', 'DOUBLE'), [
        ['+', 0.5],
        ['+', 0.25],
        ['-', 0.5],
      ]),
    ).toBe(0.25);
    expect(merged(agg('SUM', 'BIGINT'), [1n, 2n], [3n])).toBe(6n);
  });
  it('AVG truncates for integers and rounds decimals to the AVG scale', () => {
    expect(runAggregate(agg('AVG', 'INT'), plus(1, 2))).toBe(1);
    expect(runAggregate(agg('AVG', 'INT'), plus(-1, -2))).toBe(-1);
    expect(runAggregate(agg('AVG', 'BIGINT'), plus(10n, 11n, 12n, 12n))).toBe(11n);
    expect(runAggregate(agg('AVG', 'DOUBLE'), plus(1, 2))).toBe(1.5);
    // AVG(DECIMAL(10,2)) is DECIMAL(38, 6): 1.00 + 2.00 + 2.00 = 5 / 3 = 1.666667
    expect(
      String(
        runAggregate(agg('AVG', 'DECIMAL(10, 2)'), plus(Decimal.of('1.00'), Decimal.of('2.00'), Decimal.of('2.00'))),
      ),
    ).toBe('1.666667');
    expect(
      runAggregate(agg('AVG', 'INT'), [
        ['+', 4],
        ['+', 8],
        ['-', 4],
      ]),
    ).toBe(8);
    expect(runAggregate(agg('AVG', 'INT'), [])).toBeNull();
    expect(merged(agg('AVG', 'INT'), [1, 2], [6])).toBe(3);
  });
});

describe('MIN / MAX with retraction', () => {
  it('recomputes when the current extreme is retracted', () => {
    const max = agg('MAX', 'INT');
    const acc = max.createAccumulator();
    for (const v of [3, 9, 9, 5]) max.accumulate(acc, v);
    expect(max.getValue(acc)).toBe(9);
    max.retract!(acc, 9);
    expect(max.getValue(acc)).toBe(9); // one 9 left
    max.retract!(acc, 9);
    expect(max.getValue(acc)).toBe(5);
    max.retract!(acc, 5);
    max.retract!(acc, 3);
    expect(max.getValue(acc)).toBeNull();
  });
  it('works for strings and decimals and merges', () => {
    expect(runAggregate(agg('MIN', 'STRING'), plus('b', 'a', null, 'c'))).toBe('a');
    expect(String(runAggregate(agg('MIN', 'DECIMAL(5, 2)'), plus(Decimal.of('1.50'), Decimal.of('-0.5'))))).toBe(
      '-0.5',
    );
    expect(merged(agg('MIN', 'INT'), [5, 7], [2, 9])).toBe(2);
  });
});

describe('LISTAGG / FIRST_VALUE / LAST_VALUE', () => {
  it('LISTAGG with default and custom separator', () => {
    expect(runAggregate(agg('LISTAGG', 'STRING'), plus('a', null, 'b'))).toBe('a,b');
    expect(
      runAggregate(agg('LISTAGG', 'STRING', 'STRING'), [
        ['+', 'a', '; '],
        ['+', 'b', '; '],
      ]),
    ).toBe('a; b');
    expect(
      runAggregate(agg('LISTAGG', 'STRING'), [
        ['+', 'a'],
        ['+', 'b'],
        ['+', 'a'],
        ['-', 'a'],
      ]),
    ).toBe('b,a');
    expect(runAggregate(agg('LISTAGG', 'STRING'), [])).toBeNull();
  });
  it('FIRST_VALUE / LAST_VALUE skip NULLs and survive retraction', () => {
    expect(runAggregate(agg('FIRST_VALUE', 'INT'), plus(null, 4, 5))).toBe(4);
    expect(runAggregate(agg('LAST_VALUE', 'INT'), plus(4, 5, null))).toBe(5);
    expect(
      runAggregate(agg('FIRST_VALUE', 'INT'), [
        ['+', 4],
        ['+', 5],
        ['-', 4],
      ]),
    ).toBe(5);
    expect(
      runAggregate(agg('LAST_VALUE', 'INT'), [
        ['+', 4],
        ['+', 5],
        ['-', 5],
      ]),
    ).toBe(4);
    expect(merged(agg('LAST_VALUE', 'INT'), [1], [2])).toBe(2);
  });
});

describe('variance and standard deviation', () => {
  // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squared deviations 32
  const xs = [2, 4, 4, 4, 5, 5, 7, 9];
  it('DOUBLE', () => {
    expect(runAggregate(agg('VAR_POP', 'DOUBLE'), plus(...xs))).toBe(4);
    expect(runAggregate(agg('STDDEV_POP', 'DOUBLE'), plus(...xs))).toBe(2);
    expect(runAggregate(agg('VAR_SAMP', 'DOUBLE'), plus(...xs))).toBeCloseTo(32 / 7, 12);
    expect(runAggregate(agg('STDDEV_SAMP', 'DOUBLE'), plus(1))).toBeNull();
    expect(runAggregate(agg('STDDEV_SAMP', 'DOUBLE'), [...plus(...xs), ['+', 100], ['-', 100]])).toBeCloseTo(
      Math.sqrt(32 / 7),
      12,
    );
  });
  it('INT uses integer arithmetic like Flink (result INT)', () => {
    // SUM(x*x)=30, SUM(x)=10, COUNT=4: (30 - 100/4) / 4 = 5 / 4 = 1
    expect(runAggregate(agg('VAR_POP', 'INT'), plus(1, 2, 3, 4))).toBe(1);
    // (30 - 25) / 3 = 1
    expect(runAggregate(agg('VAR_SAMP', 'INT'), plus(1, 2, 3, 4))).toBe(1);
    expect(runAggregate(agg('STDDEV_POP', 'INT'), plus(...xs))).toBe(2);
  });
});

describe('COLLECT and DISTINCT', () => {
  it('COLLECT builds a multiset with counts', () => {
    const r = runAggregate(agg('COLLECT', 'STRING'), [
      ['+', 'a'],
      ['+', 'b'],
      ['+', 'a'],
      ['+', null],
      ['-', 'b'],
    ]);
    expect(r).toEqual(new Map([['a', 2]]));
  });
  it('DISTINCT forwards only first occurrences and last retractions', () => {
    const cd = distinctAggregate(agg('COUNT', 'INT'));
    expect(runAggregate(cd, plus(1, 1, 2, null, 2, 3))).toBe(3n);
    const sd = distinctAggregate(agg('SUM', 'INT'));
    const acc = sd.createAccumulator();
    for (const v of [5, 5, 7]) sd.accumulate(acc, v);
    expect(sd.getValue(acc)).toBe(12);
    sd.retract!(acc, 5);
    expect(sd.getValue(acc)).toBe(12); // one 5 remains
    sd.retract!(acc, 5);
    expect(sd.getValue(acc)).toBe(7);
    expect(merged(distinctAggregate(agg('SUM', 'INT')), [1, 2], [2, 3])).toBe(6);
    const dec = distinctAggregate(agg('COUNT', 'DECIMAL(5, 2)'));
    expect(runAggregate(dec, plus(Decimal.of('1.0'), Decimal.of('1.00')))).toBe(1n);
  });
});

describe('registry and UDFs', () => {
  it('resolves aggregate definitions with result types', () => {
    const reg = createBuiltinRegistry();
    const avg = reg.resolve('AVG', [parseType('BIGINT')]);
    expect(avg.definition.kind).toBe('aggregate');
    expect(avg.returnType.toString()).toBe('BIGINT');
    expect(reg.resolve('COUNT', []).returnType.toString()).toBe('BIGINT NOT NULL');
    const count = reg.resolve('COUNT', []).overload.aggregate!([], avg.returnType);
    expect(runAggregate(count, [['+'], ['+']])).toBe(2n);
    expect(reg.resolve('STDDEV', [parseType('DOUBLE')]).returnType.toString()).toBe('DOUBLE');
  });
  it('accepts scalar, table and aggregate UDFs', () => {
    const reg = createBuiltinRegistry();
    registerUdf(reg, {
      kind: 'scalar',
      name: 'add_one',
      params: ['INT'],
      returnType: 'INT',
      eval: (x: number) => x + 1,
    });
    expect(reg.invoke('ADD_ONE', [parseType('INT')], [41])).toBe(42);
    expect(reg.invoke('add_one', [parseType('INT')], [null])).toBeNull();
    expect(reg.resolve('add_one', [parseType('SMALLINT NOT NULL')]).returnType.toString()).toBe('INT');
    expect(() => reg.resolve('add_one', [parseType('STRING')])).toThrow(/cannot be passed as INT/);
    expect(() => registerUdf(reg, { kind: 'scalar', name: 'UPPER', returnType: 'STRING', eval: () => '' })).toThrow(
      /already exists/,
    );

    registerUdf(reg, {
      kind: 'table',
      name: 'split',
      params: ['STRING'],
      resultType: 'ROW<word STRING, len INT>',
      eval(emit, s: string) {
        for (const w of s.split(' ')) emit([w, w.length]);
      },
    });
    const split = reg.resolve('SPLIT', [parseType('STRING')]);
    expect(split.returnType.toString()).toBe('ROW<`word` STRING, `len` INT>');
    const rows: unknown[][] = [];
    split.overload.table!([], split.returnType)((r) => rows.push(r), 'hi there');
    expect(rows).toEqual([
      ['hi', 2],
      ['there', 5],
    ]);

    const weightedAvg: AggregateUdf<{ sum: number; w: number }, number | null> = {
      kind: 'aggregate',
      name: 'wavg',
      params: ['DOUBLE', 'INT'],
      resultType: 'DOUBLE',
      createAccumulator: () => ({ sum: 0, w: 0 }),
      accumulate(acc, v: number, w: number) {
        acc.sum += v * w;
        acc.w += w;
      },
      retract(acc, v: number, w: number) {
        acc.sum -= v * w;
        acc.w -= w;
      },
      merge(acc, others) {
        for (const o of others) {
          acc.sum += o.sum;
          acc.w += o.w;
        }
      },
      getValue: (acc) => (acc.w === 0 ? null : acc.sum / acc.w),
    };
    registerUdf(reg, weightedAvg);
    const w = reg.resolve('WAVG', [parseType('DOUBLE'), parseType('INT')]);
    const fn = w.overload.aggregate!([], w.returnType);
    expect(
      runAggregate(fn, [
        ['+', 1, 1],
        ['+', 4, 2],
        ['+', 10, 5],
        ['-', 10, 5],
      ]),
    ).toBe(3);
    expect(() => w.overload.create([], w.returnType, undefined as never)).toThrow(SqlValidationError);
  });
});
