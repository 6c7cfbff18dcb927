import { NO_TIMESTAMP } from '../../time/watermark.js';
import { requirePositiveMs, type Window } from '../window.js';
import { type Evictor, retainWhere, type TimestampedValue } from './evictor.js';

/**
 * Keeps the elements whose timestamp is within `windowSize` ms of the window's latest element
 * (Flink's TimeEvictor: evicts timestamp <= max - windowSize).
 */
export class TimeEvictor<W extends Window = Window> implements Evictor<unknown, W> {
  private constructor(
    private readonly windowSize: number,
    private readonly doEvictAfter: boolean,
  ) {}
  static of<W extends Window = Window>(windowSizeMs: number, doEvictAfter = false): TimeEvictor<W> {
    return new TimeEvictor<W>(requirePositiveMs('TimeEvictor window size', windowSizeMs), doEvictAfter);
  }
  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }
  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }
  private evict(elements: TimestampedValue<unknown>[]): void {
    if (elements.length === 0 || elements[0]!.timestamp === NO_TIMESTAMP) return;
    let max = Number.NEGATIVE_INFINITY;
    for (const e of elements) if (e.timestamp > max) max = e.timestamp;
    const cutoff = max - this.windowSize;
    retainWhere(elements, (e) => e.timestamp > cutoff);
  }
  toString(): string {
    return `TimeEvictor(${this.windowSize})`;
  }
}
