/**
 * Built-in aggregates with retraction and merge: COUNT, COUNT(*), SUM, SUM0, AVG, MIN, MAX, LISTAGG,
 * FIRST_VALUE, LAST_VALUE, VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP, COLLECT.
 *
 * Arithmetic is in the result type as Flink's generated aggregates do it: SUM(INT) wraps as INT, SUM(BIGINT) as
 * BIGINT, AVG(INT) divides a long sum by the count and truncates, AVG(DECIMAL) rounds HALF_UP to the AVG type's
 * scale. VAR/STDDEV use Flink's rewrite (SUM(x*x) - SUM(x)*SUM(x)/COUNT(x)) / COUNT(x) in the argument type's
 * arithmetic (exact, without intermediate overflow) and cast to that type.
 */

import type { LogicalType } from '@tributary/core';
import {
  type AggKind,
  aggregateResultType,
  compareValues,
  Decimal,
  decimalAdd,
  decimalDivide,
  SqlValidationError,
  valueEquals,
  valueKey,
} from '@tributary/core';
import { multisetAdd } from '../collection.js';
import type { AggregateFunction } from './aggregate-function.js';

interface NumOps {
  zero: unknown;
  add(a: any, b: any): unknown;
  sub(a: any, b: any): unknown;
}

function numOps(t: LogicalType, result: LogicalType): NumOps {
  switch (t.root) {
    case 'TINYINT':
      return { zero: 0, add: (a, b) => ((a + b) << 24) >> 24, sub: (a, b) => ((a - b) << 24) >> 24 };
    case 'SMALLINT':
      return { zero: 0, add: (a, b) => ((a + b) << 16) >> 16, sub: (a, b) => ((a - b) << 16) >> 16 };
    case 'INTEGER':
      return { zero: 0, add: (a, b) => (a + b) | 0, sub: (a, b) => (a - b) | 0 };
    case 'BIGINT':
      return {
        zero: 0n,
        add: (a: bigint, b: bigint) => BigInt.asIntN(64, a + b),
        sub: (a: bigint, b: bigint) => BigInt.asIntN(64, a - b),
      };
    case 'FLOAT':
      return { zero: 0, add: (a, b) => Math.fround(a + b), sub: (a, b) => Math.fround(a - b) };
    case 'DOUBLE':
      return { zero: 0, add: (a, b) => a + b, sub: (a, b) => a - b };
    case 'DECIMAL': {
      // keep the exact running sum; overflow to the result precision is checked in getValue
      const s = result.root === 'DECIMAL' ? result.scale : t.scale;
      return {
        zero: new Decimal(0n, s),
        add: (a: Decimal, b: Decimal) => decimalAdd(a, b, 76, Math.max(a.scale, b.scale)),
        sub: (a: Decimal, b: Decimal) => decimalAdd(a, b.negate(), 76, Math.max(a.scale, b.scale)),
      };
    }
    default:
      throw new SqlValidationError(`Unsupported type for SUM/AVG: ${t}`);
  }
}

const isNull = (v: unknown) => v === null || v === undefined;

// ---- COUNT ----

interface CountAcc {
  count: bigint;
}
export const countStar: AggregateFunction<CountAcc, bigint> = {
  createAccumulator: () => ({ count: 0n }),
  accumulate: (acc) => {
    acc.count++;
  },
  retract: (acc) => {
    acc.count--;
  },
  merge: (acc, others) => {
    for (const o of others) acc.count += o.count;
  },
  getValue: (acc) => acc.count,
  resetAccumulator: (acc) => {
    acc.count = 0n;
  },
};
/** COUNT(x, ...): counts rows where every argument is non-null. */
export const count: AggregateFunction<CountAcc, bigint> = {
  ...countStar,
  accumulate: (acc, ...args) => {
    for (const a of args) if (isNull(a)) return;
    acc.count++;
  },
  retract: (acc, ...args) => {
    for (const a of args) if (isNull(a)) return;
    acc.count--;
  },
};

// ---- SUM / SUM0 / AVG ----

