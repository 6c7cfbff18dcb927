import { CoreOptions } from '@tributary/core';
import { MAX_WATERMARK } from '../../time/watermark.js';
import { WatermarkEmitter } from '../../watermarks/watermark-emitter.js';
import type { WatermarkStrategy } from '../../watermarks/watermark-strategy.js';
import { OneInputOperator } from '../stream-operator.js';

/**
 * assignTimestampsAndWatermarks on a stream: replaces upstream timestamps and watermarks (only the final
 * watermark passes through, as in Flink).
 */
export class TimestampsAndWatermarksOperator<T> extends OneInputOperator<T, T> {
  private emitter!: WatermarkEmitter<T>;
  private cancel: (() => void) | undefined;
  private ended = false;
  constructor(private readonly strategy: WatermarkStrategy<T>) {
    super();
  }
  override open(): void {
    this.emitter = new WatermarkEmitter(this.strategy, this.output, this.ctx.clock, !this.ctx.batchMode);
    const interval = this.ctx.config.get(CoreOptions.AUTO_WATERMARK_INTERVAL);
    if (this.ctx.batchMode || !(interval > 0)) return;
    const tick = (time: number) => {
      this.emitter.onPeriodic();
      if (!this.ended) this.cancel = this.ctx.processingTime.registerTimer(time + interval, tick);
    };
    this.cancel = this.ctx.processingTime.registerTimer(this.ctx.processingTime.now() + interval, tick);
  }
  processElement(value: T, timestamp: number): void {
    this.emitter.collect(value, timestamp);
  }
  override processWatermark(watermark: number): void {
    if (watermark === MAX_WATERMARK) {
      this.ended = true;
      this.cancel?.();
      this.emitter.onPeriodic();
      this.output.emitWatermark(MAX_WATERMARK);
    }
  }
  override processWatermarkStatus(_idle: boolean): void {}
  override close(): void {
    this.cancel?.();
  }
}
