/**
 * The accumulator contract shared by built-in aggregates and TypeScript UDAFs, modelled on Flink's
 * AggregateFunction: accumulators are plain mutable objects (so state backends can store them), `accumulate`
 * and `retract` mutate in place (no allocation per record), `merge` folds other accumulators in (session and
 * other merging windows), `getValue` produces the result.
 *
 * NULL handling: built-ins follow SQL — NULL arguments are ignored (COUNT(x) does not count them), except
 * COUNT(*) which sees no arguments at all.
 */
export interface AggregateFunction<ACC = any, T = unknown> {
  createAccumulator(): ACC;
  accumulate(acc: ACC, ...args: any[]): void;
  /** Present when the function supports retraction (changelog input). */
  retract?(acc: ACC, ...args: any[]): void;
  /** Present when accumulators can be merged (session windows, two-phase aggregation). */
  merge?(acc: ACC, others: Iterable<ACC>): void;
  getValue(acc: ACC): T;
  resetAccumulator?(acc: ACC): void;
}

/** Feeds a sequence of +/- rows (tests, the interpreter): `['+', v]` accumulates, `['-', v]` retracts. */
export function runAggregate<ACC, T>(
  fn: AggregateFunction<ACC, T>,
  changes: readonly (readonly ['+' | '-', ...unknown[]])[],
  acc: ACC = fn.createAccumulator(),
): T {
  for (const [kind, ...args] of changes) {
    if (kind === '+') fn.accumulate(acc, ...args);
    else {
      if (fn.retract === undefined) throw new Error('aggregate function does not support retraction');
      fn.retract(acc, ...args);
    }
  }
  return fn.getValue(acc);
}
