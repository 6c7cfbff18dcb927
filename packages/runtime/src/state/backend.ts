import type { KeyGroupRange } from '../keys/key-groups.js';
import type { StateDescriptor } from './descriptors.js';
import type { InternalKvState, Namespace } from './state.js';

/** One key group's entries of one state, as stored in checkpoints and savepoints. */
export interface KeyedStateEntry {
  /** Key as the user gave it (after copying). */
  readonly key: unknown;
  readonly namespace: Namespace;
  readonly value: unknown;
}

/** Keyed state of one operator subtask, grouped so that whole key groups can move between subtasks. */
export interface KeyedStateSnapshot {
  /** state name -> key group -> entries */
  readonly states: Record<string, Record<number, KeyedStateEntry[]>>;
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
  /** Loads entries of the key groups in this backend's range from any number of snapshots. */
  restore(snapshots: readonly KeyedStateSnapshot[]): void;
  /** Approximate number of (key, namespace) entries held, for metrics. */
  entryCount(): number;
  dispose(): void | Promise<void>;
}
