import type { OperatorStateEntryList } from '../operators/operator-snapshot.js';

/** Non-keyed state of one operator subtask (Flink's operator list, union list and broadcast state). */
export class OperatorStateStore {
  private readonly lists = new Map<string, { mode: 'split' | 'union'; values: unknown[] }>();
  private readonly broadcast = new Map<string, Map<unknown, unknown>>();

  /** `restored` holds, per state name, the entries this subtask gets after redistribution. */
  constructor(private readonly restored: Record<string, OperatorStateEntryList> = {}) {}

  get isRestored(): boolean {
    return Object.keys(this.restored).length > 0;
  }

  /** Entries are split among subtasks on restore (round-robin). */
  getListState<T>(name: string): OperatorListState<T> {
    return this.list<T>(name, 'split');
  }

  /** Every subtask gets all entries of all subtasks on restore. */
  getUnionListState<T>(name: string): OperatorListState<T> {
    return this.list<T>(name, 'union');
  }

  /** A map that every subtask holds the same copy of (written only by the broadcast side). */
  getBroadcastState<K, V>(name: string): Map<K, V> {
    let m = this.broadcast.get(name);
    if (!m) {
      const r = this.restored[name];
      m = new Map(r && r.mode === 'broadcast' ? (r.entries as [unknown, unknown][]) : []);
      this.broadcast.set(name, m);
    }
    return m as Map<K, V>;
  }

  private list<T>(name: string, mode: 'split' | 'union'): OperatorListState<T> {
    let l = this.lists.get(name);
    if (!l) {
      const r = this.restored[name];
      l = { mode, values: r ? [...r.entries] : [] };
      this.lists.set(name, l);
    }
    const holder = l;
    return {
      get: () => holder.values as T[],
      add: (v: T) => void holder.values.push(v),
      update: (vs: readonly T[]) => void (holder.values = [...vs]),
      clear: () => void (holder.values = []),
    };
  }

  snapshot(): Record<string, OperatorStateEntryList> {
    const out: Record<string, OperatorStateEntryList> = {};
    for (const [name, l] of this.lists) out[name] = { mode: l.mode, entries: structuredClone(l.values) };
    for (const [name, m] of this.broadcast) out[name] = { mode: 'broadcast', entries: structuredClone([...m]) };
    return out;
  }
}

export interface OperatorListState<T> {
  get(): T[];
  add(value: T): void;
  update(values: readonly T[]): void;
  clear(): void;
}

/**
 * Redistributes operator state of all old subtasks to `parallelism` new ones: split lists round-robin, union
 * lists whole to everyone, broadcast state the first subtask's copy to everyone.
 */
export function redistributeOperatorState(
  old: readonly (Record<string, OperatorStateEntryList> | undefined)[],
  parallelism: number,
): Record<string, OperatorStateEntryList>[] {
  const result: Record<string, OperatorStateEntryList>[] = Array.from({ length: parallelism }, () => ({}));
  const names = new Set<string>();
  for (const o of old) for (const n of Object.keys(o ?? {})) names.add(n);
  for (const name of names) {
    const parts = old.map((o) => o?.[name]).filter((x): x is OperatorStateEntryList => x !== undefined);
    const mode = parts[0]!.mode;
    if (mode === 'broadcast') {
      for (const r of result) r[name] = { mode, entries: parts[0]!.entries };
    } else if (mode === 'union') {
      const all = parts.flatMap((p) => p.entries);
      for (const r of result) r[name] = { mode, entries: all };
    } else {
      const all = parts.flatMap((p) => p.entries);
      for (let i = 0; i < parallelism; i++) result[i]![name] = { mode, entries: [] };
      all.forEach((e, i) => {
        (result[i % parallelism]![name]!.entries as unknown[]).push(e);
      });
    }
  }
  return result;
}
