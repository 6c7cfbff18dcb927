import { ProgramError } from '@tributary/core';
import type { Collector, Output, OutputTag } from '../operators/output.js';
import type { KeyedStateBackend } from '../state/backend.js';
import type { StateDescriptor } from '../state/descriptors.js';
import { type Namespace, VOID_NAMESPACE } from '../state/state.js';
import type { InternalTimerService } from '../timers/timer-service.js';
import type { EvictorContext } from './evictors/evictor.js';
import type { OnMergeContext } from './triggers/trigger.js';
import type { Window } from './window.js';
import type { KeyedStateStore, ProcessWindowContext } from './window-functions.js';

/**
 * The one trigger context of a window operator subtask: the operator points it at a window (`ns`) before each
 * trigger call, so nothing is allocated per record.
 */
export class WindowTriggerContext implements OnMergeContext, EvictorContext {
  /** Namespace of the window the trigger is called for. */
  ns: Namespace = VOID_NAMESPACE;
  /** Namespaces of the windows being merged (during onMerge only). */
  mergedNs: Namespace[] = [];
  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly timers: InternalTimerService,
    private readonly operatorName: string,
  ) {}
  getCurrentProcessingTime(): number {
    return this.timers.currentProcessingTime();
  }
  getCurrentWatermark(): number {
    return this.timers.currentWatermark;
  }
  registerProcessingTimeTimer(time: number): void {
    this.timers.registerProcessingTimeTimer(time, this.ns);
  }
  registerEventTimeTimer(time: number): void {
    this.timers.registerEventTimeTimer(time, this.ns);
  }
  deleteProcessingTimeTimer(time: number): void {
    this.timers.deleteProcessingTimeTimer(time, this.ns);
  }
  deleteEventTimeTimer(time: number): void {
    this.timers.deleteEventTimeTimer(time, this.ns);
  }
  getPartitionedState<S>(descriptor: StateDescriptor): S {
    const s = this.backend.getOrCreateState<S>(descriptor);
    s.setNamespace(this.ns);
    return s;
  }
  mergePartitionedState(descriptor: StateDescriptor): void {
    if (this.mergedNs.length === 0) return;
    const s = this.backend.getOrCreateState<unknown>(descriptor);
    if (typeof s.mergeNamespaces !== 'function') {
      throw new ProgramError(
        `Trigger state '${descriptor.name}' of operator '${this.operatorName}' cannot be merged: ` +
          `${descriptor.kind} state does not support merging (use reducing, aggregating or list state)`,
      );
    }
    s.mergeNamespaces(this.ns, this.mergedNs);
  }
}

/** A KeyedStateStore whose handles are scoped to a namespace chosen when they are fetched. */
class ScopedStateStore implements KeyedStateStore {
  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly namespace: () => Namespace,
  ) {}
  private get<S>(d: StateDescriptor): S {
    const s = this.backend.getOrCreateState<S>(d);
    s.setNamespace(this.namespace());
    return s;
  }
  getState = this.get as KeyedStateStore['getState'];
  getListState = this.get as KeyedStateStore['getListState'];
  getMapState = this.get as KeyedStateStore['getMapState'];
  getReducingState = this.get as KeyedStateStore['getReducingState'];
  getAggregatingState = this.get as KeyedStateStore['getAggregatingState'];
}

/** The reusable context and collector handed to window functions; output carries the window's max timestamp. */
export class ProcessWindowContextImpl<OUT, W extends Window> implements ProcessWindowContext<W>, Collector<OUT> {
  w!: W;
  ns: Namespace = VOID_NAMESPACE;
  ts = 0;
  private readonly perWindow: KeyedStateStore;
  private readonly global: KeyedStateStore;
  constructor(
    private readonly out: Output<OUT>,
    backend: KeyedStateBackend,
    private readonly timers: InternalTimerService,
    merging: boolean,
  ) {
    this.global = new ScopedStateStore(backend, () => VOID_NAMESPACE);
    this.perWindow = merging ? new NoMergingWindowState() : new ScopedStateStore(backend, () => this.ns);
  }
  collect(value: OUT): void {
    this.out.collect(value, this.ts);
  }
  window(): W {
    return this.w;
  }
  currentProcessingTime(): number {
    return this.timers.currentProcessingTime();
  }
  currentWatermark(): number {
    return this.timers.currentWatermark;
  }
  windowState(): KeyedStateStore {
    return this.perWindow;
  }
  globalState(): KeyedStateStore {
    return this.global;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.out.collectSide(tag.id, value, this.ts);
  }
}

/** Flink forbids per-window state on merging windows (it could not be merged reliably). */
class NoMergingWindowState implements KeyedStateStore {
  private fail(): never {
    throw new ProgramError('Per-window state is not allowed when using merging windows (e.g. session windows).');
  }
  getState = () => this.fail();
  getListState = () => this.fail();
  getMapState = () => this.fail();
  getReducingState = () => this.fail();
  getAggregatingState = () => this.fail();
}
