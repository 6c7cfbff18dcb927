import { TributaryError } from '@tributary/core';
import type { Namespace } from '../../state/state.js';
import { NO_TIMESTAMP } from '../../time/watermark.js';
import type { Trigger } from '../triggers/trigger.js';
import type { Window } from '../window.js';

export interface WindowAssignerContext {
  getCurrentProcessingTime(): number;
}

/**
 * Puts each element into zero or more windows (Flink's WindowAssigner). Besides Flink's methods an assigner maps
 * its windows to state namespaces and back, so that window state and timers are keyed by a cheap number or
 * string, and a timer's namespace gives back its window.
 */
export interface WindowAssigner<T, W extends Window> {
  /** The returned array may be shared and must not be modified. */
  assignWindows(element: T, timestamp: number, ctx: WindowAssignerContext): readonly W[];
  getDefaultTrigger(): Trigger<T, W>;
  isEventTime(): boolean;
  /** Unique among the live windows of one key. */
  namespaceOf(window: W): Namespace;
  windowOf(namespace: Namespace): W;
  /** Present on merging assigners (sessions): calls back once per group of windows to merge into one. */
  mergeWindows?(windows: readonly W[], callback: (toBeMerged: W[], mergeResult: W) => void): void;
  toString(): string;
}

export function isMergingAssigner<T, W extends Window>(a: WindowAssigner<T, W>): boolean {
  return typeof a.mergeWindows === 'function';
}

/** Event-time assigners need a timestamp on every record. */
export function requireTimestamp(timestamp: number, assigner: string): void {
  if (timestamp === NO_TIMESTAMP) {
    throw new TributaryError(
      'NO_TIMESTAMP',
      `${assigner} got a record without a timestamp. Assign event timestamps with a WatermarkStrategy ` +
        '(withTimestampAssigner) on the source or assignTimestampsAndWatermarks(...), or use processing-time windows.',
    );
  }
}
