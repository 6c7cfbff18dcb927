import { ProgramError, UserFunctionError } from '@tributary/core';
import { NO_TIMESTAMP } from '../../time/watermark.js';
import type { OperatorSnapshot } from '../operator-snapshot.js';
import { OneInputOperator } from '../stream-operator.js';
import {
  type AsyncFunction,
  type AsyncOutputMode,
  AsyncTimeoutError,
  type AsyncWaitOptions,
  type ResultFuture,
} from './async-function.js';
import {
  AsyncEntry,
  type BufferedElement,
  type ElementQueue,
  type EntryOwner,
  OrderedQueue,
  type QueueSink,
  UnorderedQueue,
} from './element-queue.js';

const STATE_NAME = '_async_wait_buffer';

/**
 * Flink's AsyncWaitOperator. Each element starts an async call; at most `capacity` calls run at once. Results
 * are emitted from a microtask after completions (never inside the task's synchronous step, which cannot be
 * interrupted), then `requestRun()` lets the task flush the output and resume input. While `capacity` elements
 * are waiting to be emitted the operator reports `isInputBlocked()`, which the task checks before delivering
 * more input: that is how a slow service back-pressures the pipeline. One delivered buffer may overshoot the
 * capacity; the overshoot waits un-issued, so calls in flight never exceed it.
 *
 * Elements not yet emitted are part of the checkpoint (operator list state) and are issued again on restore;
 * finish() waits for all of them.
 */
export class AsyncWaitOperator<IN, OUT> extends OneInputOperator<IN, OUT> implements EntryOwner, QueueSink {
  private readonly queue: ElementQueue;
  private readonly capacity: number;
  private readonly timeoutMs: number;
  private readonly futureStyle: boolean;
  /** Added but not yet issued (capacity was reached), in input order. */
  private waiting: AsyncEntry<IN, OUT>[] = [];
  private waitingHead = 0;
  private inFlight = 0;
  /** Elements added and not yet emitted. */
  private size = 0;
  private drainScheduled = false;
  private stopped = false;
  private finishWaiter: (() => void) | undefined;
  private readonly drainTask = () => {
    this.drainScheduled = false;
    this.drain();
  };

