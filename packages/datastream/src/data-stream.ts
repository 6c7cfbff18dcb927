import { ProgramError } from '@tributary/core';
import {
  bindUserFunction,
  type Collector,
  CollectSink,
  FilterOperator,
  FlatMapOperator,
  type FunctionOrObject,
  type JobClient,
  type KeySelector,
  MapOperator,
  type MapStateDescriptor,
  type OutputTag,
  type PartitionerSpec,
  type ProcessFunction,
  ProcessOperator,
  type Sink,
  SinkOperator,
  type StreamNode,
  type StreamOperator,
  TimestampsAndWatermarksOperator,
  type WatermarkStrategy,
  type Window,
  type WindowAssigner,
} from '@tributary/runtime';
import { AllWindowedStream } from './all-windowed-stream.js';
import type { BroadcastConnectedStream, BroadcastStream } from './broadcast-stream.js';
import type { ConnectedStreams } from './connected-streams.js';
import type { StreamExecutionEnvironment } from './environment.js';
import { CoGroupedStreams, JoinedStreams } from './join-streams.js';
import type { KeyedStream } from './keyed-stream.js';
import { StreamClasses } from './registry.js';
import { PrintSink } from './sinks/print-sink.js';
import type { OperatorInput, StreamRef } from './stream-ref.js';

export type MapFn<I, O> = FunctionOrObject<(value: I) => O, 'map'>;
export type FilterFn<T> = FunctionOrObject<(value: T) => boolean, 'filter'>;
export type FlatMapFn<I, O> = FunctionOrObject<
  (value: I, out: Collector<O>) => Iterable<O> | undefined | void,
  'flatMap'
>;

/** A stream of records of type T. Transformations return new streams; nothing runs until execute(). */
export class DataStream<T> {
  constructor(
    readonly env: StreamExecutionEnvironment,
    /** @internal */ readonly refs: readonly StreamRef[],
  ) {}

  /** @internal The node that produced this stream (fails for unions and repartitioned views). */
  protected node(what: string): StreamNode {
    const ref = this.refs[0];
    if (this.refs.length !== 1 || ref === undefined || ref.partitioner !== undefined || ref.sideTag !== undefined) {
      throw new ProgramError(
        `${what} applies to an operator; this stream is a union, side output or repartitioning view`,
      );
    }
    return this.env.node(ref.nodeId);
  }

  /** @internal Input of a downstream operator (non-keyed). */
  protected asInput(): OperatorInput {
    return { refs: this.refs };
  }

  /** @internal Adds a one-input operator downstream of this stream. */
  transform<O>(
    name: string,
    createOperator: () => StreamOperator,
    extra: {
      requiresWatermarks?: string;
      requiresKeyedInput?: string;
      assignsWatermarks?: boolean;
      chaining?: StreamNode['chaining'];
    } = {},
  ): DataStream<O> {
    const node = this.env.addOperator({ name, kind: 'one-input', createOperator, inputs: [this.asInput()], ...extra });
    return new StreamClasses.dataStream!<O>(this.env, [{ nodeId: node.id }]);
  }

  map<O>(fn: MapFn<T, O>, name = 'Map'): DataStream<O> {
    return this.transform(name, () => {
      const b = bindUserFunction<(v: T) => O>(fn, 'map');
      return new MapOperator(b.call, b.lifecycle);
    });
  }

  filter(fn: FilterFn<T>, name = 'Filter'): DataStream<T> {
    return this.transform(name, () => {
      const b = bindUserFunction<(v: T) => boolean>(fn, 'filter');
      return new FilterOperator(b.call, b.lifecycle);
    });
  }

  flatMap<O>(fn: FlatMapFn<T, O>, name = 'FlatMap'): DataStream<O> {
    return this.transform(name, () => {
      const b = bindUserFunction<(v: T, out: Collector<O>) => Iterable<O> | undefined | void>(fn, 'flatMap');
      return new FlatMapOperator(b.call, b.lifecycle);
    });
  }

  process<O>(fn: ProcessFunction<T, O>, name = 'Process'): DataStream<O> {
    return this.transform(name, () => new ProcessOperator(fn));
  }

  keyBy<K extends import('@tributary/runtime').Key>(selector: (value: T) => K): KeyedStream<T, K> {
    return new StreamClasses.keyedStream!<T, K>(this.env, this.refs, selector as KeySelector);
  }

  /** Merges streams of the same type (no operator; edges fan in). */
  union(...others: DataStream<T>[]): DataStream<T> {
    const refs = [...this.refs, ...others.flatMap((o) => o.refs)];
    return new StreamClasses.dataStream!<T>(this.env, refs);
  }

  /**
   * Connects a second stream (of another type) for a co-process function with shared state, or a broadcast
   * stream (from `broadcast(descriptor, ...)`) for the broadcast state pattern.
   */
  connect<B>(other: BroadcastStream<B>): BroadcastConnectedStream<T, B>;
  connect<B>(other: DataStream<B>): ConnectedStreams<T, B>;
  connect<B>(other: DataStream<B> | BroadcastStream<B>): ConnectedStreams<T, B> | BroadcastConnectedStream<T, B> {
    const B = StreamClasses.broadcastStream;
    if (B !== undefined && other instanceof B) {
      return new StreamClasses.broadcastConnectedStream!<T, B>(this.asInput(), other, this.env);
    }
    return new StreamClasses.connectedStreams!<T, B>(this.asInput(), (other as DataStream<B>).asInputOf(), this);
  }

  /** @internal */
  asInputOf(): OperatorInput {
    return this.asInput();
  }

