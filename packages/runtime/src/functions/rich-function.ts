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

/**
 * Gives each operator subtask its own view of a plain-object user function: Flink copies a function per subtask
 * (by serialization), so `open(ctx) { this.count = ctx.getState(...) }` must not let subtasks that share one
 * thread overwrite each other's handles. `Object.create` keeps the user's fields and methods readable through the
 * prototype while writes land on the subtask's own object. Class instances are left as they are: a derived object
 * would break their #private fields.
 */
export function instancePerSubtask<T>(fn: T): T {
  if (fn !== null && typeof fn === 'object' && Object.getPrototypeOf(fn) === Object.prototype) {
    return Object.create(fn as object) as T;
  }
  return fn;
}

/** Splits a function-or-object into a bound call and its lifecycle (looked up once, not per record). */
export function bindUserFunction<F extends (...args: any[]) => any>(
  userFn: F | (Lifecycle & object),
  method: string,
): { call: F; lifecycle: Lifecycle | undefined } {
  if (typeof userFn === 'function') return { call: userFn as F, lifecycle: undefined };
  const fn = instancePerSubtask(userFn);
  const m = (fn as Record<string, unknown>)[method];
  if (typeof m !== 'function') {
    throw new TypeError(`Expected a function or an object with a '${method}' method`);
  }
  return { call: (m as (...a: unknown[]) => unknown).bind(fn) as F, lifecycle: fn as Lifecycle };
}
