import { ProgramError } from '@tributary/core';
import {
  type AggregateFunction,
  bindUserFunction,
  CountEvictor,
  CountTrigger,
  type Evictor,
  fromWindowFunction,
  type GlobalWindow,
  GlobalWindows,
  type OutputTag,
  type ProcessWindowFunction,
  PurgingTrigger,
  type StreamOperator,
  type Trigger,
  type Window,
  type WindowAssigner,
  type WindowFunction,
  WindowOperatorBuilder,
} from '@tributary/runtime';
import type { DataStream } from './data-stream.js';
import type { FieldOf, KeyedStream } from './keyed-stream.js';

export type ReduceFn<T> = ((a: T, b: T) => T) | { reduce(a: T, b: T): T };

/** A window function given with reduce/aggregate: ProcessWindowFunction (object with process) or WindowFunction. */
export type WindowFn<IN, OUT, K, W extends Window> =
  | ProcessWindowFunction<IN, OUT, K, W>
  | WindowFunction<IN, OUT, K, W>;

/**
 * A keyed stream cut into windows (keyBy(...).window(assigner)). Configure trigger, evictor and lateness, then
 * evaluate each window with reduce, aggregate, process or apply.
 */
export class WindowedStream<T, K, W extends Window> {
  private readonly builder: WindowOperatorBuilder<T, K, W>;

  constructor(
    private readonly input: KeyedStream<T, K>,
    assigner: WindowAssigner<T, W>,
  ) {
    this.builder = new WindowOperatorBuilder<T, K, W>(assigner);
  }

  /** Flink's countWindow: GlobalWindows fired every `size` elements (purging), or sliding by `slide` elements. */
  static countWindow<T, K>(input: KeyedStream<T, K>, size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    const ws = new WindowedStream<T, K, GlobalWindow>(input, GlobalWindows.create());
    if (slide === undefined) return ws.trigger(PurgingTrigger.of(CountTrigger.of<GlobalWindow>(size)));
    return ws.evictor(CountEvictor.of<GlobalWindow>(size)).trigger(CountTrigger.of<GlobalWindow>(slide));
  }

  trigger(trigger: Trigger<T, W>): this {
    this.builder.setTrigger(trigger);
    return this;
  }

  evictor(evictor: Evictor<T, W>): this {
    this.builder.setEvictor(evictor);
    return this;
  }

  /** Event-time windows keep their state this long after their end; later elements re-fire them. */
  allowedLateness(ms: number): this {
    this.builder.setAllowedLateness(ms);
    return this;
  }

  /** Elements too late for all their windows go to this side output (getSideOutput on the result). */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.builder.setLateDataTag(tag.id);
    return this;
  }

  /** Incremental reduce per window; with a window function, it gets the single reduced value. */
  reduce<O = T>(fn: ReduceFn<T>, windowFn?: WindowFn<T, O, K, W>, name?: string): DataStream<O> {
    const reduce = bindUserFunction<(a: T, b: T) => T>(fn, 'reduce').call;
    return this.add(name ?? this.builder.describe('Reduce'), this.builder.reduce(reduce, toProcess(windowFn)));
  }

  /** Incremental aggregation per window (Flink's AggregateFunction); the window gets getResult(acc). */
  aggregate<ACC, V, O = V>(
    fn: AggregateFunction<T, ACC, V>,
    windowFn?: WindowFn<V, O, K, W>,
    name?: string,
  ): DataStream<O> {
    return this.add(name ?? this.builder.describe('Aggregate'), this.builder.aggregate(fn, toProcess(windowFn)));
  }

  /** All elements of a window with a context (window, watermark, per-window and global state, side outputs). */
  process<O>(fn: ProcessWindowFunction<T, O, K, W>, name?: string): DataStream<O> {
    return this.add(name ?? this.builder.describe('ProcessWindowFunction'), this.builder.process(fn));
  }

  /** Flink's WindowFunction: (key, window, elements, out). */
  apply<O>(fn: WindowFunction<T, O, K, W>, name?: string): DataStream<O> {
    return this.add(name ?? this.builder.describe('WindowFunction'), this.builder.process(fromWindowFunction(fn)));
  }

  sum(field: FieldOf<T>): DataStream<T> {
    return this.reduce(fieldReducers.sum<T>(field), undefined, this.builder.describe(`Sum(${String(field)})`));
  }
  min(field: FieldOf<T>): DataStream<T> {
    return this.reduce(fieldReducers.min<T>(field), undefined, this.builder.describe(`Min(${String(field)})`));
  }
  max(field: FieldOf<T>): DataStream<T> {
    return this.reduce(fieldReducers.max<T>(field), undefined, this.builder.describe(`Max(${String(field)})`));
  }
  minBy(field: FieldOf<T>): DataStream<T> {
    return this.reduce(fieldReducers.minBy<T>(field), undefined, this.builder.describe(`MinBy(${String(field)})`));
  }
  maxBy(field: FieldOf<T>): DataStream<T> {
    return this.reduce(fieldReducers.maxBy<T>(field), undefined, this.builder.describe(`MaxBy(${String(field)})`));
  }

  private add<O>(name: string, factory: () => StreamOperator): DataStream<O> {
    return this.input.transform<O>(name, factory, {
      requiresWatermarks: this.builder.requiresWatermarks(),
      requiresKeyedInput: 'A window',
    });
  }
}

/** Accepts a ProcessWindowFunction or a WindowFunction (function or object with apply). */
export function toProcess<IN, O, K, W extends Window>(
  fn: WindowFn<IN, O, K, W> | undefined,
): ProcessWindowFunction<IN, O, K, W> | undefined {
  if (fn === undefined) return undefined;
  if (typeof fn === 'object' && typeof (fn as ProcessWindowFunction<IN, O, K, W>).process === 'function') {
    return fn as ProcessWindowFunction<IN, O, K, W>;
  }
  return fromWindowFunction(fn as WindowFunction<IN, O, K, W>);
}

function get(v: unknown, field: string | number): any {
  if (v === null || typeof v !== 'object') {
    throw new ProgramError(`Cannot read field '${field}' of a ${typeof v} record`);
  }
  return (v as Record<string | number, unknown>)[field];
}

function withField<T>(v: T, field: string | number, value: unknown): T {
  if (Array.isArray(v)) {
    const c = [...v];
    c[field as number] = value;
    return c as T;
  }
  return { ...(v as object), [field]: value } as T;
}

/**
 * Reduce functions behind sum/min/max/minBy/maxBy, as Flink defines them: sum/min/max change only the field
 * (other fields from the window's first element); minBy/maxBy keep the whole element (the first on ties).
 */
export const fieldReducers = {
  sum<T>(f: string | number): (a: T, b: T) => T {
    return (a, b) => withField(a, f, (get(a, f) as number) + (get(b, f) as number));
  },
  min<T>(f: string | number): (a: T, b: T) => T {
    return (a, b) => (get(b, f) < get(a, f) ? withField(a, f, get(b, f)) : a);
  },
  max<T>(f: string | number): (a: T, b: T) => T {
    return (a, b) => (get(b, f) > get(a, f) ? withField(a, f, get(b, f)) : a);
  },
  minBy<T>(f: string | number): (a: T, b: T) => T {
    return (a, b) => (get(b, f) < get(a, f) ? b : a);
  },
  maxBy<T>(f: string | number): (a: T, b: T) => T {
    return (a, b) => (get(b, f) > get(a, f) ? b : a);
  },
};
