import { ProgramError, TributaryError } from '@tributary/core';
import type { Lifecycle } from '../functions/rich-function.js';
import { createRuntimeContext } from '../functions/runtime-context.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import type { Collector, OutputTag } from '../operators/output.js';
import { TwoInputOperator } from '../operators/stream-operator.js';
import { type MapStateDescriptor, StateDescriptors } from '../state/descriptors.js';
import type { MapState, Namespace } from '../state/state.js';
import { NO_TIMESTAMP } from '../time/watermark.js';
import type { InternalTimerService } from '../timers/timer-service.js';

export interface ProcessJoinContext {
  getLeftTimestamp(): number;
  getRightTimestamp(): number;
  /** Timestamp of the joined record: the larger of the two. */
  getTimestamp(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Called for every joined pair of an interval join (Flink's ProcessJoinFunction). */
export type ProcessJoinFunction<A, B, O> =
  | ((left: A, right: B, ctx: ProcessJoinContext, out: Collector<O>) => void)
  | (Lifecycle & { processElement(left: A, right: B, ctx: ProcessJoinContext, out: Collector<O>): void });

export interface IntervalJoinSpec<A, B, O> {
  /** Relative to the left element's timestamp, inclusive (exclusive bounds are already shifted by 1). */
  readonly lowerBound: number;
  readonly upperBound: number;
  readonly fn: ProcessJoinFunction<A, B, O>;
  readonly leftLateTag: string | undefined;
  readonly rightLateTag: string | undefined;
}

const LEFT: Namespace = 'left';
const RIGHT: Namespace = 'right';

/**
 * Flink's IntervalJoinOperator: joins a left element at time t with every right element of the same key in
 * [t + lowerBound, t + upperBound]. Both sides are buffered per key by timestamp; a buffer entry is dropped by an
 * event-time timer once the watermark shows no future element of the other side can match it. Elements behind
 * the watermark are late: dropped (counted) or sent to a side output.
 */
export class IntervalJoinOperator<A, B, O> extends TwoInputOperator<A, B, O> {
  private readonly lower: number;
  private readonly upper: number;
  private readonly call: (left: A, right: B, ctx: ProcessJoinContext, out: Collector<O>) => void;
  private readonly lifecycle: Lifecycle | undefined;
  private leftBuffer!: MapState<number, A[]>;
  private rightBuffer!: MapState<number, B[]>;
  private timerSvc!: InternalTimerService;
  private leftTs = NO_TIMESTAMP;
  private rightTs = NO_TIMESTAMP;
  private resultTs = NO_TIMESTAMP;
  private readonly jctx: ProcessJoinContext & Collector<O>;

  constructor(private readonly spec: IntervalJoinSpec<A, B, O>) {
    super();
    if (!(spec.lowerBound <= spec.upperBound)) {
      throw new ProgramError(
        `Interval join: lowerBound (${spec.lowerBound}) must be <= upperBound (${spec.upperBound}) after applying exclusiveness`,
      );
    }
    this.lower = spec.lowerBound;
    this.upper = spec.upperBound;
    const fn = spec.fn;
    this.call = typeof fn === 'function' ? fn : fn.processElement.bind(fn);
    this.lifecycle = typeof fn === 'function' ? undefined : fn;
    this.jctx = {
      getLeftTimestamp: () => this.leftTs,
      getRightTimestamp: () => this.rightTs,
      getTimestamp: () => this.resultTs,
      output: (tag, value) => this.output.collectSide(tag.id, value, this.resultTs),
      collect: (value) => this.output.collect(value, this.resultTs),
    };
  }

  override async open(): Promise<void> {
    this.timerSvc = this.timers();
    const backend = this.ctx.keyedBackend!;
    this.leftBuffer = backend.getOrCreateState(StateDescriptors.map('_left-buffer') as MapStateDescriptor<number, A[]>);
    this.rightBuffer = backend.getOrCreateState(
      StateDescriptors.map('_right-buffer') as MapStateDescriptor<number, B[]>,
    );
    await this.lifecycle?.open?.(createRuntimeContext(this.ctx));
  }

  processElement1(value: A, timestamp: number): void {
    if (this.checkLate(value, timestamp, this.spec.leftLateTag)) return;
    addToBuffer(this.leftBuffer, value, timestamp);
    const lo = timestamp + this.lower;
    const hi = timestamp + this.upper;
    for (const [ts, bucket] of this.rightBuffer.entries()) {
      if (ts < lo || ts > hi) continue;
      for (const right of bucket) this.emit(value, right, timestamp, ts);
    }
    // The last right element that can match arrives at or before timestamp + upper.
    const cleanup = this.upper > 0 ? timestamp + this.upper : timestamp;
    this.timerSvc.registerEventTimeTimer(cleanup, LEFT);
  }

  processElement2(value: B, timestamp: number): void {
    if (this.checkLate(value, timestamp, this.spec.rightLateTag)) return;
    addToBuffer(this.rightBuffer, value, timestamp);
    // A right element at t matches left elements in [t - upper, t - lower].
    const lo = timestamp - this.upper;
    const hi = timestamp - this.lower;
    for (const [ts, bucket] of this.leftBuffer.entries()) {
      if (ts < lo || ts > hi) continue;
      for (const left of bucket) this.emit(left, value, ts, timestamp);
    }
    const cleanup = -this.lower > 0 ? timestamp - this.lower : timestamp;
    this.timerSvc.registerEventTimeTimer(cleanup, RIGHT);
  }

  private checkLate(value: unknown, timestamp: number, tag: string | undefined): boolean {
    if (timestamp === NO_TIMESTAMP) {
      throw new TributaryError(
        'NO_TIMESTAMP',
        `Interval join (operator '${this.ctx.operatorName}') got a record without a timestamp; both inputs need ` +
          'event timestamps (WatermarkStrategy.withTimestampAssigner).',
      );
    }
    if (timestamp >= this.currentWatermark) return false;
    if (tag !== undefined) this.output.collectSide(tag, value, timestamp);
    else this.ctx.metrics.lateRecordsDropped++;
    return true;
  }

  private emit(left: A, right: B, leftTs: number, rightTs: number): void {
    this.leftTs = leftTs;
    this.rightTs = rightTs;
    this.resultTs = Math.max(leftTs, rightTs);
    this.call(left, right, this.jctx, this.jctx);
  }

  override onEventTime(_key: unknown, ns: Namespace, time: number): void {
    if (ns === LEFT) {
      this.leftBuffer.remove(this.upper <= 0 ? time : time - this.upper);
    } else {
      this.rightBuffer.remove(this.lower <= 0 ? time + this.lower : time);
    }
  }

  override snapshotState(checkpointId: number): OperatorSnapshot {
    this.lifecycle?.snapshotState?.(checkpointId);
    return super.snapshotState(checkpointId);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.lifecycle?.close?.();
  }
}

function addToBuffer<T>(buffer: MapState<number, T[]>, value: T, timestamp: number): void {
  const bucket = buffer.get(timestamp);
  if (bucket === undefined) buffer.put(timestamp, [value]);
  else {
    bucket.push(value);
    buffer.put(timestamp, bucket);
  }
}
