import { CoreOptions } from '@tributary/core';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { StreamOperator } from '../operators/stream-operator.js';
import { MAX_WATERMARK, NO_TIMESTAMP } from '../time/watermark.js';
import { WatermarkEmitter } from '../watermarks/watermark-emitter.js';
import type { WatermarkStrategy } from '../watermarks/watermark-strategy.js';
import { assignSplits, type InputStatus, type ReaderOutput, type Source, type SourceReader } from './source.js';

const SPLITS_STATE = '_source_splits';

/**
 * Head of a source task: polls the reader in batches, applies the watermark strategy, emits periodic watermarks,
 * and at end of input the final watermark (which fires all event-time timers downstream).
 */
export class SourceOperator<T> extends StreamOperator<T> implements ReaderOutput<T> {
  private reader!: SourceReader<T>;
  private emitter: WatermarkEmitter<T> | undefined;
  private cancelPeriodic: (() => void) | undefined;
  private ended = false;

  constructor(
    private readonly source: Source<T>,
    private readonly strategy: WatermarkStrategy<T> | undefined,
    private readonly batchSize: number,
  ) {
    super();
  }

  override async open(): Promise<void> {
    const ctx = this.ctx;
    this.reader = this.source.createReader({
      subtaskIndex: ctx.subtaskIndex,
      parallelism: ctx.parallelism,
      operatorName: ctx.operatorName,
      metrics: ctx.metrics,
      batchSize: this.batchSize,
      requestRun: ctx.requestRun,
    });
    const restored = ctx.restored?.operatorState?.[SPLITS_STATE];
    const splits = restored
      ? restored.entries
      : assignSplits(await this.source.createSplits(ctx.parallelism), ctx.subtaskIndex, ctx.parallelism);
    this.reader.addSplits(splits);
    await this.reader.start?.();
    if (this.strategy) {
      this.emitter = new WatermarkEmitter(this.strategy, this.output, ctx.clock, !ctx.batchMode);
      if (!ctx.batchMode) this.schedulePeriodic();
    }
  }

  private schedulePeriodic(): void {
    const interval = this.ctx.config.get(CoreOptions.AUTO_WATERMARK_INTERVAL);
    if (!(interval > 0)) return;
    const tick = (time: number) => {
      this.emitter?.onPeriodic();
      if (!this.ended) this.cancelPeriodic = this.ctx.processingTime.registerTimer(time + interval, tick);
    };
    this.cancelPeriodic = this.ctx.processingTime.registerTimer(this.ctx.processingTime.now() + interval, tick);
  }

  collect(value: T, timestamp?: number): void {
    this.ctx.metrics.recordsIn++;
    const ts = timestamp === undefined ? NO_TIMESTAMP : timestamp;
    if (this.emitter !== undefined) this.emitter.collect(value, ts);
    else this.output.collect(value, ts);
  }

  /** Emits up to one batch; the task calls this instead of reading network input. */
  emitNext(): InputStatus {
    return this.reader.pollNext(this);
  }

  isAvailable(): Promise<void> {
    return this.reader.isAvailable();
  }

  /** End of this reader's input: flush the generator's last watermark, then the final one. */
  endInput(): void {
    this.ended = true;
    this.cancelPeriodic?.();
    this.emitter?.onPeriodic();
    this.output.emitWatermark(MAX_WATERMARK);
  }

  /** Fires all event-time timers downstream (stop-with-savepoint --drain); records after it are late. */
  emitFinalWatermark(): void {
    this.emitter?.onPeriodic();
    this.output.emitWatermark(MAX_WATERMARK);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot {
    const snap = super.snapshotState(checkpointId);
    snap.operatorState = {
      ...(snap.operatorState ?? {}),
      [SPLITS_STATE]: { mode: 'split', entries: structuredClone(this.reader.snapshotState(checkpointId)) },
    };
    return snap;
  }

  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.reader.notifyCheckpointComplete?.(checkpointId);
  }

  override async close(): Promise<void> {
    this.cancelPeriodic?.();
    await super.close();
    await this.reader?.close?.();
  }
}
