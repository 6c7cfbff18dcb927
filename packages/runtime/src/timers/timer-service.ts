import { denormalizeKey, normalizeKey } from '../keys/key-hash.js';
import type { ProcessingTimeService } from '../operators/operator-context.js';
import type { KeyedStateBackend } from '../state/backend.js';
import type { Namespace } from '../state/state.js';
import { VOID_NAMESPACE } from '../state/state.js';
import { type TimerEntry, TimerQueue } from './timer-queue.js';

export interface Triggerable {
  onEventTime(key: unknown, namespace: Namespace, timestamp: number): void;
  onProcessingTime(key: unknown, namespace: Namespace, timestamp: number): void;
}

/**
 * Event- and processing-time timers of one keyed operator subtask. Timers are scoped to the current key (and a
 * namespace, e.g. a window); firing sets the key before calling the operator.
 */
export class InternalTimerService {
  private readonly eventTimers = new TimerQueue();
  private readonly processingTimers = new TimerQueue();
  private scheduledProcessingTime = Number.POSITIVE_INFINITY;
  private cancelScheduled: (() => void) | undefined;
  currentWatermark = Number.NEGATIVE_INFINITY;
  /** In batch mode processing time does not advance; processing-time timers fire at end of input. */
  private readonly batchMode: boolean;

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly target: Triggerable,
    private readonly processingTime: ProcessingTimeService,
    batchMode: boolean,
  ) {
    this.batchMode = batchMode;
  }

  currentProcessingTime(): number {
    return this.processingTime.now();
  }

  registerEventTimeTimer(timestamp: number, namespace: Namespace = VOID_NAMESPACE): void {
    this.eventTimers.register(timestamp, normalizeKey(this.backend.getCurrentKey()), namespace);
  }

  deleteEventTimeTimer(timestamp: number, namespace: Namespace = VOID_NAMESPACE): void {
    this.eventTimers.delete(timestamp, normalizeKey(this.backend.getCurrentKey()), namespace);
  }

  registerProcessingTimeTimer(timestamp: number, namespace: Namespace = VOID_NAMESPACE): void {
    if (this.processingTimers.register(timestamp, normalizeKey(this.backend.getCurrentKey()), namespace)) {
      this.scheduleNext();
    }
  }

  deleteProcessingTimeTimer(timestamp: number, namespace: Namespace = VOID_NAMESPACE): void {
    this.processingTimers.delete(timestamp, normalizeKey(this.backend.getCurrentKey()), namespace);
  }

  /** Fires every event-time timer <= watermark, in timestamp order. */
  advanceWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    for (;;) {
      const due = this.eventTimers.pollDue(watermark);
      if (due === undefined) return;
      for (const [norm, ns] of due.timers) {
        this.backend.setCurrentKey(denorm(norm));
        this.target.onEventTime(this.backend.getCurrentKey(), ns, due.timestamp);
      }
    }
  }

  /** Fires processing-time timers up to `time` (all of them at end of input in batch mode). */
  fireProcessingTimers(time: number): void {
    for (;;) {
      const due = this.processingTimers.pollDue(time);
      if (due === undefined) break;
      for (const [norm, ns] of due.timers) {
        this.backend.setCurrentKey(denorm(norm));
        this.target.onProcessingTime(this.backend.getCurrentKey(), ns, due.timestamp);
      }
    }
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (this.batchMode) return;
    const next = this.processingTimers.peekTime();
    if (next === undefined || next >= this.scheduledProcessingTime) return;
    this.cancelScheduled?.();
    this.scheduledProcessingTime = next;
    this.cancelScheduled = this.processingTime.registerTimer(next, (t) => {
      this.scheduledProcessingTime = Number.POSITIVE_INFINITY;
      this.cancelScheduled = undefined;
      this.fireProcessingTimers(t);
    });
  }

  numEventTimers(): number {
    return this.eventTimers.size;
  }

  numProcessingTimers(): number {
    return this.processingTimers.size;
  }

  snapshot(): { eventTimers: TimerEntry[]; processingTimers: TimerEntry[] } {
    return { eventTimers: this.eventTimers.snapshot(), processingTimers: this.processingTimers.snapshot() };
  }

  restore(
    eventTimers: readonly TimerEntry[],
    processingTimers: readonly TimerEntry[],
    keyInRange: (k: unknown) => boolean,
  ): void {
    this.eventTimers.restore(eventTimers.filter((t) => keyInRange(t.key)));
    this.processingTimers.restore(processingTimers.filter((t) => keyInRange(t.key)));
    this.scheduleNext();
  }

  dispose(): void {
    this.cancelScheduled?.();
  }
}

function denorm(norm: unknown): unknown {
  return denormalizeKey(norm);
}
