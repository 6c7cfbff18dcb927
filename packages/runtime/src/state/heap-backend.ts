import type { Clock } from '@tributary/core';
import { TributaryError } from '@tributary/core';
import { assignKeyGroup, type KeyGroupRange, rangeContains } from '../keys/key-groups.js';
import { denormalizeKey, normalizeKey } from '../keys/key-hash.js';
import {
  type KeyedStateBackend,
  type KeyedStateSnapshot,
  type KeyGroupEntries,
  newKeyGroupEntries,
  pushEntry,
} from './backend.js';
import type { StateDescriptor } from './descriptors.js';
import { createHeapState, type HeapTable } from './heap-states.js';
import type { InternalKvState, Namespace } from './state.js';

/**
 * Keyed state on the JavaScript heap: per state a map namespace -> (normalized key -> value). Namespace first,
 * so that a fired window drops its whole map at once.
 */
export class HeapKeyedStateBackend implements KeyedStateBackend {
  private currentKey: unknown = undefined;
  private currentNorm: unknown = undefined;
  private readonly tables = new Map<string, HeapTable>();
  private readonly states = new Map<string, { descriptor: StateDescriptor; state: InternalKvState }>();
  /** Original keys of composite (normalized-to-string) keys, for snapshots. */

  constructor(
    readonly keyGroupRange: KeyGroupRange,
    private readonly maxParallelism: number,
    private readonly clock: Clock,
  ) {}

  setCurrentKey(key: unknown): void {
    this.currentKey = key;
    this.currentNorm = normalizeKey(key);
  }

  getCurrentKey(): unknown {
    return this.currentKey;
  }

  /** @internal used by state objects */
  currentNormalizedKey(): unknown {
    return this.currentNorm;
  }

  getOrCreateState<S>(descriptor: StateDescriptor): S & InternalKvState {
    const existing = this.states.get(descriptor.name);
    if (existing) {
      if (existing.descriptor.kind !== descriptor.kind) {
        throw new TributaryError(
          'STATE_KIND',
          `State '${descriptor.name}' was registered as ${existing.descriptor.kind} state and cannot be used as ${descriptor.kind} state`,
        );
      }
      return existing.state as S & InternalKvState;
    }
    let table = this.tables.get(descriptor.name);
    if (!table) {
      table = new Map();
      this.tables.set(descriptor.name, table);
    }
    const state = createHeapState(descriptor, table, this, this.clock);
    this.states.set(descriptor.name, { descriptor, state });
    return state as unknown as S & InternalKvState;
  }

  forEachKey(descriptor: StateDescriptor, namespace: Namespace, fn: (key: unknown) => void): void {
    const table = this.tables.get(descriptor.name);
    const byKey = table?.get(namespace);
    if (!byKey) return;
    for (const norm of [...byKey.keys()]) {
      this.setCurrentKey(denormalizeKey(norm));
      fn(this.currentKey);
    }
  }

  snapshot(): KeyedStateSnapshot {
    const states: Record<string, Record<number, KeyGroupEntries>> = {};
    for (const [name, table] of this.tables) {
      const groups: Record<number, KeyGroupEntries> = {};
      for (const [namespace, byKey] of table) {
        for (const [norm, value] of byKey) {
          const key = denormalizeKey(norm);
          const kg = assignKeyGroup(key, this.maxParallelism);
          const list = groups[kg] ?? (groups[kg] = newKeyGroupEntries());
          pushEntry(list, key, namespace, copyValue(value));
        }
      }
      states[name] = groups;
    }
    return { states };
  }

  restore(snapshots: readonly KeyedStateSnapshot[]): void {
    for (const snap of snapshots) {
      for (const [name, groups] of Object.entries(snap.states)) {
        let table = this.tables.get(name);
        if (!table) {
          table = new Map();
          this.tables.set(name, table);
        }
        for (const [kgText, entries] of Object.entries(groups)) {
          if (!rangeContains(this.keyGroupRange, Number(kgText))) continue;
          const { keys, namespaces, values } = entries;
          let ns: Namespace | undefined;
          let byKey: Map<unknown, unknown> | undefined;
          for (let i = 0; i < keys.length; i++) {
            if (namespaces[i] !== ns || byKey === undefined) {
              ns = namespaces[i]!;
              byKey = table.get(ns);
              if (!byKey) {
                byKey = new Map();
                table.set(ns, byKey);
              }
            }
            // Copied: the snapshot may be restored again (another attempt) and must not see this state's updates.
            byKey.set(normalizeKey(keys[i]), copyValue(values[i]));
          }
        }
      }
    }
  }

  entryCount(): number {
    let n = 0;
    for (const table of this.tables.values()) for (const byKey of table.values()) n += byKey.size;
    return n;
  }

  dispose(): void {
    this.tables.clear();
    this.states.clear();
  }
}

/** Snapshots must not share mutable objects with live state (later updates would change a taken snapshot). */
function copyValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  return structuredClone(v);
}
