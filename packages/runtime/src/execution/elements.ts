/**
 * What travels through a channel: buffers of records (parallel arrays of values and timestamps, so a record costs
 * no allocation of its own) and control events, in order.
 */
export interface DataBuffer {
  readonly kind: 0;
  values: unknown[];
  timestamps: number[];
}

export enum EventKind {
  Data = 0,
  Watermark = 1,
  WatermarkStatus = 2,
  Barrier = 3,
  EndOfPartition = 4,
}

export interface WatermarkEvent {
  readonly kind: EventKind.Watermark;
  readonly timestamp: number;
}

export interface WatermarkStatusEvent {
  readonly kind: EventKind.WatermarkStatus;
  readonly idle: boolean;
}

export interface BarrierEvent {
  readonly kind: EventKind.Barrier;
  readonly checkpointId: number;
  readonly timestamp: number;
  /** Savepoints and checkpoints share barriers; a savepoint may also stop the job. */
  readonly savepoint: boolean;
}

export interface EndOfPartitionEvent {
  readonly kind: EventKind.EndOfPartition;
}

export type ChannelEntry = DataBuffer | WatermarkEvent | WatermarkStatusEvent | BarrierEvent | EndOfPartitionEvent;

export const END_OF_PARTITION: EndOfPartitionEvent = { kind: EventKind.EndOfPartition };

export function newBuffer(capacity = 0): DataBuffer {
  const b: DataBuffer = { kind: 0, values: [], timestamps: [] };
  if (capacity > 0) {
    b.values = new Array(capacity);
    b.values.length = 0;
  }
  return b;
}
