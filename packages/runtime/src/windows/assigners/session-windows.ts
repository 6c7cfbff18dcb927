import { TributaryError } from '@tributary/core';
import type { Namespace } from '../../state/state.js';
import { EventTimeTrigger } from '../triggers/event-time-trigger.js';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger.js';
import type { Trigger } from '../triggers/trigger.js';
import { requirePositiveMs, TimeWindow } from '../window.js';
import { requireTimestamp, type WindowAssigner, type WindowAssignerContext } from './window-assigner.js';

/** Gap of a session as a function of the element (Flink's SessionWindowTimeGapExtractor). */
export type SessionGapExtractor<T> = (element: T) => number;

/**
 * Session windows: each element opens [t, t + gap); windows of a key that overlap or touch are merged. Sessions
 * have no fixed size, so the namespace is "start:end".
 */
abstract class SessionWindows<T> implements WindowAssigner<T, TimeWindow> {
  protected constructor(
    private readonly gap: number | SessionGapExtractor<T>,
    private readonly kind: string,
  ) {
    if (typeof gap === 'number') requirePositiveMs(`${kind} gap`, gap);
  }
  protected windowsFor(element: T, t: number): readonly TimeWindow[] {
    let gap = this.gap;
    if (typeof gap !== 'number') {
      gap = gap(element);
      if (!(typeof gap === 'number' && gap > 0)) {
        throw new TributaryError(
          'WINDOW_GAP',
          `${this.kind}: the session gap extractor returned ${String(gap)}; it must return a positive number of ms`,
        );
      }
    }
    return [new TimeWindow(t, t + gap)];
  }
  abstract assignWindows(element: T, timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[];
  abstract getDefaultTrigger(): Trigger<T, TimeWindow>;
  abstract isEventTime(): boolean;
  namespaceOf(window: TimeWindow): Namespace {
    return TimeWindow.toKeyString(window);
  }
  windowOf(ns: Namespace): TimeWindow {
    return TimeWindow.fromKeyString(ns);
  }
  mergeWindows(windows: readonly TimeWindow[], callback: (toBeMerged: TimeWindow[], result: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, callback);
  }
  toString(): string {
    return `${this.kind}(${typeof this.gap === 'number' ? this.gap : 'dynamic gap'})`;
  }
}

export class EventTimeSessionWindows<T = unknown> extends SessionWindows<T> {
  private constructor(gap: number | SessionGapExtractor<T>) {
    super(gap, 'EventTimeSessionWindows');
  }
  static withGap<T = unknown>(gapMs: number): EventTimeSessionWindows<T> {
    return new EventTimeSessionWindows<T>(gapMs);
  }
  /** Flink's DynamicEventTimeSessionWindows: the gap is computed per element. */
  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): EventTimeSessionWindows<T> {
    return new EventTimeSessionWindows<T>(extractor);
  }
  assignWindows(element: T, timestamp: number): readonly TimeWindow[] {
    requireTimestamp(timestamp, 'EventTimeSessionWindows');
    return this.windowsFor(element, timestamp);
  }
  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
}

export class ProcessingTimeSessionWindows<T = unknown> extends SessionWindows<T> {
  private constructor(gap: number | SessionGapExtractor<T>) {
    super(gap, 'ProcessingTimeSessionWindows');
  }
  static withGap<T = unknown>(gapMs: number): ProcessingTimeSessionWindows<T> {
    return new ProcessingTimeSessionWindows<T>(gapMs);
  }
  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): ProcessingTimeSessionWindows<T> {
    return new ProcessingTimeSessionWindows<T>(extractor);
  }
  assignWindows(element: T, _ts: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    return this.windowsFor(element, ctx.getCurrentProcessingTime());
  }
  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }
  isEventTime(): boolean {
    return false;
  }
}
