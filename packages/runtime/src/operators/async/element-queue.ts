import type { ResultFuture } from './async-function.js';

/** An input element of the async operator as kept in a checkpoint: value and timestamp, or a watermark. */
export type BufferedElement = { readonly v: unknown; readonly t?: number } | { readonly w: number };

/** Receives what an entry's completion means for the operator. */
export interface EntryOwner {
  onComplete(entry: AsyncEntry<unknown, unknown>): void;
  onFailure(entry: AsyncEntry<unknown, unknown>, error: unknown): void;
}

/** One element in flight; it is its own ResultFuture, so issuing an element allocates one object. */
export class AsyncEntry<IN, OUT> implements ResultFuture<OUT> {
  done = false;
  results: OUT[] | undefined;
  cancelTimer: (() => void) | undefined;
  /** Unordered mode: the watermark segment the element belongs to. */
  segment: Segment | undefined;

  constructor(
    readonly value: IN,
    readonly timestamp: number,
    private readonly owner: EntryOwner,
  ) {}

  complete(results: Iterable<OUT>): void {
    if (this.done) return;
    this.done = true;
    this.results = Array.isArray(results) ? results : [...results];
    this.owner.onComplete(this as AsyncEntry<unknown, unknown>);
  }

  completeExceptionally(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.owner.onFailure(this as AsyncEntry<unknown, unknown>, error);
  }
}

export interface QueueSink {
  record(entry: AsyncEntry<unknown, unknown>): void;
  watermark(watermark: number): void;
}

/** Elements and watermarks between input and output of the async operator. */
export interface ElementQueue {
  add(entry: AsyncEntry<unknown, unknown>): void;
  addWatermark(watermark: number): void;
  /** Called once when an entry completed successfully. */
  markDone(entry: AsyncEntry<unknown, unknown>): void;
  /** Emits everything that may be emitted now; returns how many elements left the queue. */
  emitCompleted(sink: QueueSink): number;
  isEmpty(): boolean;
  /** Elements not yet emitted (completed or not) and watermarks, in input order. */
  snapshot(): BufferedElement[];
}

function buffered(e: AsyncEntry<unknown, unknown>): BufferedElement {
  return Number.isFinite(e.timestamp) ? { v: e.value, t: e.timestamp } : { v: e.value };
}

/** Ordered mode: results leave in input order; a watermark leaves after every element before it. */
export class OrderedQueue implements ElementQueue {
  private items: (AsyncEntry<unknown, unknown> | number | undefined)[] = [];
  private head = 0;

  add(entry: AsyncEntry<unknown, unknown>): void {
    this.items.push(entry);
  }
  addWatermark(watermark: number): void {
    this.items.push(watermark);
  }
  markDone(): void {}

  emitCompleted(sink: QueueSink): number {
    const items = this.items;
    let n = 0;
    while (this.head < items.length) {
      const x = items[this.head]!;
      if (typeof x === 'number') sink.watermark(x);
      else if (x.done) {
        sink.record(x);
        n++;
      } else break;
      items[this.head++] = undefined;
    }
    if (this.head === items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return n;
  }

  isEmpty(): boolean {
    return this.head >= this.items.length;
  }

  snapshot(): BufferedElement[] {
    const out: BufferedElement[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const x = this.items[i]!;
      out.push(typeof x === 'number' ? { w: x } : buffered(x));
    }
    return out;
  }
}

/** Elements between two watermarks (`watermark` undefined while the segment is still open). */
export interface Segment {
  readonly entries: Set<AsyncEntry<unknown, unknown>>;
  ready: AsyncEntry<unknown, unknown>[];
  watermark: number | undefined;
}

/**
 * Unordered mode (Flink semantics): results leave as they complete, but never across a watermark: elements
 * after a watermark wait until it was emitted, and it is emitted once every element before it left.
 */
export class UnorderedQueue implements ElementQueue {
  private segments: Segment[] = [];

  add(entry: AsyncEntry<unknown, unknown>): void {
    let last = this.segments[this.segments.length - 1];
    if (last === undefined || last.watermark !== undefined) {
      last = { entries: new Set(), ready: [], watermark: undefined };
      this.segments.push(last);
    }
    last.entries.add(entry);
    entry.segment = last;
  }

  addWatermark(watermark: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && last.watermark === undefined) last.watermark = watermark;
    else this.segments.push({ entries: new Set(), ready: [], watermark });
  }

  markDone(entry: AsyncEntry<unknown, unknown>): void {
    entry.segment!.ready.push(entry);
  }

  emitCompleted(sink: QueueSink): number {
    let n = 0;
    const segs = this.segments;
    while (segs.length > 0) {
      const s = segs[0]!;
      if (s.ready.length > 0) {
        const ready = s.ready;
        s.ready = [];
        for (const e of ready) {
          s.entries.delete(e);
          sink.record(e);
          n++;
        }
      }
      if (s.entries.size > 0) break;
      segs.shift();
      if (s.watermark === undefined) break;
      sink.watermark(s.watermark);
    }
    return n;
  }

  isEmpty(): boolean {
    return this.segments.length === 0;
  }

  snapshot(): BufferedElement[] {
    const out: BufferedElement[] = [];
    for (const s of this.segments) {
      for (const e of s.entries) out.push(buffered(e));
      if (s.watermark !== undefined) out.push({ w: s.watermark });
    }
    return out;
  }
}
