// Windowing API (assigners, triggers, evictors, window and join functions), importable as Flink users expect.
export {
  type AggregateFunction,
  type AggregatingState,
  type AllWindowFunction,
  type AsyncFunction,
  type AsyncWaitOptions,
  type CoGroupFunction,
  type Collector,
  ContinuousEventTimeTrigger,
  type CoProcessFunction,
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
  InputStatus,
  type JobClient,
  type JobExecutionResult,
  type JobStatus,
  type JoinFunction,
  type KeyedCoProcessFunction,
  type KeyedProcessFunction,
  type KeyedStateStore,
  type ListState,
  type MapState,
  type OnMergeContext,
  OutputTag,
  type ProcessAllWindowFunction,
  type ProcessFunction,
  ProcessingTimeSessionWindows,
  ProcessingTimeTrigger,
  type ProcessJoinContext,
  type ProcessJoinFunction,
  type ProcessWindowContext,
  type ProcessWindowFunction,
  PurgingTrigger,
  type ReducingState,
  type ResultFuture,
  type RuntimeContext,
  type Sink,
  type SinkWriter,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  type Source,
  type SourceReader,
  StateDescriptors,
  type StateTtlConfig,
  TimeEvictor,
  type TimestampedValue,
  TimeWindow,
  type Trigger,
  type TriggerContext,
  TriggerResult,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  type ValueState,
  type WatermarkGenerator,
  WatermarkStrategy,
  type Window,
  type WindowAssigner,
  type WindowFunction,
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
