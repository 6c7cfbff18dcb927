/** Receives watermarks (and idleness) from a generator. */
export interface WatermarkOutput {
  emitWatermark(watermark: number): void;
  markIdle(): void;
  markActive(): void;
}

/** Flink's WatermarkGenerator: sees every event and is asked periodically for a watermark. */
export interface WatermarkGenerator<T> {
  onEvent(event: T, timestamp: number, output: WatermarkOutput): void;
  onPeriodicEmit(output: WatermarkOutput): void;
}

export type TimestampAssigner<T> = (event: T, recordTimestamp: number | undefined) => number;

/** How a stream gets event timestamps and watermarks. Immutable; `with*` return new strategies. */
export class WatermarkStrategy<T> {
  private constructor(
    readonly createGenerator: () => WatermarkGenerator<T>,
    readonly timestampAssigner: TimestampAssigner<T> | undefined,
    readonly idleTimeoutMs: number | undefined,
  ) {}

  /** Timestamps ascend: watermark = max timestamp - 1. */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return WatermarkStrategy.forBoundedOutOfOrderness<T>(0);
  }

  /** Events are at most `maxOutOfOrdernessMs` late: watermark = max timestamp - bound - 1. */
  static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    if (!(maxOutOfOrdernessMs >= 0)) throw new RangeError('maxOutOfOrderness must be >= 0');
    return new WatermarkStrategy<T>(
      () => new BoundedOutOfOrdernessGenerator<T>(maxOutOfOrdernessMs),
      undefined,
      undefined,
    );
  }

  /** No watermarks at all (event-time windows downstream will never fire before end of input). */
  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => ({ onEvent() {}, onPeriodicEmit() {} }), undefined, undefined);
  }

  static forGenerator<T>(factory: () => WatermarkGenerator<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(factory, undefined, undefined);
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(this.createGenerator, assigner, this.idleTimeoutMs);
  }

  /** Marks the stream idle after this long without events, so it does not hold back the watermark. */
  withIdleness(timeoutMs: number): WatermarkStrategy<T> {
    if (!(timeoutMs > 0)) throw new RangeError('idleness timeout must be > 0');
    return new WatermarkStrategy<T>(this.createGenerator, this.timestampAssigner, timeoutMs);
  }
}

export class BoundedOutOfOrdernessGenerator<T> implements WatermarkGenerator<T> {
  private maxTimestamp: number;
  constructor(private readonly bound: number) {
    this.maxTimestamp = Number.NEGATIVE_INFINITY;
  }
  onEvent(_event: T, timestamp: number): void {
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
  }
  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.maxTimestamp !== Number.NEGATIVE_INFINITY) output.emitWatermark(this.maxTimestamp - this.bound - 1);
  }
}
