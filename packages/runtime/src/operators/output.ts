/** Where an operator sends what it produces. Timestamp NO_TIMESTAMP means "none". */
export interface Output<T> {
  collect(value: T, timestamp: number): void;
  /** Side output by tag id; dropped when nobody consumes the tag (as in Flink). */
  collectSide(tagId: string, value: unknown, timestamp: number): void;
  emitWatermark(watermark: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

/** A typed tag naming a side output. */
export class OutputTag<T> {
  declare readonly __type?: T;
  constructor(readonly id: string) {
    if (!id) throw new Error('OutputTag id must be a non-empty string');
  }
}

/** What user functions emit into. */
export interface Collector<T> {
  collect(value: T): void;
}
