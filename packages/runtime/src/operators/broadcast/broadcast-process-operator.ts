import { ProgramError } from '@tributary/core';
import type {
  BroadcastProcessFunction,
  KeyedBroadcastContext,
  KeyedBroadcastProcessFunction,
  KeyedReadOnlyBroadcastContext,
  TimerService,
} from '../../functions/process-function.js';
import { instancePerSubtask } from '../../functions/rich-function.js';
import { createRuntimeContext } from '../../functions/runtime-context.js';
import type { MapStateDescriptor, StateDescriptor } from '../../state/descriptors.js';
import type { Namespace } from '../../state/state.js';
import { VOID_NAMESPACE } from '../../state/state.js';
import { NO_TIMESTAMP } from '../../time/watermark.js';
import { ProcessContextImpl } from '../basic/process-context-impl.js';
import type { OperatorSnapshot } from '../operator-snapshot.js';
import type { Collector, Output, OutputTag } from '../output.js';
import { TwoInputOperator } from '../stream-operator.js';
import { ReadOnlyMapView } from './read-only-map.js';

type AnyBroadcastFunction<IN, BIN, OUT> =
  | BroadcastProcessFunction<IN, BIN, OUT>
  | KeyedBroadcastProcessFunction<unknown, IN, BIN, OUT>;

/**
 * Flink's broadcast state pattern. Input 1 is the main stream (keyed or not), input 2 the broadcast stream, which
 * every subtask receives whole. Broadcast state is operator state in 'broadcast' mode (every subtask holds the same
 * maps, and on restore every subtask gets the first subtask's copy), so it must be updated only from
 * processBroadcastElement, identically on every subtask; the main side gets a read-only view.
 */
export class BroadcastProcessOperator<IN, BIN, OUT> extends TwoInputOperator<IN, BIN, OUT> {
  private readonly fn: AnyBroadcastFunction<IN, BIN, OUT>;
  private readonly declared: ReadonlyMap<string, MapStateDescriptor<unknown, unknown>>;
  private mainCtx!: MainSideContext<OUT>;
  private broadcastCtx!: BroadcastSideContext<OUT>;

  constructor(fn: AnyBroadcastFunction<IN, BIN, OUT>, descriptors: readonly MapStateDescriptor<any, any>[]) {
    super();
    if (descriptors.length === 0) {
      throw new ProgramError('A broadcast stream needs at least one MapStateDescriptor for its broadcast state');
    }
    this.fn = instancePerSubtask(fn);
    this.declared = new Map(descriptors.map((d) => [d.name, d]));
  }

  override async open(): Promise<void> {
    const backend = this.ctx.keyedBackend;
    const maps = new Map<string, Map<unknown, unknown>>();
    const views = new Map<string, ReadOnlyMapView<unknown, unknown>>();
    for (const name of this.declared.keys()) {
      const m = this.ctx.operatorState.getBroadcastState<unknown, unknown>(name);
      maps.set(name, m);
      views.set(name, new ReadOnlyMapView(m));
    }
    const lookup = <T>(from: Map<string, T>, d: MapStateDescriptor<unknown, unknown>): T => {
      const found = from.get(d.name);
      if (found === undefined) {
        throw new ProgramError(
          `Broadcast state '${d.name}' was not declared in broadcast(...) for operator '${this.ctx.operatorName}'; declared: ${[...this.declared.keys()].map((n) => `'${n}'`).join(', ')}`,
        );
      }
      return found;
    };
    this.mainCtx = new MainSideContext<OUT>(
      this.output,
      backend ? () => this.timers() : undefined,
      () => backend?.getCurrentKey(),
      this.ctx.operatorName,
      (d) => lookup(views, d),
    );
    this.broadcastCtx = new BroadcastSideContext<OUT>(
      this.output,
      this.ctx.operatorName,
      (d) => lookup(maps, d),
      () => this.currentWatermark,
      () => this.ctx.processingTime.now(),
      backend
        ? (d, fn) => {
            const state = backend.getOrCreateState<unknown>(d);
            const ns = state as { setNamespace(n: Namespace): void };
            ns.setNamespace(VOID_NAMESPACE);
            backend.forEachKey(d, VOID_NAMESPACE, (key) => fn(key, state));
          }
        : undefined,
    );
    await this.fn.open?.(createRuntimeContext(this.ctx));
  }

