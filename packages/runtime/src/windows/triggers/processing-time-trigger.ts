import type { TimeWindow } from '../window.js';
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';

/** Fires when processing time reaches the end of the window (Flink's ProcessingTimeTrigger). */
export class ProcessingTimeTrigger implements Trigger<unknown, TimeWindow> {
  private static readonly INSTANCE = new ProcessingTimeTrigger();
  static create(): ProcessingTimeTrigger {
    return ProcessingTimeTrigger.INSTANCE;
  }
  private constructor() {}
  onElement(_e: unknown, _ts: number, window: TimeWindow, ctx: TriggerContext): TriggerResult {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }
  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.FIRE;
  }
  canMerge(): boolean {
    return true;
  }
  onMerge(window: TimeWindow, ctx: OnMergeContext): void {
    const max = window.maxTimestamp();
    if (max > ctx.getCurrentProcessingTime()) ctx.registerProcessingTimeTimer(max);
  }
  clear(window: TimeWindow, ctx: TriggerContext): void {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }
  toString(): string {
    return 'ProcessingTimeTrigger';
  }
}
