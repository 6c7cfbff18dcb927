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
  domain: TimeDomain = 'EVENT_TIME';
  constructor(
    private readonly out: Output<OUT>,
    private readonly timersProvider: (() => InternalTimerService) | undefined,
    private readonly keyProvider: () => unknown,
    private readonly operatorName: string,
  ) {}

  collect(value: OUT): void {
    this.out.collect(value, this.ts);
  }
  timestamp(): number | undefined {
    return this.ts === NO_TIMESTAMP ? undefined : this.ts;
  }
  timerService(): TimerService {
    return this;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.out.collectSide(tag.id, value, this.ts);
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
    return this.timers().currentProcessingTime();
  }
  currentWatermark(): number {
    return this.timers().currentWatermark;
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