interface SumAcc {
  sum: unknown;
  count: number;
}
function sumLike(arg: LogicalType, result: LogicalType, zeroWhenEmpty: boolean): AggregateFunction<SumAcc, unknown> {
  const ops = numOps(arg, result);
  const fit =
    result.root === 'DECIMAL' ? (d: Decimal) => d.toPrecision(result.precision, result.scale) : (v: unknown) => v;
  return {
    createAccumulator: () => ({ sum: ops.zero, count: 0 }),
    accumulate: (acc, v) => {
      if (isNull(v)) return;
      acc.sum = ops.add(acc.sum, v);
      acc.count++;
    },
    retract: (acc, v) => {
      if (isNull(v)) return;
      acc.sum = ops.sub(acc.sum, v);
      acc.count--;
    },
    merge: (acc, others) => {
      for (const o of others) {
        acc.sum = ops.add(acc.sum, o.sum);
        acc.count += o.count;
      }
    },
    getValue: (acc) => (acc.count === 0 ? (zeroWhenEmpty ? fit(ops.zero as Decimal) : null) : fit(acc.sum as Decimal)),
    resetAccumulator: (acc) => {
      acc.sum = ops.zero;
      acc.count = 0;
    },
  };
}

interface AvgAcc {
  sum: unknown;
  count: number;
}
function avg(arg: LogicalType, result: LogicalType): AggregateFunction<AvgAcc, unknown> {
  // integer AVG sums in a long (bigint) like Flink's IntAvgAggFunction, then truncates
  const integer = arg.root === 'TINYINT' || arg.root === 'SMALLINT' || arg.root === 'INTEGER' || arg.root === 'BIGINT';
  const add = integer
    ? (a: bigint, b: number | bigint) => BigInt.asIntN(64, a + BigInt(b))
    : arg.root === 'DECIMAL'
      ? (a: Decimal, b: Decimal) => decimalAdd(a, b, 76, Math.max(a.scale, b.scale))!
      : (a: number, b: number) => a + b;
  const neg = (b: any) => (integer ? -BigInt(b) : arg.root === 'DECIMAL' ? (b as Decimal).negate() : -b);
  const zero = integer ? 0n : arg.root === 'DECIMAL' ? new Decimal(0n, arg.scale) : 0;
  const value = (acc: AvgAcc): unknown => {
    if (acc.count === 0) return null;
    if (integer) {
      const q = (acc.sum as bigint) / BigInt(acc.count);
      return arg.root === 'BIGINT' ? q : Number(BigInt.asIntN(32, q));
    }
    if (arg.root === 'DECIMAL') {
      return decimalDivide(acc.sum as Decimal, new Decimal(BigInt(acc.count), 0), result.precision, result.scale);
    }
    const r = (acc.sum as number) / acc.count;
    return arg.root === 'FLOAT' ? Math.fround(r) : r;
  };
  return {
    createAccumulator: () => ({ sum: zero, count: 0 }),
    accumulate: (acc, v) => {
      if (isNull(v)) return;
      acc.sum = (add as (a: unknown, b: unknown) => unknown)(acc.sum, v);
      acc.count++;
    },
    retract: (acc, v) => {
      if (isNull(v)) return;
      acc.sum = (add as (a: unknown, b: unknown) => unknown)(acc.sum, neg(v));
      acc.count--;
    },
    merge: (acc, others) => {
      for (const o of others) {
        acc.sum = (add as (a: unknown, b: unknown) => unknown)(acc.sum, o.sum);
        acc.count += o.count;
      }
    },
    getValue: value,
  };
}

// ---- MIN / MAX with retraction ----

interface MinMaxAcc {
  /** valueKey -> [value, count] */
  values: Map<unknown, [unknown, number]>;
  best: unknown;
}
function minMax(sign: 1 | -1): AggregateFunction<MinMaxAcc, unknown> {
  const better = (a: unknown, b: unknown) => sign * compareValues(a, b) < 0;
  const recompute = (acc: MinMaxAcc) => {
    acc.best = null;
    for (const [v] of acc.values.values()) if (acc.best === null || better(v, acc.best)) acc.best = v;
  };
  const add = (acc: MinMaxAcc, v: unknown, n: number) => {
    const k = valueKey(v);
    const e = acc.values.get(k);
    if (e === undefined) acc.values.set(k, [v, n]);
    else e[1] += n;
    if (acc.best === null || better(v, acc.best)) acc.best = v;
  };
  return {
    createAccumulator: () => ({ values: new Map(), best: null }),
    accumulate: (acc, v) => {
      if (!isNull(v)) add(acc, v, 1);
    },
    retract: (acc, v) => {
      if (isNull(v)) return;
      const k = valueKey(v);
      const e = acc.values.get(k);
      if (e === undefined) return;
      if (--e[1] <= 0) {
        acc.values.delete(k);
        if (acc.best !== null && valueEquals(acc.best, v)) recompute(acc);
      }
    },
    merge: (acc, others) => {
      for (const o of others) for (const [v, n] of o.values.values()) add(acc, v, n);
    },
    getValue: (acc) => acc.best,
  };
}

