export {
  type AggregateFunction,
  type AggregatingState,
  type AsyncFunction,
  type AsyncWaitOptions,
  type Collector,
  type CoProcessFunction,
  InputStatus,
  type JobClient,
  type JobExecutionResult,
  type JobStatus,
  type KeyedCoProcessFunction,
  type KeyedProcessFunction,
  type ListState,
  type MapState,
  OutputTag,
  type ProcessFunction,
  type ReducingState,
  type ResultFuture,
  type RuntimeContext,
  type Sink,
  type SinkWriter,
  type Source,
  type SourceReader,
  StateDescriptors,
  type StateTtlConfig,
  type ValueState,
  type WatermarkGenerator,
  WatermarkStrategy,
} from '@tributary/runtime';
export * from './async-data-stream.js';
export * from './broadcast-stream.js';
export * from './connected-streams.js';
export * from './data-stream.js';
export * from './environment.js';
export * from './keyed-stream.js';
export * from './sinks/discarding-sink.js';
export * from './sinks/print-sink.js';
export * from './sources/async-iterable-source.js';
export * from './sources/collection-source.js';
export * from './sources/sequence-source.js';
export * from './stream-ref.js';
export * from './submitter.js';
