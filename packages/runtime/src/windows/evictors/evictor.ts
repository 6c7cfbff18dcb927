import type { Window } from '../window.js';

/** An element of a window with evictor, as kept in window state. */
export interface TimestampedValue<T> {
  readonly value: T;
  /** NO_TIMESTAMP (-Infinity) when the record had none. */
  readonly timestamp: number;
}

export interface EvictorContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
}

/**
 * Removes elements from a window before and/or after the window function runs (Flink's Evictor). `elements` is
 * the window's contents in arrival order; an evictor removes entries from it in place (e.g. with splice).
 * What remains is kept as the window's contents.
 */
export interface Evictor<T, W extends Window> {
  evictBefore(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
  evictAfter(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
  toString(): string;
}

/** Keeps the entries for which `keep` is true, in order, without allocating a new array. */
export function retainWhere<T>(elements: TimestampedValue<T>[], keep: (e: TimestampedValue<T>) => boolean): void {
  let j = 0;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    if (keep(e)) elements[j++] = e;
  }
  elements.length = j;
}
