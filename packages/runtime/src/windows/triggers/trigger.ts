import type { StateDescriptor } from '../../state/descriptors.js';
import type { Window } from '../window.js';

/**
 * What a trigger decides (Flink's TriggerResult) as bit flags: bit 1 = fire (evaluate the window function),
 * bit 2 = purge (drop the window's contents). Test with `isFire` / `isPurge`.
 */
export const TriggerResult = {
  CONTINUE: 0,
  FIRE: 1,
  PURGE: 2,
  FIRE_AND_PURGE: 3,
} as const;
export type TriggerResult = (typeof TriggerResult)[keyof typeof TriggerResult];

export function isFire(r: TriggerResult): boolean {
  return (r & 1) !== 0;
}
export function isPurge(r: TriggerResult): boolean {
  return (r & 2) !== 0;
}

/** What a trigger may do: timers and state, all scoped to the current key and window. */
export interface TriggerContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
  registerProcessingTimeTimer(time: number): void;
  registerEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  /**
   * Keyed state of the current key in the current window. The handle is re-scoped on every call, so fetch it
   * inside each trigger method rather than keeping it.
   */
  getPartitionedState<S>(descriptor: StateDescriptor): S;
}

export interface OnMergeContext extends TriggerContext {
  /** Merges this state of the windows being merged into the merged window (needs reducing/aggregating/list). */
  mergePartitionedState(descriptor: StateDescriptor): void;
}

/**
 * Decides when a window is evaluated (Flink's Trigger). Methods run synchronously for the current key; the
 * `window` argument is the window the element or timer belongs to.
 */
export interface Trigger<T, W extends Window> {
  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult;
  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  /** Whether the trigger supports merging windows (sessions); then onMerge must be implemented. */
  canMerge?(): boolean;
  onMerge?(window: W, ctx: OnMergeContext): void;
  /** Drops timers and state this trigger holds for the window (called when the window is purged for good). */
  clear(window: W, ctx: TriggerContext): void;
  toString(): string;
}
