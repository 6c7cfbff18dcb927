import { type ReducingStateDescriptor, StateDescriptors } from '../../state/descriptors.js';
import type { ReducingState } from '../../state/state.js';
import { requirePositiveMs, type TimeWindow } from '../window.js';
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';

const min = (a: number, b: number): number => Math.min(a, b);

/**
 * Fires every `interval` ms of event time while the window is open, and at its end (Flink's
 * ContinuousEventTimeTrigger). The next early firing is kept in trigger state.
 */
export class ContinuousEventTimeTrigger implements Trigger<unknown, TimeWindow> {
  private readonly descriptor: ReducingStateDescriptor<number> = StateDescriptors.reducing('_fire-time', min);
  private constructor(private readonly interval: number) {}
  static of(intervalMs: number): ContinuousEventTimeTrigger {
    return new ContinuousEventTimeTrigger(requirePositiveMs('ContinuousEventTimeTrigger interval', intervalMs));
  }
  onElement(_e: unknown, timestamp: number, window: TimeWindow, ctx: TriggerContext): TriggerResult {
    const max = window.maxTimestamp();
    if (max <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(max);
    const fireTime = ctx.getPartitionedState<ReducingState<number>>(this.descriptor);
    if (fireTime.get() === undefined) this.registerNext(timestamp - (timestamp % this.interval), window, ctx);
    return TriggerResult.CONTINUE;
  }
  onEventTime(time: number, window: TimeWindow, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    const fireTime = ctx.getPartitionedState<ReducingState<number>>(this.descriptor);
    if (fireTime.get() === time) {
      fireTime.clear();
      this.registerNext(time, window, ctx);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  canMerge(): boolean {
    return true;
  }
  onMerge(_w: TimeWindow, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.descriptor);
    const next = ctx.getPartitionedState<ReducingState<number>>(this.descriptor).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
  }
  clear(_w: TimeWindow, ctx: TriggerContext): void {
    const fireTime = ctx.getPartitionedState<ReducingState<number>>(this.descriptor);
    const t = fireTime.get();
    if (t !== undefined) {
      ctx.deleteEventTimeTimer(t);
      fireTime.clear();
    }
  }
  private registerNext(time: number, window: TimeWindow, ctx: TriggerContext): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    ctx.getPartitionedState<ReducingState<number>>(this.descriptor).add(next);
    ctx.registerEventTimeTimer(next);
  }
  toString(): string {
    return `ContinuousEventTimeTrigger(${this.interval})`;
  }
}