// ---- LISTAGG / FIRST_VALUE / LAST_VALUE (list-backed for retraction) ----

interface ListAcc {
  items: unknown[];
  separator: string | undefined;
}
const listAgg: AggregateFunction<ListAcc, string | null> = {
  createAccumulator: () => ({ items: [], separator: undefined }),
  accumulate: (acc, v, sep) => {
    if (isNull(v)) return;
    acc.items.push(v);
    if (acc.separator === undefined && !isNull(sep)) acc.separator = sep as string;
  },
  retract: (acc, v) => {
    if (isNull(v)) return;
    const i = acc.items.findIndex((x) => valueEquals(x, v));
    if (i >= 0) acc.items.splice(i, 1);
  },
  merge: (acc, others) => {
    for (const o of others) {
      acc.items.push(...o.items);
      acc.separator ??= o.separator;
    }
  },
  getValue: (acc) => (acc.items.length === 0 ? null : acc.items.join(acc.separator ?? ',')),
};

function firstLast(last: boolean): AggregateFunction<ListAcc, unknown> {
  return {
    createAccumulator: () => ({ items: [], separator: undefined }),
    accumulate: (acc, v) => {
      if (!isNull(v)) acc.items.push(v);
    },
    // FIRST_VALUE retracts the earliest occurrence of the value, LAST_VALUE the latest
    retract: (acc, v) => {
      if (isNull(v)) return;
      const i = last
        ? acc.items.findLastIndex((x) => valueEquals(x, v))
        : acc.items.findIndex((x) => valueEquals(x, v));
      if (i >= 0) acc.items.splice(i, 1);
    },
    merge: (acc, others) => {
      for (const o of others) acc.items.push(...o.items);
    },
    getValue: (acc) => (acc.items.length === 0 ? null : acc.items[last ? acc.items.length - 1 : 0]),
  };
}

// ---- VAR / STDDEV ----

interface VarAcc {
  count: number;
  sum: unknown;
  sumSq: unknown;
}
function variance(
  arg: LogicalType,
  kind: 'VAR_POP' | 'VAR_SAMP' | 'STDDEV_POP' | 'STDDEV_SAMP',
): AggregateFunction<VarAcc, unknown> {
  const integer = arg.root === 'TINYINT' || arg.root === 'SMALLINT' || arg.root === 'INTEGER' || arg.root === 'BIGINT';
  const toB = (v: number | bigint) => BigInt(v);
  const toD = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : (v as Decimal).toNumber();
  const samp = kind.endsWith('SAMP');
  const sqrt = kind.startsWith('STDDEV');
  const finish = (v: number): unknown => {
    if (integer) {
      const t = Math.trunc(sqrt ? Math.sqrt(v) : v);
      return arg.root === 'BIGINT' ? BigInt(t) : t;
    }
    const r = sqrt ? Math.sqrt(v) : v;
    if (arg.root === 'DECIMAL') return Decimal.fromDouble(r)?.toPrecision(38, Math.max(6, arg.scale)) ?? null;
    return arg.root === 'FLOAT' ? Math.fround(r) : r;
  };
  return {
    createAccumulator: () => (integer ? { count: 0, sum: 0n, sumSq: 0n } : { count: 0, sum: 0, sumSq: 0 }),
    accumulate: (acc, v) => {
      if (isNull(v)) return;
      acc.count++;
      if (integer) {
        const b = toB(v as number);
        acc.sum = (acc.sum as bigint) + b;
        acc.sumSq = (acc.sumSq as bigint) + b * b;
      } else {
        const d = toD(v);
        acc.sum = (acc.sum as number) + d;
        acc.sumSq = (acc.sumSq as number) + d * d;
      }
    },
    retract: (acc, v) => {
      if (isNull(v)) return;
      acc.count--;
      if (integer) {
        const b = toB(v as number);
        acc.sum = (acc.sum as bigint) - b;
        acc.sumSq = (acc.sumSq as bigint) - b * b;
      } else {
        const d = toD(v);
        acc.sum = (acc.sum as number) - d;
        acc.sumSq = (acc.sumSq as number) - d * d;
      }
    },
    merge: (acc, others) => {
      for (const o of others) {
        acc.count += o.count;
        acc.sum = (acc.sum as any) + (o.sum as any);
        acc.sumSq = (acc.sumSq as any) + (o.sumSq as any);
      }
    },
    getValue: (acc) => {
      const n = acc.count;
      if (n === 0 || (samp && n === 1)) return null;
      const div = samp ? n - 1 : n;
      if (integer) {
        // Flink's rewrite in integer arithmetic: (SUM(x*x) - SUM(x)*SUM(x)/COUNT) / div
        const s = acc.sum as bigint;
        const num = (acc.sumSq as bigint) - (s * s) / BigInt(n);
        return finish(Number(num / BigInt(div)));
      }
      const s = acc.sum as number;
      return finish(Math.max(0, ((acc.sumSq as number) - (s * s) / n) / div));
    },
  };
}

