import { ProgramError } from '@tributary/core';
import { assignKeyGroup, rangeContains } from '../keys/key-groups.js';
import type { Namespace } from '../state/state.js';
import { MIN_WATERMARK } from '../time/watermark.js';
import { InternalTimerService, type Triggerable } from '../timers/timer-service.js';
import type { OperatorContext } from './operator-context.js';
import type { OperatorSnapshot } from './operator-snapshot.js';
import type { Output } from './output.js';

/**
 * Base of every operator. Lifecycle: setup -> initializeState -> open -> process* -> finish -> close.
 * `finish` runs once at end of input and may still emit; `close` only releases resources.
 */
export abstract class StreamOperator<OUT = unknown> implements Triggerable {
  protected ctx!: OperatorContext;
  protected output!: Output<OUT>;
  protected currentWatermark = MIN_WATERMARK;
  private timerService: InternalTimerService | undefined;

  setup(ctx: OperatorContext, output: Output<OUT>): void {
    this.ctx = ctx;
    this.output = output;
  }

  get name(): string {
    return this.ctx.operatorName;
  }

  /** Restores timers; subclasses that own more state extend this. Runs before open(). */
  initializeState(): void {
    const r = this.ctx.restored;
    if (r && (r.eventTimers?.length || r.processingTimers?.length)) {
      const backend = this.ctx.keyedBackend;
      if (backend) {
        const range = backend.keyGroupRange;
        const maxP = this.ctx.maxParallelism;
        this.timers().restore(r.eventTimers ?? [], r.processingTimers ?? [], (k) =>
          rangeContains(range, assignKeyGroup(k, maxP)),
        );
      }
    }
  }

  open(): void | Promise<void> {}

  /** Event time advanced: fire timers, then forward. */
  processWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    this.ctx.metrics.currentInputWatermark = watermark;
    this.timerService?.advanceWatermark(watermark);
    this.ctx.metrics.currentOutputWatermark = watermark;
    this.output.emitWatermark(watermark);
  }

  processWatermarkStatus(idle: boolean): void {
    this.output.emitWatermarkStatus(idle);
  }

  /** End of all input. In batch mode processing-time timers fire here (time does not advance in batch). */
  finish(): void | Promise<void> {
    if (this.ctx.batchMode) this.timerService?.fireProcessingTimers(Number.POSITIVE_INFINITY);
  }

  close(): void | Promise<void> {
    this.timerService?.dispose();
  }

  snapshotState(_checkpointId: number): OperatorSnapshot {
    const snap: OperatorSnapshot = {};
    const backend = this.ctx.keyedBackend;
    if (backend) {
      snap.keyed = backend.snapshotForCheckpoint
        ? backend.snapshotForCheckpoint(_checkpointId, this.ctx.snapshotMode.incremental)
        : backend.snapshot();
    }
    if (this.timerService) {
      const t = this.timerService.snapshot();
      snap.eventTimers = t.eventTimers;
      snap.processingTimers = t.processingTimers;
    }
    const os = this.ctx.operatorState.snapshot();
    if (Object.keys(os).length > 0) snap.operatorState = os;
    return snap;
  }

  notifyCheckpointComplete(_checkpointId: number): void | Promise<void> {}

  notifyCheckpointAborted(_checkpointId: number): void {}

  /** Timers need keyed state (they are scoped to a key). */
  protected timers(): InternalTimerService {
    if (this.timerService === undefined) {
      const backend = this.ctx.keyedBackend;
      if (!backend) {
        throw new ProgramError(
          `Operator '${this.ctx.operatorName}' uses timers, which are only available on a keyed stream: call keyBy(...) before it.`,
        );
      }
      this.timerService = new InternalTimerService(backend, this, this.ctx.processingTime, this.ctx.batchMode);
    }
    return this.timerService;
  }

  onEventTime(_key: unknown, _namespace: Namespace, _timestamp: number): void {}
  onProcessingTime(_key: unknown, _namespace: Namespace, _timestamp: number): void {}
}

export abstract class OneInputOperator<IN, OUT> extends StreamOperator<OUT> {
  abstract processElement(value: IN, timestamp: number): void;
}

export abstract class TwoInputOperator<IN1, IN2, OUT> extends StreamOperator<OUT> {
  abstract processElement1(value: IN1, timestamp: number): void;
  abstract processElement2(value: IN2, timestamp: number): void;
}

export function isTwoInput(op: StreamOperator): op is TwoInputOperator<unknown, unknown, unknown> {
  return typeof (op as TwoInputOperator<unknown, unknown, unknown>).processElement1 === 'function';
}
