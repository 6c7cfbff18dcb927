import type { Window } from '../window.js';
import { isFire, type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';

/** Turns every FIRE of the nested trigger into FIRE_AND_PURGE (Flink's PurgingTrigger). */
export class PurgingTrigger<T, W extends Window> implements Trigger<T, W> {
  private constructor(private readonly nested: Trigger<T, W>) {}
  static of<T, W extends Window>(nested: Trigger<T, W>): PurgingTrigger<T, W> {
    return new PurgingTrigger(nested);
  }
  private purging(r: TriggerResult): TriggerResult {
    return isFire(r) ? TriggerResult.FIRE_AND_PURGE : r;
  }
  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult {
    return this.purging(this.nested.onElement(element, timestamp, window, ctx));
  }
  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return this.purging(this.nested.onEventTime(time, window, ctx));
  }
  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return this.purging(this.nested.onProcessingTime(time, window, ctx));
  }
  canMerge(): boolean {
    return this.nested.canMerge?.() ?? false;
  }
  onMerge(window: W, ctx: OnMergeContext): void {
    this.nested.onMerge?.(window, ctx);
  }
  clear(window: W, ctx: TriggerContext): void {
    this.nested.clear(window, ctx);
  }
  toString(): string {
    return `PurgingTrigger(${this.nested})`;
  }
}