  /** The side output with this tag of the operator that produced this stream. */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    const node = this.node('getSideOutput');
    return new StreamClasses.dataStream!<X>(this.env, [{ nodeId: node.id, sideTag: tag.id }]);
  }

  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>, name = 'Timestamps/Watermarks'): DataStream<T> {
    return this.transform(name, () => new TimestampsAndWatermarksOperator(strategy), { assignsWatermarks: true });
  }

  /** Windows over the whole stream, evaluated by a single subtask. */
  windowAll<W extends Window>(assigner: WindowAssigner<T, W>): AllWindowedStream<T, W> {
    return new AllWindowedStream<T, W>(this, assigner);
  }

  countWindowAll(size: number, slide?: number) {
    return AllWindowedStream.countWindowAll<T>(this, size, slide);
  }

  /** Window join: join(other).where(k1).equalTo(k2).window(assigner).apply((a, b) => ...). */
  join<B>(other: DataStream<B>): JoinedStreams<T, B> {
    return new JoinedStreams<T, B>(this, other);
  }

  coGroup<B>(other: DataStream<B>): CoGroupedStreams<T, B> {
    return new CoGroupedStreams<T, B>(this, other);
  }

  // ---- partitioning ----

  private partitioned(p: PartitionerSpec): DataStream<T> {
    return new StreamClasses.dataStream!<T>(
      this.env,
      this.refs.map((r) => ({ ...r, partitioner: p })),
    );
  }
  forward(): DataStream<T> {
    return this.partitioned({ type: 'forward' });
  }
  rebalance(): DataStream<T> {
    return this.partitioned({ type: 'rebalance' });
  }
  rescale(): DataStream<T> {
    return this.partitioned({ type: 'rescale' });
  }
  shuffle(): DataStream<T> {
    return this.partitioned({ type: 'shuffle' });
  }
  global(): DataStream<T> {
    return this.partitioned({ type: 'global' });
  }
  /**
   * Without arguments: every downstream subtask receives every record. With MapStateDescriptors: a BroadcastStream
   * for the broadcast state pattern (`main.connect(stream.broadcast(rules)).process(...)`).
   */
  broadcast(): DataStream<T>;
  broadcast(...descriptors: [MapStateDescriptor<any, any>, ...MapStateDescriptor<any, any>[]]): BroadcastStream<T>;
  broadcast(...descriptors: MapStateDescriptor<any, any>[]): DataStream<T> | BroadcastStream<T> {
    if (descriptors.length === 0) return this.partitioned({ type: 'broadcast' });
    const B = StreamClasses.broadcastStream;
    if (B === undefined) throw new ProgramError('broadcast(descriptors) needs broadcast-stream.js to be loaded');
    return new B<T>(this.env, this.refs, descriptors);
  }
  partitionCustom<K>(partition: (key: K, numPartitions: number) => number, key: (value: T) => K): DataStream<T> {
    return this.partitioned({ type: 'custom', partition, keySelector: key as KeySelector });
  }

  // ---- operator settings (apply to the operator that produced this stream) ----

  setParallelism(p: number): this {
    if (!Number.isInteger(p) || p < 1) throw new ProgramError(`Parallelism must be a positive integer, got ${p}`);
    this.node('setParallelism').parallelism = p;
    return this;
  }
  setMaxParallelism(p: number): this {
    if (!Number.isInteger(p) || p < 1) throw new ProgramError(`Max parallelism must be a positive integer, got ${p}`);
    this.node('setMaxParallelism').maxParallelism = p;
    return this;
  }
  name(name: string): this {
    this.node('name').name = name;
    return this;
  }
  /** Stable id of the operator's state in checkpoints and savepoints; set it on every stateful operator. */
  uid(uid: string): this {
    this.node('uid').uid = uid;
    return this;
  }
  disableChaining(): this {
    this.node('disableChaining').chaining = 'never';
    return this;
  }
  startNewChain(): this {
    this.node('startNewChain').chaining = 'head';
    return this;
  }

  // ---- sinks ----

  sinkTo(sink: Sink<T>, name = sink.name ?? 'Sink'): DataStreamSink {
    const node = this.env.addOperator({
      name,
      kind: 'one-input',
      createOperator: () => new SinkOperator(sink),
      inputs: [this.asInput()],
    });
    return new DataStreamSink(node);
  }

  print(prefix = ''): DataStreamSink {
    return this.sinkTo(new PrintSink<T>(prefix), 'Print to Std. Out');
  }

  printToErr(prefix = ''): DataStreamSink {
    return this.sinkTo(new PrintSink<T>(prefix, true), 'Print to Std. Err');
  }

  /**
   * Runs the job and streams its results back: `for await (const x of stream.executeAndCollect())`.
   * The iterator throws if the job fails. `job` gives access to the running job.
   */
  executeAndCollect(jobName?: string): AsyncIterable<T> & { job: JobClient; toArray(): Promise<T[]> } {
    const { id, queue } = this.env.createCollectQueue<T>();
    this.sinkTo(new CollectSink<T>(id), 'Collect Sink').setParallelism(1);
    const job = this.env.execute(jobName);
    job.result().then(
      () => queue.close(),
      (e) => queue.fail(e),
    );
    const iterable = queue as AsyncIterable<T>;
    return Object.assign(iterable, {
      job,
      async toArray(): Promise<T[]> {
        const out: T[] = [];
        for await (const v of iterable) out.push(v);
        return out;
      },
    });
  }
}

/** Handle of a sink operator for its settings. */
export class DataStreamSink {
  constructor(private readonly node: StreamNode) {}
  setParallelism(p: number): this {
    this.node.parallelism = p;
    return this;
  }
  name(name: string): this {
    this.node.name = name;
    return this;
  }
  uid(uid: string): this {
    this.node.uid = uid;
    return this;
  }
}

StreamClasses.dataStream = DataStream as never;
