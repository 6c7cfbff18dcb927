import { ProgramError } from '@tributary/core';
import { type AggregateFunction, type ReduceFunction, StateDescriptors } from '../state/descriptors.js';
import { isMergingAssigner, type WindowAssigner } from './assigners/window-assigner.js';
import type { Evictor } from './evictors/evictor.js';
import type { Trigger } from './triggers/trigger.js';
import type { Window } from './window.js';
import type { ProcessWindowFunction } from './window-functions.js';
import { WindowOperator, type WindowOperatorSpec } from './window-operator.js';

const CONTENTS = '_window-contents';

/**
 * Collects the settings of a windowed stream (trigger, evictor, lateness, late-data tag) and turns a window
 * function into a WindowOperator factory, choosing incremental state (reduce/aggregate) or a list of elements.
 * Shared by keyed windows, windowAll and window joins.
 */
export class WindowOperatorBuilder<T, K, W extends Window> {
  private trigger: Trigger<T, W>;
  private evictor: Evictor<T, W> | undefined;
  private allowedLateness = 0;
  private lateDataTag: string | undefined;

  constructor(readonly assigner: WindowAssigner<T, W>) {
    if (assigner === null || typeof assigner !== 'object' || typeof assigner.assignWindows !== 'function') {
      throw new ProgramError(`window(...) needs a WindowAssigner (e.g. TumblingEventTimeWindows.of(1000))`);
    }
    this.trigger = assigner.getDefaultTrigger();
  }

  isMerging(): boolean {
    return isMergingAssigner(this.assigner);
  }

  setTrigger(trigger: Trigger<T, W>): void {
    if (this.isMerging() && !trigger.canMerge?.()) {
      throw new ProgramError(
        `A merging window assigner (${this.assigner}) cannot be used with a trigger that does not support merging ` +
          `(${trigger}): implement canMerge() and onMerge().`,
      );
    }
    this.trigger = trigger;
  }

  setEvictor(evictor: Evictor<T, W>): void {
    this.evictor = evictor;
  }

  setAllowedLateness(ms: number): void {
    if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
      throw new ProgramError(`allowedLateness must be a non-negative number of milliseconds, got ${String(ms)}`);
    }
    this.allowedLateness = ms;
  }

  setLateDataTag(tagId: string): void {
    this.lateDataTag = tagId;
  }

  /** Set on the node so that a program without watermarks fails before it starts. */
  requiresWatermarks(): string | undefined {
    return this.assigner.isEventTime() ? `event-time windows (${this.assigner})` : undefined;
  }

  /** Operator name in the style of Flink's: Window(assigner, trigger, [evictor,] function). */
  describe(fn: string): string {
    const parts = [String(this.assigner), String(this.trigger)];
    if (this.evictor) parts.push(String(this.evictor));
    parts.push(fn);
    return `${this.evictor ? 'EvictingWindow' : 'Window'}(${parts.join(', ')})`;
  }

  reduce<O = T>(
    reduce: ReduceFunction<T>,
    windowFn?: ProcessWindowFunction<T, O, K, W>,
  ): () => WindowOperator<K, T, O, W> {
    if (typeof reduce !== 'function') throw new ProgramError('reduce(...) needs a function (a, b) => result');
    const combine = (values: T[]): T => values.reduce(reduce);
    return this.factory(StateDescriptors.reducing<T>(CONTENTS, reduce), combine, true, windowFn);
  }

  aggregate<ACC, V, O = V>(
    agg: AggregateFunction<T, ACC, V>,
    windowFn?: ProcessWindowFunction<V, O, K, W>,
  ): () => WindowOperator<K, T, O, W> {
    for (const m of ['createAccumulator', 'add', 'getResult'] as const) {
      if (typeof agg?.[m] !== 'function') throw new ProgramError(`aggregate(...): the AggregateFunction has no ${m}()`);
    }
    if (this.isMerging() && this.evictor === undefined && typeof agg.merge !== 'function') {
      throw new ProgramError(
        `aggregate(...) on merging windows (${this.assigner}) needs an AggregateFunction with merge(a, b), ` +
          'because session windows merge their accumulators.',
      );
    }
    const combine = (values: T[]): V => {
      let acc = agg.createAccumulator();
      for (const v of values) acc = agg.add(v, acc);
      return agg.getResult(acc);
    };
    return this.factory(StateDescriptors.aggregating(CONTENTS, agg), combine, true, windowFn);
  }

  process<O>(fn: ProcessWindowFunction<T, O, K, W>): () => WindowOperator<K, T, O, W> {
    if (typeof fn?.process !== 'function') {
      throw new ProgramError(
        'process(...) needs a ProcessWindowFunction: an object with process(key, ctx, elements, out)',
      );
    }
    return this.factory(StateDescriptors.list<T>(CONTENTS), undefined, false, fn);
  }

  private factory<O>(
    incremental: WindowOperatorSpec<T, O, K, W>['contents'],
    combine: ((values: T[]) => unknown) | undefined,
    single: boolean,
    fn: ProcessWindowFunction<any, O, K, W> | undefined,
  ): () => WindowOperator<K, T, O, W> {
    const evictor = this.evictor;
    const spec: WindowOperatorSpec<T, O, K, W> = {
      assigner: this.assigner,
      trigger: this.trigger,
      allowedLateness: this.assigner.isEventTime() ? this.allowedLateness : 0,
      lateDataTag: this.lateDataTag,
      // An evictor needs every element (with its timestamp); aggregation then happens when the window fires.
      contents: evictor ? StateDescriptors.list(CONTENTS) : incremental,
      evictor,
      combine: evictor ? combine : undefined,
      single,
      fn,
    };
    return () => new WindowOperator(spec);
  }
}
