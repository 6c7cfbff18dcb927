import type { Collector, OutputTag } from '../operators/output.js';
import type { MapStateDescriptor, StateDescriptor } from '../state/descriptors.js';
import type { Lifecycle } from './rich-function.js';

export type TimeDomain = 'EVENT_TIME' | 'PROCESSING_TIME';

/** Timers of the current key; only on keyed streams. */
export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

export interface ProcessContext {
  /** Timestamp of the current record (or firing timer); undefined when the record has none. */
  timestamp(): number | undefined;
  timerService(): TimerService;
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface KeyedProcessContext<K> extends ProcessContext {
  getCurrentKey(): K;
}

export interface OnTimerContext<K> extends KeyedProcessContext<K> {
  timeDomain(): TimeDomain;
}

export interface ProcessFunction<IN, OUT> extends Lifecycle {
  processElement(value: IN, ctx: ProcessContext, out: Collector<OUT>): void;
}

export interface KeyedProcessFunction<K, IN, OUT> extends Lifecycle {
  processElement(value: IN, ctx: KeyedProcessContext<K>, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void;
}

export interface CoProcessFunction<IN1, IN2, OUT> extends Lifecycle {
  processElement1(value: IN1, ctx: ProcessContext, out: Collector<OUT>): void;
  processElement2(value: IN2, ctx: ProcessContext, out: Collector<OUT>): void;
}

export interface KeyedCoProcessFunction<K, IN1, IN2, OUT> extends Lifecycle {
  processElement1(value: IN1, ctx: KeyedProcessContext<K>, out: Collector<OUT>): void;
  processElement2(value: IN2, ctx: KeyedProcessContext<K>, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void;
}

/** Read-only view of broadcast state given to the non-broadcast side. */
export interface ReadOnlyBroadcastContext extends ProcessContext {
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): ReadonlyMap<K, V>;
}

export interface BroadcastContext extends ProcessContext {
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): Map<K, V>;
}

export interface KeyedBroadcastContext extends BroadcastContext {
  /** Runs fn for every key that has `descriptor` state, with that key's state handle. */
  applyToKeyedState<S>(descriptor: StateDescriptor, fn: (key: unknown, state: S) => void): void;
}

export interface KeyedReadOnlyBroadcastContext<K> extends ReadOnlyBroadcastContext {
  getCurrentKey(): K;
}

export interface BroadcastProcessFunction<IN, BIN, OUT> extends Lifecycle {
  processElement(value: IN, ctx: ReadOnlyBroadcastContext, out: Collector<OUT>): void;
  processBroadcastElement(value: BIN, ctx: BroadcastContext, out: Collector<OUT>): void;
}

export interface KeyedBroadcastProcessFunction<K, IN, BIN, OUT> extends Lifecycle {
  processElement(value: IN, ctx: KeyedReadOnlyBroadcastContext<K>, out: Collector<OUT>): void;
  processBroadcastElement(value: BIN, ctx: KeyedBroadcastContext, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void;
}
