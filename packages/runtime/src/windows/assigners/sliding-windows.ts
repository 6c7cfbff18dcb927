import { ProgramError } from '@tributary/core';
import type { Namespace } from '../../state/state.js';
import { EventTimeTrigger } from '../triggers/event-time-trigger.js';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger.js';
import type { Trigger } from '../triggers/trigger.js';
import { requirePositiveMs, TimeWindow, WindowArrayCache } from '../window.js';
import { requireTimestamp, type WindowAssigner, type WindowAssignerContext } from './window-assigner.js';

/**
 * Windows of `size` starting every `slide` ms, so an element belongs to about size/slide windows (latest start
 * first, as Flink orders them). Elements of the same slide-aligned pane share one cached array of windows.
 */
abstract class SlidingWindows implements WindowAssigner<unknown, TimeWindow> {
  private readonly cache = new WindowArrayCache();
  protected constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
    private readonly kind: string,
  ) {
    requirePositiveMs(`${kind} size`, size);
    requirePositiveMs(`${kind} slide`, slide);
    if (!(Math.abs(offset) < slide)) {
      throw new ProgramError(
        `${kind} parameters must satisfy abs(offset) < slide and size > 0 (size ${size}, slide ${slide}, offset ${offset})`,
      );
    }
  }
  protected windowsFor(t: number): readonly TimeWindow[] {
    const lastStart = TimeWindow.getWindowStartWithOffset(t, this.offset, this.slide);
    const cached = this.cache.get(lastStart);
    if (cached !== undefined) return cached;
    const windows: TimeWindow[] = [];
    for (let start = lastStart; start > t - this.size; start -= this.slide) {
      windows.push(new TimeWindow(start, start + this.size));
    }
    // Every timestamp of the pane [lastStart, lastStart + slide) gets the same windows only if the size is a
    // multiple of the slide; otherwise the set depends on t and is not cached.
    return this.size % this.slide === 0 ? this.cache.set(lastStart, windows) : windows;
  }
  abstract assignWindows(element: unknown, timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[];
  abstract getDefaultTrigger(): Trigger<unknown, TimeWindow>;
  abstract isEventTime(): boolean;
  namespaceOf(window: TimeWindow): Namespace {
    return window.end;
  }
  windowOf(ns: Namespace): TimeWindow {
    const end = ns as number;
    return new TimeWindow(end - this.size, end);
  }
  toString(): string {
    return `${this.kind}(${this.size}, ${this.slide}${this.offset ? `, ${this.offset}` : ''})`;
  }
}

export class SlidingEventTimeWindows extends SlidingWindows {
  private constructor(size: number, slide: number, offset: number) {
    super(size, slide, offset, 'SlidingEventTimeWindows');
  }
  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows(sizeMs, slideMs, offsetMs);
  }
  assignWindows(_e: unknown, timestamp: number): readonly TimeWindow[] {
    requireTimestamp(timestamp, 'SlidingEventTimeWindows');
    return this.windowsFor(timestamp);
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
}

export class SlidingProcessingTimeWindows extends SlidingWindows {
  private constructor(size: number, slide: number, offset: number) {
    super(size, slide, offset, 'SlidingProcessingTimeWindows');
  }
  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows(sizeMs, slideMs, offsetMs);
  }
  assignWindows(_e: unknown, _ts: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    return this.windowsFor(ctx.getCurrentProcessingTime());
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }
  isEventTime(): boolean {
    return false;
  }
}
