import type { CoProcessFunction, KeyedCoProcessFunction } from '../../functions/process-function.js';
import { instancePerSubtask } from '../../functions/rich-function.js';
import { createRuntimeContext } from '../../functions/runtime-context.js';
import type { Namespace } from '../../state/state.js';
import type { OperatorSnapshot } from '../operator-snapshot.js';
import { TwoInputOperator } from '../stream-operator.js';
import { ProcessContextImpl } from './process-context-impl.js';

/** connect(...).process(...): two inputs, one function, shared state; keyed when both inputs are keyed. */
export class CoProcessOperator<IN1, IN2, OUT> extends TwoInputOperator<IN1, IN2, OUT> {
  private pctx!: ProcessContextImpl<unknown, OUT>;
  private readonly fn: CoProcessFunction<IN1, IN2, OUT> | KeyedCoProcessFunction<unknown, IN1, IN2, OUT>;
  constructor(fn: CoProcessFunction<IN1, IN2, OUT> | KeyedCoProcessFunction<unknown, IN1, IN2, OUT>) {
    super();
    this.fn = instancePerSubtask(fn);
  }
  override async open(): Promise<void> {
    const backend = this.ctx.keyedBackend;
    this.pctx = new ProcessContextImpl(
      this.output,
      backend ? () => this.timers() : undefined,
      () => backend?.getCurrentKey(),
      this.ctx.operatorName,
      () => this.ctx.processingTime.now(),
      () => this.currentWatermark,
    );
    await this.fn.open?.(createRuntimeContext(this.ctx));
  }
  processElement1(value: IN1, timestamp: number): void {
    this.pctx.set(timestamp, 'EVENT_TIME');
    this.fn.processElement1(value, this.pctx, this.pctx);
  }
  processElement2(value: IN2, timestamp: number): void {
    this.pctx.set(timestamp, 'EVENT_TIME');
    this.fn.processElement2(value, this.pctx, this.pctx);
  }
  override onEventTime(_k: unknown, _ns: Namespace, timestamp: number): void {
    this.fire(timestamp, 'EVENT_TIME');
  }
  override onProcessingTime(_k: unknown, _ns: Namespace, timestamp: number): void {
    this.fire(timestamp, 'PROCESSING_TIME');
  }
  private fire(timestamp: number, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): void {
    const f = this.fn as KeyedCoProcessFunction<unknown, IN1, IN2, OUT>;
    if (!f.onTimer) return;
    this.pctx.set(timestamp, domain);
    f.onTimer(timestamp, this.pctx, this.pctx);
  }
  override snapshotState(id: number): OperatorSnapshot {
    this.fn.snapshotState?.(id);
    return super.snapshotState(id);
  }
  override async close(): Promise<void> {
    await super.close();
    await this.fn.close?.();
  }
}
