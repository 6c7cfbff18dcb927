import type { Clock } from '@tributary/core';
import { TributaryError } from '@tributary/core';
import type { Output } from '../operators/output.js';
import { NO_TIMESTAMP } from '../time/watermark.js';
import type {
  TimestampAssigner,
  WatermarkGenerator,
  WatermarkOutput,
  WatermarkStrategy,
} from './watermark-strategy.js';

/**
 * Applies a WatermarkStrategy to a stream: assigns timestamps, feeds the generator, forwards only increasing
 * watermarks, and tracks idleness. Shared by source operators and assignTimestampsAndWatermarks.
 */
export class WatermarkEmitter<T> implements WatermarkOutput {
  private readonly generator: WatermarkGenerator<T>;
  private readonly assigner: TimestampAssigner<T> | undefined;
  private readonly idleTimeout: number | undefined;
  private lastEmitted = Number.NEGATIVE_INFINITY;
  private idle = false;
  private lastEventTime: number;

  constructor(
    strategy: WatermarkStrategy<T>,
    private readonly output: Output<T>,
    private readonly clock: Clock,
    private readonly emitWatermarks: boolean,
  ) {
    this.generator = strategy.createGenerator();
    this.assigner = strategy.timestampAssigner;
    this.idleTimeout = strategy.idleTimeoutMs;
    this.lastEventTime = clock.now();
  }

  /** Emits the record with its assigned timestamp. */
  collect(value: T, recordTimestamp: number): void {
    let ts = recordTimestamp;
    if (this.assigner !== undefined) {
      ts = this.assigner(value, recordTimestamp === NO_TIMESTAMP ? undefined : recordTimestamp);
      if (typeof ts !== 'number' || Number.isNaN(ts)) {
        throw new TributaryError(
          'TIMESTAMP',
          `Timestamp assigner returned ${String(ts)} (expected epoch milliseconds)`,
        );
      }
    }
    if (this.idleTimeout !== undefined) {
      this.lastEventTime = this.clock.now();
      if (this.idle) this.markActive();
    }
    // The element goes first: a punctuated watermark it triggers must not make the element itself late (Flink order).
    this.output.collect(value, ts);
    this.generator.onEvent(value, ts, this);
  }

  /** Called on the auto-watermark interval. */
  onPeriodic(): void {
    this.generator.onPeriodicEmit(this);
    if (this.idleTimeout !== undefined && !this.idle && this.clock.now() - this.lastEventTime >= this.idleTimeout) {
      this.markIdle();
    }
  }

  emitWatermark(watermark: number): void {
    if (!this.emitWatermarks || watermark <= this.lastEmitted) return;
    if (this.idle) this.markActive();
    this.lastEmitted = watermark;
    this.output.emitWatermark(watermark);
  }

  markIdle(): void {
    if (this.idle || !this.emitWatermarks) return;
    this.idle = true;
    this.output.emitWatermarkStatus(true);
  }

  markActive(): void {
    if (!this.idle) return;
    this.idle = false;
    this.output.emitWatermarkStatus(false);
  }
}
