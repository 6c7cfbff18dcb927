import type { Window } from '../window.js';
import { type Evictor, retainWhere, type TimestampedValue } from './evictor.js';

/** Distance between two elements (Flink's DeltaFunction). */
export type DeltaFunction<T> = (oldPoint: T, newPoint: T) => number;

/** Evicts the elements whose delta to the window's last element is >= threshold (Flink's DeltaEvictor). */
export class DeltaEvictor<T, W extends Window = Window> implements Evictor<T, W> {
  private constructor(
    private readonly threshold: number,
    private readonly delta: DeltaFunction<T>,
    private readonly doEvictAfter: boolean,
  ) {}
  static of<T, W extends Window = Window>(
    threshold: number,
    delta: DeltaFunction<T>,
    doEvictAfter = false,
  ): DeltaEvictor<T, W> {
    return new DeltaEvictor<T, W>(threshold, delta, doEvictAfter);
  }
  evictBefore(elements: TimestampedValue<T>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }
  evictAfter(elements: TimestampedValue<T>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }
  private evict(elements: TimestampedValue<T>[]): void {
    const last = elements[elements.length - 1];
    if (last === undefined) return;
    retainWhere(elements, (e) => this.delta(e.value, last.value) < this.threshold);
  }
  toString(): string {
    return `DeltaEvictor(${this.threshold})`;
  }
}
