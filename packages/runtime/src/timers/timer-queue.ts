import { denormalizeKey, normalizeKey } from '../keys/key-hash.js';
import type { Namespace } from '../state/state.js';
import { NumberMinHeap } from './min-heap.js';

export interface TimerEntry {
  readonly timestamp: number;
  readonly key: unknown;
  readonly namespace: Namespace;
}

/**
 * Timers of one kind (event or processing time) of one operator subtask, deduplicated per (key, namespace,
 * timestamp) as Flink does. Layout timestamp -> namespace -> set of normalized keys, so registering an existing
 * timer allocates nothing.
 */
export class TimerQueue {
  private readonly byTime = new Map<number, Map<Namespace, Set<unknown>>>();
  private readonly times = new NumberMinHeap();
  private count = 0;

  get size(): number {
    return this.count;
  }

  register(timestamp: number, normKey: unknown, namespace: Namespace): boolean {
    let byNs = this.byTime.get(timestamp);
    if (byNs === undefined) {
      byNs = new Map();
      this.byTime.set(timestamp, byNs);
      this.times.push(timestamp);
    }
    let keys = byNs.get(namespace);
    if (keys === undefined) {
      keys = new Set();
      byNs.set(namespace, keys);
    }
    if (keys.has(normKey)) return false;
    keys.add(normKey);
    this.count++;
    return true;
  }

  delete(timestamp: number, normKey: unknown, namespace: Namespace): void {
    const keys = this.byTime.get(timestamp)?.get(namespace);
    if (keys?.delete(normKey)) this.count--;
  }

  /** Earliest timestamp that still has timers, skipping emptied ones. */
  peekTime(): number | undefined {
    for (;;) {
      const t = this.times.peek();
      if (t === undefined) return undefined;
      const byNs = this.byTime.get(t);
      if (byNs !== undefined) {
        for (const keys of byNs.values()) if (keys.size > 0) return t;
        this.byTime.delete(t);
      }
      this.times.pop();
    }
  }

  /**
   * Removes and returns every timer of the earliest timestamp if it is <= limit. Timers registered while the caller
   * handles them (for the same timestamp) are returned by the next call.
   */
  pollDue(limit: number): { timestamp: number; timers: [unknown, Namespace][] } | undefined {
    const t = this.peekTime();
    if (t === undefined || t > limit) return undefined;
    const byNs = this.byTime.get(t)!;
    this.byTime.delete(t);
    this.times.pop();
    const timers: [unknown, Namespace][] = [];
    for (const [ns, keys] of byNs) for (const k of keys) timers.push([k, ns]);
    this.count -= timers.length;
    return { timestamp: t, timers };
  }

  snapshot(): TimerEntry[] {
    const out: TimerEntry[] = [];
    for (const [timestamp, byNs] of this.byTime) {
      for (const [namespace, keys] of byNs)
        for (const k of keys) out.push({ timestamp, key: denormalizeKey(k), namespace });
    }
    return out;
  }

  restore(entries: readonly TimerEntry[]): void {
    for (const e of entries) this.register(e.timestamp, normalizeKey(e.key), e.namespace);
  }
}
