import type { KeyGroupRange } from '../keys/key-groups.js';
import type { StateDescriptor } from './descriptors.js';
import type { InternalKvState, Namespace } from './state.js';

/**
 * One key group's entries of one state, as stored in checkpoints and savepoints: columns of keys (as the user gave
 * them), namespaces and values. Columns rather than an object per entry make snapshots several times cheaper to
 * serialize and smaller on disk.
 */
export interface KeyGroupEntries {
  readonly keys: unknown[];
  readonly namespaces: Namespace[];
  readonly values: unknown[];
}

export function newKeyGroupEntries(): KeyGroupEntries {
  return { keys: [], namespaces: [], values: [] };
}

export function pushEntry(e: KeyGroupEntries, key: unknown, namespace: Namespace, value: unknown): void {
  e.keys.push(key);
  e.namespaces.push(namespace);
  e.values.push(value);
}

export function appendEntries(target: KeyGroupEntries, source: KeyGroupEntries): void {
  for (let i = 0; i < source.keys.length; i++)
    pushEntry(target, source.keys[i], source.namespaces[i]!, source.values[i]);
}

/** The entries as objects (for tools and tests; the hot paths use the columns). */
export function entriesOf(e: KeyGroupEntries): { key: unknown; namespace: Namespace; value: unknown }[] {
  return e.keys.map((key, i) => ({ key, namespace: e.namespaces[i]!, value: e.values[i] }));
}

/** Keyed state of one operator subtask, grouped so that whole key groups can move between subtasks. */
export interface KeyedStateSnapshot {
  /** state name -> key group -> entries */
  readonly states: Record<string, Record<number, KeyGroupEntries>>;
  /**
   * Present on incremental snapshots: `states` holds only the key groups changed since the completed checkpoint
   * `baseCheckpointId`; a changed key group absent from `states` became empty. Storage resolves the chain.
   */
  readonly incremental?: { readonly baseCheckpointId: number; readonly changedKeyGroups: number[] };
}

/**
 * Keyed state of one operator subtask. The runtime sets the current key before each record or timer; state
 * handles read and write under it.
 */
export interface KeyedStateBackend {
  readonly keyGroupRange: KeyGroupRange;
  setCurrentKey(key: unknown): void;
  getCurrentKey(): unknown;
  getOrCreateState<S>(descriptor: StateDescriptor): S & InternalKvState;
  /** Calls fn for every key that has an entry in the state, with that key set as current. */
  forEachKey(descriptor: StateDescriptor, namespace: Namespace, fn: (key: unknown) => void): void;
  snapshot(): KeyedStateSnapshot;
  /** Snapshot for a checkpoint; backends that can may return only what changed since the last completed one. */
  snapshotForCheckpoint?(checkpointId: number, incremental: boolean): KeyedStateSnapshot;
  notifyCheckpointComplete?(checkpointId: number): void;
  /** Loads entries of the key groups in this backend's range from any number of snapshots. */
  restore(snapshots: readonly KeyedStateSnapshot[]): void;
  /** Approximate number of (key, namespace) entries held, for metrics. */
  entryCount(): number;
  dispose(): void | Promise<void>;
}