  constructor(
    private readonly fn: AsyncFunction<IN, OUT>,
    mode: AsyncOutputMode,
    private readonly options: AsyncWaitOptions<IN, OUT> = {},
  ) {
    super();
    if (typeof fn !== 'function') throw new ProgramError('AsyncDataStream needs an async function');
    const capacity = options.capacity ?? 100;
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new ProgramError(`AsyncDataStream capacity must be a positive integer, got ${options.capacity}`);
    }
    const timeout = options.timeoutMs ?? 0;
    if (!(timeout >= 0)) throw new ProgramError(`AsyncDataStream timeoutMs must be >= 0, got ${options.timeoutMs}`);
    this.capacity = capacity;
    this.timeoutMs = timeout;
    this.futureStyle = fn.length >= 2;
    this.queue = mode === 'ordered' ? new OrderedQueue() : new UnorderedQueue();
  }

  /** Hook checked by StreamTask before it delivers input: true while the operator is full. */
  isInputBlocked(): boolean {
    return this.size >= this.capacity;
  }

  /** Calls running right now (for metrics and tests). */
  get inFlightCount(): number {
    return this.inFlight;
  }

  override open(): void {
    const state = this.ctx.operatorState.getListState<BufferedElement>(STATE_NAME);
    const restored = state.get();
    state.clear();
    for (const x of restored) {
      if ('w' in x) this.processWatermark(x.w);
      else this.processElement(x.v as IN, x.t ?? NO_TIMESTAMP);
    }
  }

  processElement(value: IN, timestamp: number): void {
    const entry = new AsyncEntry<IN, OUT>(value, timestamp, this);
    this.queue.add(entry as AsyncEntry<unknown, unknown>);
    this.size++;
    if (this.inFlight < this.capacity && this.waitingHead === this.waiting.length) this.issue(entry);
    else this.waiting.push(entry);
  }

  override processWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    this.ctx.metrics.currentInputWatermark = watermark;
    if (this.queue.isEmpty()) this.watermark(watermark);
    else this.queue.addWatermark(watermark);
  }

  private issue(entry: AsyncEntry<IN, OUT>): void {
    this.inFlight++;
    if (this.timeoutMs > 0) {
      const pt = this.ctx.processingTime;
      entry.cancelTimer = pt.registerTimer(pt.now() + this.timeoutMs, () => this.onTimeout(entry));
    }
    try {
      if (this.futureStyle) {
        (this.fn as (v: IN, f: ResultFuture<OUT>) => void)(entry.value, entry);
      } else {
        const r = (this.fn as (v: IN) => unknown)(entry.value);
        if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') {
          (r as PromiseLike<OUT | OUT[]>).then(
            (x) => entry.complete(Array.isArray(x) ? x : [x]),
            (e) => entry.completeExceptionally(e),
          );
        } else entry.complete(Array.isArray(r) ? (r as OUT[]) : [r as OUT]);
      }
    } catch (e) {
      entry.completeExceptionally(e);
    }
  }

  private onTimeout(entry: AsyncEntry<IN, OUT>): void {
    entry.cancelTimer = undefined;
    if (entry.done || this.stopped) return;
    const handler = this.options.timeout;
    if (handler === undefined) {
      entry.completeExceptionally(new AsyncTimeoutError(this.ctx.operatorName, this.timeoutMs));
      return;
    }
    this.ctx.metrics.counters['asyncTimeouts'] = (this.ctx.metrics.counters['asyncTimeouts'] ?? 0) + 1;
    try {
      handler(entry.value, entry);
    } catch (e) {
      entry.completeExceptionally(e);
    }
  }

  onComplete(entry: AsyncEntry<unknown, unknown>): void {
    entry.cancelTimer?.();
    entry.cancelTimer = undefined;
    this.inFlight--;
    this.queue.markDone(entry);
    this.scheduleDrain();
  }

  onFailure(entry: AsyncEntry<unknown, unknown>, error: unknown): void {
    entry.cancelTimer?.();
    this.inFlight--;
    this.failWith(error);
  }

  private failWith(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    const ctx = this.ctx;
    ctx.fail(
      error instanceof UserFunctionError
        ? error
        : new UserFunctionError(ctx.operatorName, ctx.subtaskIndex, ctx.parallelism, error),
    );
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.stopped) return;
    this.drainScheduled = true;
    queueMicrotask(this.drainTask);
  }

  /** Emits what may be emitted, issues waiting elements into freed capacity, wakes the task. */
  private drain(): void {
    if (this.stopped) return;
    try {
      this.size -= this.queue.emitCompleted(this);
    } catch (e) {
      this.failWith(e);
      return;
    }
    const waiting = this.waiting;
    while (this.inFlight < this.capacity && this.waitingHead < waiting.length) {
      const e = waiting[this.waitingHead]!;
      waiting[this.waitingHead++] = undefined as unknown as AsyncEntry<IN, OUT>;
      this.issue(e);
    }
    if (this.waitingHead === waiting.length) {
      this.waiting = [];
      this.waitingHead = 0;
    }
    if (this.queue.isEmpty() && this.finishWaiter !== undefined) {
      const w = this.finishWaiter;
      this.finishWaiter = undefined;
      w();
    }
    // The task flushes what was emitted and re-checks isInputBlocked().
    this.ctx.requestRun();
  }

  /** QueueSink: emits an element's results with the element's timestamp. */
  record(entry: AsyncEntry<unknown, unknown>): void {
    const results = entry.results as OUT[];
    for (let i = 0; i < results.length; i++) this.output.collect(results[i]!, entry.timestamp);
  }

  /** QueueSink: forwards a watermark. */
  watermark(watermark: number): void {
    this.ctx.metrics.currentOutputWatermark = watermark;
    this.output.emitWatermark(watermark);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot {
    this.ctx.operatorState.getListState<BufferedElement>(STATE_NAME).update(this.queue.snapshot());
    return super.snapshotState(checkpointId);
  }

  override async finish(): Promise<void> {
    if (!this.queue.isEmpty()) {
      await new Promise<void>((resolve) => {
        this.finishWaiter = resolve;
        this.scheduleDrain();
      });
    }
    await super.finish();
  }

  override close(): void {
    this.stopped = true;
    super.close();
  }
}
