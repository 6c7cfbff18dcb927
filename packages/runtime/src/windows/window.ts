import { ProgramError } from '@tributary/core';

/** A finite or infinite group of elements; `maxTimestamp()` is the largest timestamp that still belongs to it. */
export interface Window {
  maxTimestamp(): number;
}

/**
 * Flink's TimeWindow: the interval [start, end). Immutable, so one object may be shared by every key (and cached
 * by assigners) without copying.
 */
export class TimeWindow implements Window {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  maxTimestamp(): number {
    return this.end - 1;
  }

  /** Whether the windows overlap or touch (Flink merges [0, 5) and [5, 10) into one session). */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  equals(other: unknown): boolean {
    return other instanceof TimeWindow && other.start === this.start && other.end === this.end;
  }

  toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /**
   * Start of the window of `size` (shifted by `offset`) that contains `timestamp`. Written so that negative
   * timestamps land in the window below them (JavaScript's % keeps the sign of the dividend).
   */
  static getWindowStartWithOffset(timestamp: number, offset: number, size: number): number {
    const remainder = (timestamp - offset) % size;
    return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
  }

  /**
   * Merges overlapping windows (Flink's TimeWindow.mergeWindows): `callback(toBeMerged, cover)` runs for every
   * group of more than one window.
   */
  static mergeWindows(windows: readonly TimeWindow[], callback: (toBeMerged: TimeWindow[], cover: TimeWindow) => void) {
    const sorted = [...windows].sort((a, b) => a.start - b.start);
    let cur: TimeWindow | undefined;
    let group: TimeWindow[] = [];
    for (const w of sorted) {
      if (cur === undefined) {
        cur = w;
        group = [w];
      } else if (cur.intersects(w)) {
        cur = cur.cover(w);
        group.push(w);
      } else {
        if (group.length > 1) callback(group, cur);
        cur = w;
        group = [w];
      }
    }
    if (cur !== undefined && group.length > 1) callback(group, cur);
  }

  /** Namespace of a window whose start is not implied by its end (sessions): "start:end". */
  static toKeyString(w: TimeWindow): string {
    return `${w.start}:${w.end}`;
  }

  static fromKeyString(ns: string | number): TimeWindow {
    const s = String(ns);
    const i = s.indexOf(':');
    if (i < 0) throw new Error(`Not a time window namespace: '${s}'`);
    return new TimeWindow(Number(s.slice(0, i)), Number(s.slice(i + 1)));
  }
}

/** Largest timestamp of the one global window (Flink uses Long.MAX_VALUE); never reached by a watermark check. */
export const GLOBAL_WINDOW_MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/** The single window of GlobalWindows (all elements of a key). */
export class GlobalWindow implements Window {
  static readonly INSTANCE = new GlobalWindow();
  private constructor() {}
  maxTimestamp(): number {
    return GLOBAL_WINDOW_MAX_TIMESTAMP;
  }
  toString(): string {
    return 'GlobalWindow';
  }
}

/** Checks a window length in milliseconds given by the user. */
export function requirePositiveMs(what: string, ms: number): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new ProgramError(`${what} must be a positive number of milliseconds, got ${String(ms)}`);
  }
  return ms;
}

/**
 * Small cache of the window arrays aligned assigners return, keyed by pane start: consecutive records of any key
 * usually fall into the same pane, so assigning windows allocates nothing. Arrays and windows are immutable.
 */
export class WindowArrayCache {
  private readonly map = new Map<number, readonly TimeWindow[]>();
  get(paneStart: number): readonly TimeWindow[] | undefined {
    return this.map.get(paneStart);
  }
  set(paneStart: number, windows: readonly TimeWindow[]): readonly TimeWindow[] {
    if (this.map.size >= 512) this.map.clear();
    this.map.set(paneStart, windows);
    return windows;
  }
}
