import { ProgramError } from '@tributary/core';
import type { OperatorContext } from '../operators/operator-context.js';
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  StateDescriptor,
  ValueStateDescriptor,
} from '../state/descriptors.js';
import type { OperatorListState } from '../state/operator-state.js';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../state/state.js';

/** What a user function sees of the task it runs in. Keyed state only on keyed streams. */
export interface RuntimeContext {
  readonly operatorName: string;
  readonly indexOfThisSubtask: number;
  readonly numberOfParallelSubtasks: number;
  readonly maxNumberOfParallelSubtasks: number;
  readonly attemptNumber: number;
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
  /** Operator (non-keyed) list state, split among subtasks on restore. */
  getOperatorListState<T>(name: string): OperatorListState<T>;
  /** Operator list state that every subtask receives whole on restore. */
  getUnionListState<T>(name: string): OperatorListState<T>;
  /** Increments a user counter shown in the job's metrics. */
  incrementCounter(name: string, by?: number): void;
}

export function createRuntimeContext(ctx: OperatorContext): RuntimeContext {
  const keyed = <S>(d: StateDescriptor): S => {
    if (!ctx.keyedBackend) {
      throw new ProgramError(
        `Keyed state '${d.name}' is only available on a keyed stream, but operator '${ctx.operatorName}' is not keyed. ` +
          'Call keyBy(...) before this operator, or use operator state (getOperatorListState).',
      );
    }
    return ctx.keyedBackend.getOrCreateState<S>(d);
  };
  return {
    operatorName: ctx.operatorName,
    indexOfThisSubtask: ctx.subtaskIndex,
    numberOfParallelSubtasks: ctx.parallelism,
    maxNumberOfParallelSubtasks: ctx.maxParallelism,
    attemptNumber: ctx.attemptNumber,
    getState: (d) => keyed(d),
    getListState: (d) => keyed(d),
    getMapState: (d) => keyed(d),
    getReducingState: (d) => keyed(d),
    getAggregatingState: (d) => keyed(d),
    getOperatorListState: (name) => ctx.operatorState.getListState(name),
    getUnionListState: (name) => ctx.operatorState.getUnionListState(name),
    incrementCounter: (name, by = 1) => ctx.metrics.inc(name, by),
  };
}
