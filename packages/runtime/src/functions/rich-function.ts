import type { RuntimeContext } from './runtime-context.js';

/**
 * User functions are plain functions or objects with the processing method plus optional lifecycle hooks
 * (Flink's RichFunction), e.g. `{ open(ctx) { this.count = ctx.getState(...) }, map(v) { ... } }`.
 */
export interface Lifecycle {
  open?(ctx: RuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
  /** Called when a checkpoint is taken (Flink's CheckpointedFunction.snapshotState). */
  snapshotState?(checkpointId: number): void;
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
}

export type FunctionOrObject<F extends (...args: any[]) => any, M extends string> = F | (Lifecycle & Record<M, F>);

/** Splits a function-or-object into a bound call and its lifecycle (looked up once, not per record). */
export function bindUserFunction<F extends (...args: any[]) => any>(
  fn: F | (Lifecycle & object),
  method: string,
): { call: F; lifecycle: Lifecycle | undefined } {
  if (typeof fn === 'function') return { call: fn as F, lifecycle: undefined };
  const m = (fn as Record<string, unknown>)[method];
  if (typeof m !== 'function') {
    throw new TypeError(`Expected a function or an object with a '${method}' method`);
  }
  return { call: (m as (...a: unknown[]) => unknown).bind(fn) as F, lifecycle: fn as Lifecycle };
}
