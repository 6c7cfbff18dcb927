import { ProgramError } from '@tributary/core';
import {
  type KeyedProcessFunction,
  type KeySelector,
  ProcessOperator,
  ReduceOperator,
  type Window,
  type WindowAssigner,
} from '@tributary/runtime';
import { DataStream } from './data-stream.js';
import type { StreamExecutionEnvironment } from './environment.js';
import { IntervalJoin } from './interval-join.js';
import { StreamClasses } from './registry.js';
import type { OperatorInput, StreamRef } from './stream-ref.js';
import { WindowedStream } from './windowed-stream.js';

export type FieldOf<T> = T extends readonly unknown[] ? number : keyof T & string;

/**
 * A stream partitioned by key. Operators applied to it are keyed: they may use keyed state and timers, and
 * each key's records go to one subtask (by key group).
 */
export class KeyedStream<T, K> extends DataStream<T> {
  constructor(
    env: StreamExecutionEnvironment,
    refs: readonly StreamRef[],
    /** @internal */ readonly keySelector: KeySelector,
  ) {
    super(env, refs);
  }

  protected override asInput(): OperatorInput {
    return {
      refs: this.refs.map((r) => ({ ...r, partitioner: { type: 'hash', keySelector: this.keySelector } })),
      keySelector: this.keySelector,
    };
  }

  // map, filter, flatMap and transform are inherited: asInput() above makes every operator added here keyed.

  /** KeyedProcessFunction with keyed state and event/processing-time timers. */
  override process<O>(fn: KeyedProcessFunction<K, T, O>, name = 'KeyedProcess'): DataStream<O> {
    return this.transform(name, () => new ProcessOperator(fn as KeyedProcessFunction<unknown, T, O>));
  }

  /** Rolling reduce: emits the running result per key (only the final one per key in BATCH mode). */
  reduce(fn: (a: T, b: T) => T, name = 'Reduce'): DataStream<T> {
    return this.transform(name, () => new ReduceOperator(fn));
  }

  /** Rolling sum of a numeric field (the other fields are those of the key's first record). */
  sum(field: FieldOf<T>): DataStream<T> {
    return this.reduce(
      (a, b) => withField(a, field, (get(a, field) as number) + (get(b, field) as number)),
      `Sum(${String(field)})`,
    );
  }

  /** Rolling minimum of a field (other fields from the first record). */
  min(field: FieldOf<T>): DataStream<T> {
    return this.reduce(
      (a, b) => (get(b, field) < get(a, field) ? withField(a, field, get(b, field)) : a),
      `Min(${String(field)})`,
    );
  }

  max(field: FieldOf<T>): DataStream<T> {
    return this.reduce(
      (a, b) => (get(b, field) > get(a, field) ? withField(a, field, get(b, field)) : a),
      `Max(${String(field)})`,
    );
  }

  /** The record with the smallest field value so far (the first one on ties). */
  minBy(field: FieldOf<T>): DataStream<T> {
    return this.reduce((a, b) => (get(b, field) < get(a, field) ? b : a), `MinBy(${String(field)})`);
  }

  maxBy(field: FieldOf<T>): DataStream<T> {
    return this.reduce((a, b) => (get(b, field) > get(a, field) ? b : a), `MaxBy(${String(field)})`);
  }

  /** Windows per key: window(TumblingEventTimeWindows.of(1000)).reduce(...). */
  window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, assigner);
  }

  /** Windows of `size` elements per key; with `slide`, every `slide` elements over the last `size`. */
  countWindow(size: number, slide?: number) {
    return WindowedStream.countWindow<T, K>(this, size, slide);
  }

  /** Joins with another keyed stream on time intervals: intervalJoin(other).between(lo, hi).process(fn). */
  intervalJoin<B>(other: KeyedStream<B, K>): IntervalJoin<T, B, K> {
    return new IntervalJoin<T, B, K>(this, other);
  }

  override setParallelism(_p: number): this {
    throw new ProgramError(
      'setParallelism applies to an operator; call it on the stream returned by the next operator',
    );
  }
}

function get(v: unknown, field: string | number): any {
  if (v === null || typeof v !== 'object')
    throw new ProgramError(`Cannot read field '${field}' of a ${typeof v} record`);
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

StreamClasses.keyedStream = KeyedStream as never;
