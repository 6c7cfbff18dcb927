import type { Lifecycle } from '../functions/rich-function.js';
import type { Collector, OutputTag } from '../operators/output.js';
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from '../state/descriptors.js';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../state/state.js';
import type { Window } from './window.js';

/** Keyed state of the current key, in one scope (a window, or global). */
export interface KeyedStateStore {
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}

/** What a window function sees besides the elements (Flink's ProcessWindowFunction.Context). */
export interface ProcessWindowContext<W extends Window> {
  window(): W;
  currentProcessingTime(): number;
  currentWatermark(): number;
  /**
   * State of the current key in this window; cleared by the function's `clear` when the window is purged.
   * Not available on merging (session) windows.
   */
  windowState(): KeyedStateStore;
  /** State of the current key across all windows. */
  globalState(): KeyedStateStore;
  /** Emits to a side output (with the window's max timestamp). */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Evaluates a fired window with all its elements (or the single pre-aggregated value) and a context. */
export interface ProcessWindowFunction<IN, OUT, K, W extends Window> extends Lifecycle {
  process(key: K, context: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>): void;
  /** Called when the window is purged for good; clear per-window state here. */
  clear?(context: ProcessWindowContext<W>): void;
}

/** Flink's WindowFunction (apply): key, window, elements. */
export type WindowFunction<IN, OUT, K, W extends Window> =
  | ((key: K, window: W, input: readonly IN[], out: Collector<OUT>) => void)
  | (Lifecycle & { apply(key: K, window: W, input: readonly IN[], out: Collector<OUT>): void });

/** ProcessWindowFunction of windowAll (no key). */
export interface ProcessAllWindowFunction<IN, OUT, W extends Window> extends Lifecycle {
  process(context: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>): void;
  clear?(context: ProcessWindowContext<W>): void;
}

/** WindowFunction of windowAll (no key). */
export type AllWindowFunction<IN, OUT, W extends Window> =
  | ((window: W, input: readonly IN[], out: Collector<OUT>) => void)
  | (Lifecycle & { apply(window: W, input: readonly IN[], out: Collector<OUT>): void });

/** Adapts a WindowFunction (apply) to a ProcessWindowFunction. */
export function fromWindowFunction<IN, OUT, K, W extends Window>(
  fn: WindowFunction<IN, OUT, K, W>,
): ProcessWindowFunction<IN, OUT, K, W> {
  if (typeof fn === 'function') return { process: (k, c, e, o) => fn(k, c.window(), e, o) };
  return {
    process: (k, c, e, o) => fn.apply(k, c.window(), e, o),
    open: fn.open?.bind(fn),
    close: fn.close?.bind(fn),
    snapshotState: fn.snapshotState?.bind(fn),
    notifyCheckpointComplete: fn.notifyCheckpointComplete?.bind(fn),
  };
}

/** Adapts a ProcessAllWindowFunction to a keyed one (windowAll runs on a single constant key). */
export function fromProcessAllWindowFunction<IN, OUT, W extends Window>(
  fn: ProcessAllWindowFunction<IN, OUT, W>,
): ProcessWindowFunction<IN, OUT, unknown, W> {
  return {
    process: (_k, c, e, o) => fn.process(c, e, o),
    clear: fn.clear ? (c) => fn.clear!(c) : undefined,
    open: fn.open?.bind(fn),
    close: fn.close?.bind(fn),
    snapshotState: fn.snapshotState?.bind(fn),
    notifyCheckpointComplete: fn.notifyCheckpointComplete?.bind(fn),
  };
}

export function fromAllWindowFunction<IN, OUT, W extends Window>(
  fn: AllWindowFunction<IN, OUT, W>,
): ProcessWindowFunction<IN, OUT, unknown, W> {
  if (typeof fn === 'function') return { process: (_k, c, e, o) => fn(c.window(), e, o) };
  return fromWindowFunction<IN, OUT, unknown, W>({
    apply: (_k, w, e, o) => fn.apply(w, e, o),
    open: fn.open?.bind(fn),
    close: fn.close?.bind(fn),
  });
}
