import { TributaryError } from '@tributary/core';
import { createRuntimeContext } from '../functions/runtime-context.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { OneInputOperator } from '../operators/stream-operator.js';
import type { KeyedStateBackend } from '../state/backend.js';
import { type StateDescriptor, StateDescriptors } from '../state/descriptors.js';
import type { InternalKvState, Namespace, ValueState } from '../state/state.js';
import type { InternalTimerService } from '../timers/timer-service.js';
import { isMergingAssigner, type WindowAssigner, type WindowAssignerContext } from './assigners/window-assigner.js';
import type { Evictor, TimestampedValue } from './evictors/evictor.js';
import { type MergingWindowEntries, MergingWindowSet } from './merging-window-set.js';
import { EventTimeTrigger } from './triggers/event-time-trigger.js';
import { ProcessingTimeTrigger } from './triggers/processing-time-trigger.js';
import { isFire, isPurge, type Trigger } from './triggers/trigger.js';
import { GLOBAL_WINDOW_MAX_TIMESTAMP, type Window } from './window.js';
import { ProcessWindowContextImpl, WindowTriggerContext } from './window-contexts.js';
import type { ProcessWindowFunction } from './window-functions.js';

/** Everything that defines one windowed computation (built by WindowOperatorBuilder). */
export interface WindowOperatorSpec<IN, OUT, K, W extends Window> {
  readonly assigner: WindowAssigner<IN, W>;
  readonly trigger: Trigger<IN, W>;
  /** Event-time only: how long after the window's end late elements are still added (and re-fire it). */
  readonly allowedLateness: number;
  /** Side output for elements too late for every window they belong to; dropped (and counted) when absent. */
  readonly lateDataTag: string | undefined;
  /**
   * State holding a window's contents: reducing/aggregating (incremental, one value per window) or list. With an
   * evictor, always a list of TimestampedValue.
   */
  readonly contents: StateDescriptor;
  readonly evictor: Evictor<IN, W> | undefined;
  /** With an evictor: folds the elements left after eviction into what the window function gets. */
  readonly combine: ((values: IN[]) => unknown) | undefined;
  /** Whether the window function gets one pre-aggregated value instead of all elements. */
  readonly single: boolean;
  /** Undefined: emit the (single) contents as they are. */
  readonly fn: ProcessWindowFunction<any, OUT, K, W> | undefined;
}

type ContentsState = InternalKvState & {
  add(v: unknown): void;
  get(): unknown;
  update(vs: readonly unknown[]): void;
};

const MERGING_SET = StateDescriptors.value<MergingWindowEntries>('_merging-window-set');
const NO_NAMESPACES: Namespace[] = [];

/**
 * Flink's WindowOperator (and EvictingWindowOperator): assigns elements to windows, keeps per-(key, window)
 * contents in namespaced keyed state, asks the trigger what to do on elements and timers, and cleans a window's
 * state at maxTimestamp + allowedLateness. Merging assigners (sessions) go through a MergingWindowSet.
 *
 * Hot path (aligned windows, incremental aggregation): the assigner returns a cached window array, the
 * namespace is the window end (a number), and trigger and cleanup timers dedupe in the timer queue, so a
 * record allocates nothing here.
 */
export class WindowOperator<K, IN, OUT, W extends Window> extends OneInputOperator<IN, OUT> {
  private readonly assigner: WindowAssigner<IN, W>;
  private readonly trigger: Trigger<IN, W>;
  private readonly eventTime: boolean;
  private readonly merging: boolean;
  private readonly lateness: number;
  /**
   * The built-in time triggers register exactly the cleanup timer (same time, same namespace) on every element
   * when there is no lateness, so registering it again per record would only repeat a timer-queue lookup.
   */
  private readonly triggerRegistersCleanup: boolean;
  private backend!: KeyedStateBackend;
  private timerSvc!: InternalTimerService;
  private windowState!: ContentsState;
  private mergingState: (ValueState<MergingWindowEntries> & InternalKvState) | undefined;
  private tctx!: WindowTriggerContext;
  private pctx!: ProcessWindowContextImpl<OUT, W>;
  private readonly assignerCtx: WindowAssignerContext = {
    getCurrentProcessingTime: () => this.ctx.processingTime.now(),
  };
  /** Bound once: called by the merging window set when windows merge. */
  private readonly onMergeWindows = (result: W, merged: W[], stateResult: Namespace, mergedState: Namespace[]) =>
    this.mergeWindows(result, merged, stateResult, mergedState);

  constructor(private readonly spec: WindowOperatorSpec<IN, OUT, K, W>) {
    super();
    this.assigner = spec.assigner;
    this.trigger = spec.trigger;
    this.eventTime = spec.assigner.isEventTime();
    this.merging = isMergingAssigner(spec.assigner);
    this.lateness = spec.allowedLateness;
    this.triggerRegistersCleanup =
      !this.merging &&
      ((this.eventTime && this.lateness === 0 && (spec.trigger as unknown) === EventTimeTrigger.create()) ||
        (!this.eventTime && (spec.trigger as unknown) === ProcessingTimeTrigger.create()));
  }

