import { ProgramError } from '@tributary/core';
import type { Namespace } from '../../state/state.js';
import { EventTimeTrigger } from '../triggers/event-time-trigger.js';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger.js';
import type { Trigger } from '../triggers/trigger.js';
import { requirePositiveMs, TimeWindow, WindowArrayCache } from '../window.js';
import { requireTimestamp, type WindowAssigner, type WindowAssignerContext } from './window-assigner.js';

/**
 * Fixed-size, non-overlapping windows [start, start + size) with start = ts - ((ts - offset) mod size). A window's
 * namespace is its end (unique because all windows have the same size).
 */
abstract class TumblingWindows implements WindowAssigner<unknown, TimeWindow> {
  private readonly cache = new WindowArrayCache();
  protected constructor(
    readonly size: number,
    readonly offset: number,
    private readonly kind: string,
  ) {
    requirePositiveMs(`${kind} size`, size);
    if (!(Math.abs(offset) < size)) {
      throw new ProgramError(`${kind} parameters must satisfy abs(offset) < size (size ${size}, offset ${offset})`);
    }
  }
  protected windowsFor(t: number): readonly TimeWindow[] {
    const start = TimeWindow.getWindowStartWithOffset(t, this.offset, this.size);
    return this.cache.get(start) ?? this.cache.set(start, [new TimeWindow(start, start + this.size)]);
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
    return `${this.kind}(${this.size}${this.offset ? `, ${this.offset}` : ''})`;
  }
}

export class TumblingEventTimeWindows extends TumblingWindows {
  private constructor(size: number, offset: number) {
    super(size, offset, 'TumblingEventTimeWindows');
  }
  /** Windows of `sizeMs`, shifted by `offsetMs` (e.g. -8h for days in UTC+8). */
  static of(sizeMs: number, offsetMs = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows(sizeMs, offsetMs);
  }
  assignWindows(_e: unknown, timestamp: number): readonly TimeWindow[] {
    requireTimestamp(timestamp, 'TumblingEventTimeWindows');
    return this.windowsFor(timestamp);
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
}

export class TumblingProcessingTimeWindows extends TumblingWindows {
  private constructor(size: number, offset: number) {
    super(size, offset, 'TumblingProcessingTimeWindows');
  }
  static of(sizeMs: number, offsetMs = 0): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows(sizeMs, offsetMs);
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
