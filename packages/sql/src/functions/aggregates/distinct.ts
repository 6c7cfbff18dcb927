/**
 * DISTINCT aggregates (COUNT(DISTINCT x), SUM(DISTINCT x), ...): a value -> count map in front of the inner
 * aggregate, so the inner one sees a value when its count goes 0 -> 1 and a retraction when it goes 1 -> 0.
 * This is what makes DISTINCT correct under retraction and mergeable across windows.
 */
import { valueKey } from '@tributary/core';
import type { AggregateFunction } from './aggregate-function.js';

interface DistinctAcc {
  /** key -> [args, count] */
  seen: Map<unknown, [unknown[], number]>;
  inner: unknown;
}

function keyOf(args: unknown[]): unknown {
  return args.length === 1 ? valueKey(args[0]) : valueKey(args);
}

export function distinctAggregate(inner: AggregateFunction): AggregateFunction<DistinctAcc> {
  const add = (acc: DistinctAcc, args: unknown[], n: number) => {
    // SQL DISTINCT aggregates ignore rows whose arguments contain NULL
    for (const a of args) if (a === null || a === undefined) return;
    const k = keyOf(args);
    const e = acc.seen.get(k);
    if (e === undefined) {
      if (n <= 0) return;
      acc.seen.set(k, [args, n]);
      inner.accumulate(acc.inner, ...args);
      return;
    }
    e[1] += n;
    if (e[1] <= 0) {
      acc.seen.delete(k);
      if (inner.retract === undefined) throw new Error('inner aggregate of DISTINCT does not support retraction');
      inner.retract(acc.inner, ...e[0]);
    }
  };
  return {
    createAccumulator: () => ({ seen: new Map(), inner: inner.createAccumulator() }),
    accumulate: (acc, ...args) => add(acc, args, 1),
    retract: (acc, ...args) => add(acc, args, -1),
    merge: (acc, others) => {
      for (const o of others) for (const [args, n] of o.seen.values()) add(acc, args, n);
    },
    getValue: (acc) => inner.getValue(acc.inner),
  };
}