// ---- COLLECT ----

interface CollectAcc {
  items: Map<unknown, number>;
}
const collect: AggregateFunction<CollectAcc, Map<unknown, number>> = {
  createAccumulator: () => ({ items: new Map() }),
  accumulate: (acc, v) => {
    if (!isNull(v)) multisetAdd(acc.items, v, 1);
  },
  retract: (acc, v) => {
    if (!isNull(v)) multisetAdd(acc.items, v, -1);
  },
  merge: (acc, others) => {
    for (const o of others) for (const [v, n] of o.items) multisetAdd(acc.items, v, n);
  },
  getValue: (acc) => new Map(acc.items),
};

/** The aggregate implementation of a built-in aggregate for the given argument types. */
export function builtinAggregate(kind: AggKind, args: readonly LogicalType[]): AggregateFunction {
  const result = aggregateResultType(kind, args);
  const arg = args[0]!;
  switch (kind) {
    case 'COUNT_STAR':
      return countStar;
    case 'COUNT':
      return args.length === 0 ? countStar : count;
    case 'SUM':
      return sumLike(arg, result, false);
    case 'SUM0':
      return sumLike(arg, result, true);
    case 'AVG':
      return avg(arg, result);
    case 'MIN':
      return minMax(1);
    case 'MAX':
      return minMax(-1);
    case 'LISTAGG':
      return listAgg;
    case 'FIRST_VALUE':
      return firstLast(false);
    case 'LAST_VALUE':
      return firstLast(true);
    case 'VAR_POP':
    case 'VAR_SAMP':
    case 'STDDEV_POP':
    case 'STDDEV_SAMP':
      return variance(arg, kind);
    case 'COLLECT':
      return collect;
  }
}

/** Aggregate names the binder recognises, with aliases (STDDEV = STDDEV_SAMP, VARIANCE = VAR_SAMP). */
export const AGGREGATE_NAMES: Record<string, AggKind> = {
  COUNT: 'COUNT',
  SUM: 'SUM',
  SUM0: 'SUM0',
  $SUM0: 'SUM0',
  AVG: 'AVG',
  MIN: 'MIN',
  MAX: 'MAX',
  LISTAGG: 'LISTAGG',
  FIRST_VALUE: 'FIRST_VALUE',
  LAST_VALUE: 'LAST_VALUE',
  STDDEV_POP: 'STDDEV_POP',
  STDDEV_SAMP: 'STDDEV_SAMP',
  STDDEV: 'STDDEV_SAMP',
  VAR_POP: 'VAR_POP',
  VAR_SAMP: 'VAR_SAMP',
  VARIANCE: 'VAR_SAMP',
  COLLECT: 'COLLECT',
};
