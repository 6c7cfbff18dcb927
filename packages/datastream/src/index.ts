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
export * from './all-windowed-stream.js';
export * from './async-data-stream.js';
export * from './broadcast-stream.js';
export * from './connected-streams.js';
export * from './data-stream.js';
export * from './environment.js';
export * from './interval-join.js';
export * from './join-streams.js';
export * from './keyed-stream.js';
export * from './sinks/discarding-sink.js';
export * from './sinks/print-sink.js';
export * from './sources/async-iterable-source.js';
export * from './sources/collection-source.js';
export * from './sources/sequence-source.js';
export * from './stream-ref.js';
export * from './submitter.js';
export * from './windowed-stream.js';
// Windowing API (assigners, triggers, evictors, window and join functions), importable as Flink users expect.
export {
  type AllWindowFunction,
  type CoGroupFunction,
  ContinuousEventTimeTrigger,
  CountEvictor,
  CountTrigger,
  DeltaEvictor,
  EventTimeSessionWindows,
  EventTimeTrigger,
  type Evictor,
  type EvictorContext,
  type FlatJoinFunction,
  GlobalWindow,
  GlobalWindows,
  type JoinFunction,
  type KeyedStateStore,
  type OnMergeContext,
  type ProcessAllWindowFunction,
  type ProcessJoinContext,
  type ProcessJoinFunction,
  type ProcessWindowContext,
  type ProcessWindowFunction,
  ProcessingTimeSessionWindows,
  ProcessingTimeTrigger,
  PurgingTrigger,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  TimeEvictor,
  type TimestampedValue,
  TimeWindow,
  type Trigger,
  type TriggerContext,
  TriggerResult,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  type Window,
  type WindowAssigner,
  type WindowFunction,
} from '@tributary/runtime';