  processElement1(value: IN, timestamp: number): void {
    const c = this.mainCtx;
    c.set(timestamp, 'EVENT_TIME');
    this.fn.processElement(value, c as KeyedReadOnlyBroadcastContext<unknown>, c);
  }

  processElement2(value: BIN, timestamp: number): void {
    const c = this.broadcastCtx;
    c.set(timestamp, 'EVENT_TIME');
    this.fn.processBroadcastElement(value, c, c);
  }

  override onEventTime(_k: unknown, _ns: Namespace, timestamp: number): void {
    this.fire(timestamp, 'EVENT_TIME');
  }

  override onProcessingTime(_k: unknown, _ns: Namespace, timestamp: number): void {
    this.fire(timestamp, 'PROCESSING_TIME');
  }

  private fire(timestamp: number, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): void {
    const f = this.fn as KeyedBroadcastProcessFunction<unknown, IN, BIN, OUT>;
    if (!f.onTimer) return;
    const c = this.mainCtx;
    c.set(timestamp, domain);
    f.onTimer(timestamp, c, c);
  }

  override snapshotState(id: number): OperatorSnapshot {
    this.fn.snapshotState?.(id);
    return super.snapshotState(id);
  }

  override async notifyCheckpointComplete(id: number): Promise<void> {
    await this.fn.notifyCheckpointComplete?.(id);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.fn.close?.();
  }
}

/** Main-side context: the keyed/non-keyed process context plus read-only broadcast state. */
class MainSideContext<OUT> extends ProcessContextImpl<unknown, OUT> implements KeyedReadOnlyBroadcastContext<unknown> {
  constructor(
    out: Output<OUT>,
    timers: ConstructorParameters<typeof ProcessContextImpl>[1],
    key: () => unknown,
    operatorName: string,
    private readonly views: (d: MapStateDescriptor<unknown, unknown>) => ReadOnlyMapView<unknown, unknown>,
  ) {
    super(out, timers, key, operatorName);
  }
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): ReadonlyMap<K, V> {
    return this.views(descriptor as MapStateDescriptor<unknown, unknown>) as unknown as ReadonlyMap<K, V>;
  }
}

/**
 * Broadcast-side context: writable broadcast state and, on keyed streams, applyToKeyedState. There is no current
 * key here, so timers cannot be registered (as in Flink); time can be read.
 */
class BroadcastSideContext<OUT> implements KeyedBroadcastContext, Collector<OUT>, TimerService {
  ts = NO_TIMESTAMP;
  constructor(
    private readonly out: Output<OUT>,
    private readonly operatorName: string,
    private readonly maps: (d: MapStateDescriptor<unknown, unknown>) => Map<unknown, unknown>,
    private readonly watermark: () => number,
    private readonly processingTime: () => number,
    private readonly forKeys: ((d: StateDescriptor, fn: (key: unknown, state: unknown) => void) => void) | undefined,
  ) {}

  set(timestamp: number, _domain: 'EVENT_TIME'): void {
    this.ts = timestamp;
  }
  collect(value: OUT): void {
    this.out.collect(value, this.ts);
  }
  timestamp(): number | undefined {
    return this.ts === NO_TIMESTAMP ? undefined : this.ts;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.out.collectSide(tag.id, value, this.ts);
  }
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): Map<K, V> {
    return this.maps(descriptor as MapStateDescriptor<unknown, unknown>) as Map<K, V>;
  }
  applyToKeyedState<S>(descriptor: StateDescriptor, fn: (key: unknown, state: S) => void): void {
    if (!this.forKeys) {
      throw new ProgramError(
        `applyToKeyedState needs a keyed main stream (operator '${this.operatorName}'): use keyBy(...).connect(broadcastStream)`,
      );
    }
    this.forKeys(descriptor, fn as (key: unknown, state: unknown) => void);
  }
  timerService(): TimerService {
    return this;
  }
  currentProcessingTime(): number {
    return this.processingTime();
  }
  currentWatermark(): number {
    return this.watermark();
  }
  private noTimers(): never {
    throw new ProgramError(
      `Timers cannot be registered in processBroadcastElement (operator '${this.operatorName}'): there is no current key. Register them in processElement.`,
    );
  }
  registerEventTimeTimer(_time: number): void {
    this.noTimers();
  }
  registerProcessingTimeTimer(_time: number): void {
    this.noTimers();
  }
  deleteEventTimeTimer(_time: number): void {
    this.noTimers();
  }
  deleteProcessingTimeTimer(_time: number): void {
    this.noTimers();
  }
}
