import type { TimeWindow } from '../window.js';
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';

/**
 * Fires once the watermark passes the end of the window (Flink's EventTimeTrigger). An element arriving for a
 * window the watermark already passed (within allowed lateness) fires the window again at once.
 */
export class EventTimeTrigger implements Trigger<unknown, TimeWindow> {
  private static readonly INSTANCE = new EventTimeTrigger();
  static create(): EventTimeTrigger {
    return EventTimeTrigger.INSTANCE;
  }
  private constructor() {}
  onElement(_e: unknown, _ts: number, window: TimeWindow, ctx: TriggerContext): TriggerResult {
    const max = window.maxTimestamp();
    if (max <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(max);
    return TriggerResult.CONTINUE;
  }
  onEventTime(time: number, window: TimeWindow): TriggerResult {
    return time === window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  canMerge(): boolean {
    return true;
  }
  onMerge(window: TimeWindow, ctx: OnMergeContext): void {
    const max = window.maxTimestamp();
    if (max > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(max);
  }
  clear(window: TimeWindow, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }
  toString(): string {
    return 'EventTimeTrigger';
  }
}
