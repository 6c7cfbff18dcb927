import { ProgramError } from '@tributary/core';
import { type ReducingStateDescriptor, StateDescriptors } from '../../state/descriptors.js';
import type { ReducingState } from '../../state/state.js';
import type { Window } from '../window.js';
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';

const sum = (a: number, b: number): number => a + b;

/** Fires when the window holds `maxCount` elements, then starts counting again (Flink's CountTrigger). */
export class CountTrigger<W extends Window> implements Trigger<unknown, W> {
  private readonly descriptor: ReducingStateDescriptor<number> = StateDescriptors.reducing('_count-trigger', sum);
  private constructor(private readonly maxCount: number) {}
  static of<W extends Window>(maxCount: number): CountTrigger<W> {
    if (!Number.isInteger(maxCount) || maxCount < 1) {
      throw new ProgramError(`CountTrigger needs a positive integer count, got ${maxCount}`);
    }
    return new CountTrigger<W>(maxCount);
  }
  onElement(_e: unknown, _ts: number, _w: W, ctx: TriggerContext): TriggerResult {
    const count = ctx.getPartitionedState<ReducingState<number>>(this.descriptor);
    count.add(1);
    if (count.get()! >= this.maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }
  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  canMerge(): boolean {
    return true;
  }
  onMerge(_w: W, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.descriptor);
  }
  clear(_w: W, ctx: TriggerContext): void {
    ctx.getPartitionedState<ReducingState<number>>(this.descriptor).clear();
  }
  toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}
