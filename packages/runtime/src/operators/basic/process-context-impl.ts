import { ProgramError } from '@tributary/core';
import type { OnTimerContext, TimeDomain, TimerService } from '../../functions/process-function.js';
import { VOID_NAMESPACE } from '../../state/state.js';
import { NO_TIMESTAMP } from '../../time/watermark.js';
import type { InternalTimerService } from '../../timers/timer-service.js';
import type { Collector, Output, OutputTag } from '../output.js';

/**
 * One reusable context + collector per operator: the operator sets the current timestamp before each call, so no
 * object is allocated per record.
 */
export class ProcessContextImpl<K, OUT> implements OnTimerContext<K>, Collector<OUT>, TimerService {
  ts = NO_TIMESTAMP;
  /** Timestamp given to emitted records: none for processing-time timers (Flink erases it there). */
  outTs = NO_TIMESTAMP;
  domain: TimeDomain = 'EVENT_TIME';
  constructor(
    private readonly out: Output<OUT>,
    private readonly timersProvider: (() => InternalTimerService) | undefined,
    private readonly keyProvider: () => unknown,
    private readonly operatorName: string,
    /** Time queries work on non-keyed streams too; only registering timers needs a key. */
    private readonly clockNow: () => number = () => Date.now(),
    private readonly watermarkNow: () => number = () => Number.NEGATIVE_INFINITY,
  ) {}

  /** Sets the context for a record or event-time timer (timestamp in and out) or a processing-time timer. */
  set(timestamp: number, domain: TimeDomain): void {
    this.ts = timestamp;
    this.domain = domain;
    this.outTs = domain === 'PROCESSING_TIME' ? NO_TIMESTAMP : timestamp;
  }

  collect(value: OUT): void {
    this.out.collect(value, this.outTs);
  }
  timestamp(): number | undefined {
    return this.ts === NO_TIMESTAMP ? undefined : this.ts;
  }
  timerService(): TimerService {
    return this;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.out.collectSide(tag.id, value, this.outTs);
  }
  getCurrentKey(): K {
    return this.keyProvider() as K;
  }
  timeDomain(): TimeDomain {
    return this.domain;
  }
  private timers(): InternalTimerService {
    if (!this.timersProvider) {
      throw new ProgramError(
        `Setting timers is only supported on keyed streams (operator '${this.operatorName}'): call keyBy(...) first.`,
      );
    }
    return this.timersProvider();
  }
  currentProcessingTime(): number {
    return this.clockNow();
  }
  currentWatermark(): number {
    return this.watermarkNow();
  }
  registerEventTimeTimer(time: number): void {
    this.timers().registerEventTimeTimer(time, VOID_NAMESPACE);
  }
  registerProcessingTimeTimer(time: number): void {
    this.timers().registerProcessingTimeTimer(time, VOID_NAMESPACE);
  }
  deleteEventTimeTimer(time: number): void {
    this.timers().deleteEventTimeTimer(time, VOID_NAMESPACE);
  }
  deleteProcessingTimeTimer(time: number): void {
    this.timers().deleteProcessingTimeTimer(time, VOID_NAMESPACE);
  }
}
