import { ProgramError } from '@tributary/core';
import type { Window } from '../window.js';
import type { Evictor, TimestampedValue } from './evictor.js';

/** Keeps at most `maxCount` elements: the latest ones (Flink's CountEvictor). */
export class CountEvictor<W extends Window = Window> implements Evictor<unknown, W> {
  private constructor(
    private readonly maxCount: number,
    private readonly doEvictAfter: boolean,
  ) {}
  /** `doEvictAfter`: evict after the window function instead of before it. */
  static of<W extends Window = Window>(maxCount: number, doEvictAfter = false): CountEvictor<W> {
    if (!Number.isInteger(maxCount) || maxCount < 0) {
      throw new ProgramError(`CountEvictor needs a non-negative integer count, got ${maxCount}`);
    }
    return new CountEvictor<W>(maxCount, doEvictAfter);
  }
  evictBefore(elements: TimestampedValue<unknown>[], size: number): void {
    if (!this.doEvictAfter) this.evict(elements, size);
  }
  evictAfter(elements: TimestampedValue<unknown>[], size: number): void {
    if (this.doEvictAfter) this.evict(elements, size);
  }
  private evict(elements: TimestampedValue<unknown>[], size: number): void {
    if (size <= this.maxCount) return;
    elements.splice(0, size - this.maxCount);
  }
  toString(): string {
    return `CountEvictor(${this.maxCount})`;
  }
}
