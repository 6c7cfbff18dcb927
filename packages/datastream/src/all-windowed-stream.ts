import {
  type AggregateFunction,
  type AllWindowFunction,
  bindUserFunction,
  CountEvictor,
  CountTrigger,
  type Evictor,
  fromAllWindowFunction,
  fromProcessAllWindowFunction,
  type GlobalWindow,
  GlobalWindows,
  type KeySelector,
  type OutputTag,
  type ProcessAllWindowFunction,
  type ProcessWindowFunction,
  PurgingTrigger,
  type StreamOperator,
  type Trigger,
  type Window,
  type WindowAssigner,
  WindowOperatorBuilder,
} from '@tributary/runtime';
import type { DataStream } from './data-stream.js';
import type { FieldOf } from './keyed-stream.js';
import { StreamClasses } from './registry.js';
import { fieldReducers, type ReduceFn } from './windowed-stream.js';

/** windowAll runs as one keyed subtask over a single constant key (Flink's NullByteKeySelector). */
const ALL: KeySelector = () => 0;

type AllWindowFn<IN, OUT, W extends Window> = ProcessAllWindowFunction<IN, OUT, W> | AllWindowFunction<IN, OUT, W>;

function toProcessAll<IN, O, W extends Window>(
  fn: AllWindowFn<IN, O, W> | undefined,
): ProcessWindowFunction<IN, O, unknown, W> | undefined {
  if (fn === undefined) return undefined;
  if (typeof fn === 'object' && typeof (fn as ProcessAllWindowFunction<IN, O, W>).process === 'function') {
    return fromProcessAllWindowFunction(fn as ProcessAllWindowFunction<IN, O, W>);
  }
  return fromAllWindowFunction(fn as AllWindowFunction<IN, O, W>);
}

/**
 * Windows over a whole non-keyed stream (windowAll). Not parallel: one subtask sees every element, as in Flink.
 */
export class AllWindowedStream<T, W extends Window> {
  private readonly builder: WindowOperatorBuilder<T, unknown, W>;

  constructor(
    private readonly input: DataStream<T>,
    assigner: WindowAssigner<T, W>,
  ) {
    this.builder = new WindowOperatorBuilder<T, unknown, W>(assigner);
  }

  static countWindowAll<T>(input: DataStream<T>, size: number, slide?: number): AllWindowedStream<T, GlobalWindow> {
    const ws = new AllWindowedStream<T, GlobalWindow>(input, GlobalWindows.create());
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
  allowedLateness(ms: number): this {
    this.builder.setAllowedLateness(ms);
    return this;
  }
  sideOutputLateData(tag: OutputTag<T>): this {
    this.builder.setLateDataTag(tag.id);
    return this;
  }

  reduce<O = T>(fn: ReduceFn<T>, windowFn?: AllWindowFn<T, O, W>, name?: string): DataStream<O> {
    const reduce = bindUserFunction<(a: T, b: T) => T>(fn, 'reduce').call;
    return this.add(name ?? this.builder.describe('Reduce'), this.builder.reduce(reduce, toProcessAll(windowFn)));
  }

  aggregate<ACC, V, O = V>(
    fn: AggregateFunction<T, ACC, V>,
    windowFn?: AllWindowFn<V, O, W>,
    name?: string,
  ): DataStream<O> {
    return this.add(name ?? this.builder.describe('Aggregate'), this.builder.aggregate(fn, toProcessAll(windowFn)));
  }

  process<O>(fn: ProcessAllWindowFunction<T, O, W>, name?: string): DataStream<O> {
    return this.add(
      name ?? this.builder.describe('ProcessAllWindowFunction'),
      this.builder.process(fromProcessAllWindowFunction(fn)),
    );
  }

  apply<O>(fn: AllWindowFunction<T, O, W>, name?: string): DataStream<O> {
    return this.add(
      name ?? this.builder.describe('AllWindowFunction'),
      this.builder.process(fromAllWindowFunction(fn)),
    );
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

  private add<O>(name: string, createOperator: () => StreamOperator): DataStream<O> {
    const env = this.input.env;
    const node = env.addOperator({
      name: name.replace(/^(Evicting)?Window\(/, '$1AllWindow('),
      kind: 'one-input',
      createOperator,
      inputs: [
        {
          refs: this.input.refs.map((r) => ({ ...r, partitioner: { type: 'hash', keySelector: ALL } })),
          keySelector: ALL,
        },
      ],
      requiresWatermarks: this.builder.requiresWatermarks(),
    });
    node.parallelism = 1;
    node.maxParallelism = 1;
    return new StreamClasses.dataStream!<O>(env, [{ nodeId: node.id }]);
  }
}
