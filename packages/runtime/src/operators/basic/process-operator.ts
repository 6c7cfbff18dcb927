import type { KeyedProcessFunction, ProcessFunction } from '../../functions/process-function.js';
import { instancePerSubtask } from '../../functions/rich-function.js';
import type { Namespace } from '../../state/state.js';
import { UserFunctionOperator } from '../user-function-operator.js';
import { ProcessContextImpl } from './process-context-impl.js';

/** Runs a ProcessFunction, or a KeyedProcessFunction (with timers) when the input is keyed. */
export class ProcessOperator<IN, OUT> extends UserFunctionOperator<IN, OUT> {
  private pctx!: ProcessContextImpl<unknown, OUT>;
  private readonly fn: ProcessFunction<IN, OUT> | KeyedProcessFunction<unknown, IN, OUT>;
  constructor(fn: ProcessFunction<IN, OUT> | KeyedProcessFunction<unknown, IN, OUT>) {
    const own = instancePerSubtask(fn);
    super(own);
    this.fn = own;
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
    await super.open();
  }
  processElement(value: IN, timestamp: number): void {
    const c = this.pctx;
    c.set(timestamp, 'EVENT_TIME');
    this.fn.processElement(value, c, c);
  }
  override onEventTime(_key: unknown, _ns: Namespace, timestamp: number): void {
    this.fire(timestamp, 'EVENT_TIME');
  }
  override onProcessingTime(_key: unknown, _ns: Namespace, timestamp: number): void {
    this.fire(timestamp, 'PROCESSING_TIME');
  }
  private fire(timestamp: number, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): void {
    const f = this.fn as KeyedProcessFunction<unknown, IN, OUT>;
    if (!f.onTimer) return;
    const c = this.pctx;
    c.set(timestamp, domain);
    f.onTimer(timestamp, c, c);
  }
}
