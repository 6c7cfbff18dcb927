import type { Namespace, ValueState } from '../state/state.js';
import type { WindowAssigner } from './assigners/window-assigner.js';
import type { Window } from './window.js';

/**
 * Called when windows merge: `mergeResult` replaces `mergedWindows`; the state of `mergedStateWindows` must be
 * merged into `stateWindowResult`.
 */
export type MergeFunction<W> = (
  mergeResult: W,
  mergedWindows: W[],
  stateWindowResult: Namespace,
  mergedStateWindows: Namespace[],
) => void;

/** Persisted form: pairs [window namespace, state window namespace]. */
export type MergingWindowEntries = [Namespace, Namespace][];

/**
 * Flink's MergingWindowSet for one key: tracks the current (merged) windows and, for each, the "state window"
 * whose namespace holds its contents. Merging only rewrites this mapping and merges state into the surviving
 * state window, so contents are never copied under a new namespace for every growth of a session.
 */
export class MergingWindowSet<W extends Window> {
  /** window namespace -> state window namespace */
  private readonly mapping = new Map<Namespace, Namespace>();
  private readonly windows = new Map<Namespace, W>();
  private changed = false;

  constructor(
    private readonly assigner: WindowAssigner<unknown, W>,
    private readonly state: ValueState<MergingWindowEntries>,
  ) {
    const stored = state.value();
    if (stored) {
      for (const [w, s] of stored) {
        this.mapping.set(w, s);
        this.windows.set(w, assigner.windowOf(w));
      }
    }
  }

  getStateWindow(windowNs: Namespace): Namespace | undefined {
    return this.mapping.get(windowNs);
  }

  retireWindow(windowNs: Namespace): void {
    if (!this.mapping.delete(windowNs)) {
      throw new Error(`Window ${String(windowNs)} is not in the in-flight window set`);
    }
    this.windows.delete(windowNs);
    this.changed = true;
  }

  /**
   * Adds a new window, merging it with existing ones as the assigner decides. Returns the window the new one
   * ended up in (itself or a merged window); the merge function runs before this returns.
   */
  addWindow(newWindow: W, mergeFunction: MergeFunction<W>): W {
    const ns = (w: W): Namespace => this.assigner.namespaceOf(w);
    const newNs = ns(newWindow);
    const all = [...this.windows.values()];
    if (!this.windows.has(newNs)) all.push(newWindow);
    const results: { result: W; merged: W[] }[] = [];
    this.assigner.mergeWindows!(all, (toBeMerged, mergeResult) => {
      results.push({ result: mergeResult, merged: toBeMerged });
    });

    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const { result, merged: mergedAll } of results) {
      const resultNs = ns(result);
      const merged = mergedAll.filter((w) => ns(w) !== newNs);
      if (merged.length !== mergedAll.length) {
        mergedNewWindow = true;
        resultWindow = result;
      }
      if (merged.length === 0) continue;
      // The state window of the first merged window survives; the others' state is merged into it.
      const mergedStateWindow = this.mapping.get(ns(merged[0]!))!;
      const mergedStateWindows: Namespace[] = [];
      for (const w of merged) {
        const wNs = ns(w);
        const s = this.mapping.get(wNs);
        if (s !== undefined) {
          this.mapping.delete(wNs);
          this.windows.delete(wNs);
          if (s !== mergedStateWindow) mergedStateWindows.push(s);
        }
      }
      this.mapping.set(resultNs, mergedStateWindow);
      this.windows.set(resultNs, result);
      this.changed = true;
      // Nothing to merge when the new window fell entirely inside one existing window.
      if (!(merged.length === 1 && ns(merged[0]!) === resultNs)) {
        mergeFunction(result, merged, mergedStateWindow, mergedStateWindows);
      }
    }
    if (results.length === 0 || (ns(resultWindow) === newNs && !mergedNewWindow)) {
      if (!this.mapping.has(newNs)) {
        this.mapping.set(newNs, newNs);
        this.windows.set(newNs, newWindow);
        this.changed = true;
      }
    }
    return resultWindow;
  }

  /** Writes the mapping back to keyed state if it changed. */
  persist(): void {
    if (!this.changed) return;
    this.changed = false;
    if (this.mapping.size === 0) this.state.clear();
    else this.state.update([...this.mapping.entries()]);
  }
}
