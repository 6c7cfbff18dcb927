import { checkpointingEnabled } from '../../checkpoint/checkpoint-options.js';
import type { Sink, SinkWriter } from '../../sink/sink.js';
import { NO_TIMESTAMP } from '../../time/watermark.js';
import type { OperatorSnapshot } from '../operator-snapshot.js';
import { OneInputOperator } from '../stream-operator.js';

/** Hands records to a sink writer; flushes it at checkpoints and end of input. */
export class SinkOperator<T> extends OneInputOperator<T, never> {
  private writer!: SinkWriter<T>;
  constructor(private readonly sink: Sink<T>) {
    super();
  }
  override async open(): Promise<void> {
    const restored = this.ctx.restored?.operatorState?.['_sink_writer']?.entries;
    this.writer = await this.sink.createWriter({
      subtaskIndex: this.ctx.subtaskIndex,
      parallelism: this.ctx.parallelism,
      operatorName: this.ctx.operatorName,
      attemptNumber: this.ctx.attemptNumber,
      metrics: this.ctx.metrics,
      restoredState: restored,
      requestRun: this.ctx.requestRun,
      commitOnEndOfInput: !checkpointingEnabled(this.ctx.config, this.ctx.batchMode),
    });
  }
  processElement(value: T, timestamp: number): void {
    this.writer.write(value, timestamp === NO_TIMESTAMP ? undefined : timestamp);
  }
  override processWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    this.ctx.metrics.currentInputWatermark = watermark;
    this.writer.writeWatermark?.(watermark);
  }
  override async finish(): Promise<void> {
    await this.writer.flush(true);
  }
  override snapshotState(checkpointId: number): OperatorSnapshot {
    const snap = super.snapshotState(checkpointId);
    const ws = this.writer.snapshotState?.(checkpointId);
    if (ws !== undefined) {
      snap.operatorState = { ...(snap.operatorState ?? {}), _sink_writer: { mode: 'split', entries: ws } };
    }
    return snap;
  }
  /** Async prepare phase of checkpointing (flushing buffers); awaited before the checkpoint is acknowledged. */
  async prepareSnapshot(checkpointId: number): Promise<void> {
    await this.writer.flush(false);
    await this.writer.prepareCommit?.(checkpointId);
  }
  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.writer.commit?.(checkpointId);
  }
  override async close(): Promise<void> {
    await super.close();
    await this.writer?.close();
  }
}