  override async open(): Promise<void> {
    this.timerSvc = this.timers();
    this.backend = this.ctx.keyedBackend!;
    this.windowState = this.backend.getOrCreateState<ContentsState>(this.spec.contents);
    if (this.merging) this.mergingState = this.backend.getOrCreateState(MERGING_SET);
    this.tctx = new WindowTriggerContext(this.backend, this.timerSvc, this.ctx.operatorName);
    this.pctx = new ProcessWindowContextImpl(this.output, this.backend, this.timerSvc, this.merging);
    await this.spec.fn?.open?.(createRuntimeContext(this.ctx));
  }

  processElement(value: IN, timestamp: number): void {
    const windows = this.assigner.assignWindows(value, timestamp, this.assignerCtx);
    const stored = this.spec.evictor === undefined ? value : ({ value, timestamp } as TimestampedValue<IN>);
    const skipped = this.merging
      ? this.addToMergingWindows(windows, value, stored, timestamp)
      : this.addToWindows(windows, value, stored, timestamp);
    if (skipped && this.isElementLate(timestamp)) {
      const tag = this.spec.lateDataTag;
      if (tag !== undefined) this.output.collectSide(tag, value, timestamp);
      else this.ctx.metrics.lateRecordsDropped++;
    }
  }

  /** Returns whether every window was already late (the element went nowhere). */
  private addToWindows(windows: readonly W[], value: IN, stored: unknown, timestamp: number): boolean {
    let skipped = true;
    const state = this.windowState;
    const t = this.tctx;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (this.isWindowLate(w)) continue;
      skipped = false;
      const ns = this.assigner.namespaceOf(w);
      state.setNamespace(ns);
      state.add(stored);
      t.ns = ns;
      const r = this.trigger.onElement(value, timestamp, w, t);
      if (isFire(r)) {
        const contents = state.get();
        if (isEmpty(contents)) continue;
        this.emitWindowContents(w, ns, ns, contents);
      }
      if (isPurge(r)) {
        state.setNamespace(ns);
        state.clear();
      }
      if (!this.triggerRegistersCleanup) this.registerCleanupTimer(w, ns);
    }
    return skipped;
  }

  private addToMergingWindows(windows: readonly W[], value: IN, stored: unknown, timestamp: number): boolean {
    let skipped = true;
    const set = new MergingWindowSet<W>(this.assigner as WindowAssigner<unknown, W>, this.mergingState!);
    const state = this.windowState;
    const t = this.tctx;
    for (const w of windows) {
      const actual = set.addWindow(w, this.onMergeWindows);
      const ns = this.assigner.namespaceOf(actual);
      if (this.isWindowLate(actual)) {
        set.retireWindow(ns);
        continue;
      }
      skipped = false;
      const stateNs = set.getStateWindow(ns);
      if (stateNs === undefined) throw new Error(`Window ${String(actual)} is not in the in-flight window set`);
      state.setNamespace(stateNs);
      state.add(stored);
      t.ns = ns;
      const r = this.trigger.onElement(value, timestamp, actual, t);
      if (isFire(r)) {
        const contents = state.get();
        if (isEmpty(contents)) continue;
        this.emitWindowContents(actual, ns, stateNs, contents);
      }
      if (isPurge(r)) {
        state.setNamespace(stateNs);
        state.clear();
      }
      this.registerCleanupTimer(actual, ns);
    }
    set.persist();
    return skipped;
  }

  private mergeWindows(result: W, merged: W[], stateResult: Namespace, mergedState: Namespace[]): void {
    if (this.eventTime && result.maxTimestamp() + this.lateness <= this.currentWatermark) {
      throw new TributaryError(
        'WINDOW_MERGE',
        `The end timestamp of an event-time window cannot become earlier than the current watermark by merging. ` +
          `Current watermark: ${this.currentWatermark} window: ${String(result)}`,
      );
    }
    if (!this.eventTime && result.maxTimestamp() <= this.timerSvc.currentProcessingTime()) {
      throw new TributaryError(
        'WINDOW_MERGE',
        `The end timestamp of a processing-time window cannot become earlier than the current processing time by ` +
          `merging. Current processing time: ${this.timerSvc.currentProcessingTime()} window: ${String(result)}`,
      );
    }
    const t = this.tctx;
    t.ns = this.assigner.namespaceOf(result);
    t.mergedNs = merged.map((m) => this.assigner.namespaceOf(m));
    this.trigger.onMerge!(result, t);
    const mergedNs = t.mergedNs;
    t.mergedNs = NO_NAMESPACES;
    for (let i = 0; i < merged.length; i++) {
      t.ns = mergedNs[i]!;
      this.trigger.clear(merged[i]!, t);
      this.deleteCleanupTimer(merged[i]!, mergedNs[i]!);
    }
    if (mergedState.length > 0) this.windowState.mergeNamespaces!(stateResult, mergedState);
  }

  override onEventTime(key: unknown, ns: Namespace, time: number): void {
    this.onTimer(key, ns, time, true);
  }

  override onProcessingTime(key: unknown, ns: Namespace, time: number): void {
    this.onTimer(key, ns, time, false);
  }

  private onTimer(key: unknown, ns: Namespace, time: number, eventTimer: boolean): void {
    const w = this.assigner.windowOf(ns);
    let set: MergingWindowSet<W> | undefined;
    let stateNs = ns;
    if (this.merging) {
      set = new MergingWindowSet<W>(this.assigner as WindowAssigner<unknown, W>, this.mergingState!);
      const s = set.getStateWindow(ns);
      // A timer of a window that has since been merged away.
      if (s === undefined) return;
      stateNs = s;
    }
    const state = this.windowState;
    state.setNamespace(stateNs);
    const t = this.tctx;
    t.ns = ns;
    const r = eventTimer ? this.trigger.onEventTime(time, w, t) : this.trigger.onProcessingTime(time, w, t);
    if (isFire(r)) {
      const contents = state.get();
      if (!isEmpty(contents)) this.emitWindowContents(w, ns, stateNs, contents, key);
    }
    if (isPurge(r)) {
      state.setNamespace(stateNs);
      state.clear();
    }
    if (this.eventTime === eventTimer && time === this.cleanupTime(w)) this.clearAllState(w, ns, stateNs, set);
    set?.persist();
  }

  private clearAllState(w: W, ns: Namespace, stateNs: Namespace, set: MergingWindowSet<W> | undefined): void {
    const state = this.windowState;
    state.setNamespace(stateNs);
    state.clear();
    this.tctx.ns = ns;
    this.trigger.clear(w, this.tctx);
    const fn = this.spec.fn;
    if (fn?.clear) {
      const p = this.pctx;
      p.w = w;
      p.ns = ns;
      p.ts = w.maxTimestamp();
      fn.clear(p);
    }
    set?.retireWindow(ns);
  }

  private emitWindowContents(w: W, ns: Namespace, stateNs: Namespace, contents: unknown, key?: unknown): void {
    const evictor = this.spec.evictor;
    if (evictor === undefined) {
      this.emit(w, ns, contents, key);
      return;
    }
    const elements = contents as TimestampedValue<IN>[];
    evictor.evictBefore(elements, elements.length, w, this.tctx);
    if (elements.length > 0) {
      const values = elements.map((e) => e.value);
      const combine = this.spec.combine;
      this.emit(w, ns, combine === undefined ? values : combine(values), key);
    }
    evictor.evictAfter(elements, elements.length, w, this.tctx);
    const state = this.windowState;
    state.setNamespace(stateNs);
    state.update(elements);
  }

  private emit(w: W, ns: Namespace, contents: unknown, key: unknown): void {
    const ts = w.maxTimestamp();
    const fn = this.spec.fn;
    if (fn === undefined) {
      this.output.collect(contents as OUT, ts);
      return;
    }
    const p = this.pctx;
    p.w = w;
    p.ns = ns;
    p.ts = ts;
    const k = (key === undefined ? this.backend.getCurrentKey() : key) as K;
    fn.process(k, p, this.spec.single ? [contents] : (contents as readonly unknown[]), p);
  }

  /** Flink: maxTimestamp + allowedLateness for event time (guarding overflow), maxTimestamp for processing time. */
  private cleanupTime(w: W): number {
    const max = w.maxTimestamp();
    if (!this.eventTime) return max;
    const t = max + this.lateness;
    return t >= max ? t : GLOBAL_WINDOW_MAX_TIMESTAMP;
  }

  private isWindowLate(w: W): boolean {
    return this.eventTime && this.cleanupTime(w) <= this.currentWatermark;
  }

  private isElementLate(timestamp: number): boolean {
    return this.eventTime && timestamp + this.lateness <= this.currentWatermark;
  }

  private registerCleanupTimer(w: W, ns: Namespace): void {
    const t = this.cleanupTime(w);
    if (t >= GLOBAL_WINDOW_MAX_TIMESTAMP) return;
    if (this.eventTime) this.timerSvc.registerEventTimeTimer(t, ns);
    else this.timerSvc.registerProcessingTimeTimer(t, ns);
  }

  private deleteCleanupTimer(w: W, ns: Namespace): void {
    const t = this.cleanupTime(w);
    if (t >= GLOBAL_WINDOW_MAX_TIMESTAMP) return;
    if (this.eventTime) this.timerSvc.deleteEventTimeTimer(t, ns);
    else this.timerSvc.deleteProcessingTimeTimer(t, ns);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot {
    this.spec.fn?.snapshotState?.(checkpointId);
    return super.snapshotState(checkpointId);
  }

  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.spec.fn?.notifyCheckpointComplete?.(checkpointId);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.spec.fn?.close?.();
  }
}

function isEmpty(contents: unknown): boolean {
  return contents === undefined || contents === null || (Array.isArray(contents) && contents.length === 0);
}
