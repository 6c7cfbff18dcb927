import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, type Configuration, CoreOptions, TributaryError } from '@tributary/core';
import { assignKeyGroup, type KeyGroupRange, rangeContains } from '../../keys/key-groups.js';
import {
  appendEntries,
  type KeyedStateBackend,
  type KeyedStateSnapshot,
  type KeyGroupEntries,
  newKeyGroupEntries,
  pushEntry,
} from '../backend.js';
import type { StateDescriptor } from '../descriptors.js';
import type { InternalKvState, Namespace } from '../state.js';
import { KeyReader, KeyWriter, SUFFIX_MAP_HEADER, u16Chars } from './key-codec.js';
import { createLmdbState, type LmdbKeyContext, type LmdbStateBase } from './lmdb-states.js';
import { LmdbStore, type LmdbStoreOptions } from './lmdb-store.js';

interface Registered {
  readonly descriptor: StateDescriptor;
  readonly state: LmdbStateBase;
  readonly id: number;
}

let instanceCounter = 0;

/** The part of backend-factory's BackendSpec this backend reads (declared here: the factory imports this file). */
export interface LmdbBackendSpec {
  readonly config: Configuration;
  readonly keyGroupRange: KeyGroupRange;
  readonly maxParallelism: number;
  readonly clock: Clock;
  readonly scope: string;
}

/**
 * Keyed state in an embedded lmdb environment (one per operator subtask and attempt), for state larger than the
 * JavaScript heap. Same semantics and snapshot format as HeapKeyedStateBackend: a checkpoint taken on one backend
 * restores on the other.
 */
export class LmdbKeyedStateBackend implements KeyedStateBackend, LmdbKeyContext {
  readonly store: LmdbStore;
  readonly writer = new KeyWriter();
  readonly reader = new KeyReader();
  keyVersion = 0;
  keyGroupChars = '';
  keyChars = '';
  private currentKey: unknown = undefined;
  private readonly states = new Map<string, Registered>();
  private nextId = 0;
  private lastCount = 0;
  /** Restored entries of states nobody registered yet: their kind (map or not) is known only at registration. */
  private readonly pending = new Map<string, Record<number, KeyGroupEntries>>();
  /** Key groups changed per checkpoint taken since the last completed one. */
  private readonly changesByCheckpoint = new Map<number, number[] | 'all'>();
  private lastCompleted: number | undefined;

  constructor(
    readonly keyGroupRange: KeyGroupRange,
    private readonly maxParallelism: number,
    private readonly clock: Clock,
    readonly path: string,
    options: LmdbStoreOptions = {},
  ) {
    this.store = new LmdbStore(path, options);
  }

  /** Factory for `state.backend.type = 'lmdb'`: directory from state.backend.lmdb.localdir or a temp dir. */
  static fromSpec(spec: LmdbBackendSpec): LmdbKeyedStateBackend {
    const base = spec.config.get(CoreOptions.STATE_LMDB_DIR) || join(tmpdir(), `tributary-lmdb-${process.pid}`);
    // scope is unique per subtask and attempt; the counter keeps two jobs of one process apart.
    const dir = join(base, `${spec.scope}-${++instanceCounter}`);
    return new LmdbKeyedStateBackend(spec.keyGroupRange, spec.maxParallelism, spec.clock, dir);
  }

  setCurrentKey(key: unknown): void {
    this.currentKey = key;
    this.keyGroupChars = u16Chars(assignKeyGroup(key, this.maxParallelism));
    this.keyChars = this.writer.reset().tagged(key, 'State key').toKey();
    this.keyVersion++;
  }

  getCurrentKey(): unknown {
    return this.currentKey;
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
      return existing.state as unknown as S & InternalKvState;
    }
    const id = this.nextId++;
    if (id > 0xffff) throw new TributaryError('STATE_LIMIT', 'The lmdb state backend supports at most 65536 states');
    const state = createLmdbState(descriptor, this, u16Chars(id), this.clock);
    this.states.set(descriptor.name, { descriptor, state, id });
    const restored = this.pending.get(descriptor.name);
    if (restored) {
      this.pending.delete(descriptor.name);
      this.write(state, restored);
    }
    return state as unknown as S & InternalKvState;
  }

  private write(state: LmdbStateBase, groups: Record<number, KeyGroupEntries>): void {
    const savedKey = this.currentKey;
    const savedNs = state.namespace;
    for (const entries of Object.values(groups)) {
      for (let i = 0; i < entries.keys.length; i++) {
        this.setCurrentKey(entries.keys[i]);
        state.setNamespace(entries.namespaces[i]!);
        state.restoreEntry(entries.values[i]);
      }
    }
    this.store.flush();
    state.setNamespace(savedNs);
    if (savedKey !== undefined) this.setCurrentKey(savedKey);
  }

  forEachKey(descriptor: StateDescriptor, namespace: Namespace, fn: (key: unknown) => void): void {
    const reg = this.states.get(descriptor.name) ?? this.register(descriptor);
    const nsChars = reg.state.encodeNamespace(namespace);
    const keys: unknown[] = [];
    const r = this.reader;
    for (let kg = this.keyGroupRange.start; kg <= this.keyGroupRange.end; kg++) {
      const prefix = u16Chars(kg) + reg.state.idChars;
      let lastKeyChars = '';
      for (const k of this.store.keys(prefix, prefix + '\u00ff')) {
        r.load(k).pos = 4;
        const keyEnd = r.skipTagged();
        const nsEnd = r.skipTagged();
        if (k.slice(keyEnd, nsEnd) !== nsChars) continue;
        const keyChars = k.slice(4, keyEnd);
        if (keyChars === lastKeyChars) continue; // map state: several records per key
        lastKeyChars = keyChars;
        r.pos = 4;
        keys.push(r.tagged());
      }
    }
    // Collected first: fn may change state under the key it is given.
    for (const key of keys) {
      this.setCurrentKey(key);
      fn(key);
    }
  }

  private register(d: StateDescriptor): Registered {
    this.getOrCreateState(d);
    return this.states.get(d.name)!;
  }

  snapshot(): KeyedStateSnapshot {
    this.store.flush();
    const states: Record<string, Record<number, KeyGroupEntries>> = {};
    for (const [name, reg] of this.states) states[name] = this.snapshotState(reg, undefined);
    for (const [name, groups] of this.pending) states[name] = groups;
    return { states };
  }

  /**
   * Incremental when asked and a completed checkpoint of this backend exists: only the key groups written since
   * then (every checkpoint taken since, completed or not, is included, so an aborted one loses nothing).
   */
  snapshotForCheckpoint(checkpointId: number, incremental: boolean): KeyedStateSnapshot {
    this.store.flush();
    this.changesByCheckpoint.set(checkpointId, this.store.takeTouched());
    const base = this.lastCompleted;
    if (!incremental || base === undefined) return this.snapshot();
    const changed = new Set<number>();
    for (const [id, c] of this.changesByCheckpoint) {
      if (id <= base) continue;
      if (c === 'all') return this.snapshot();
      for (const kg of c) if (rangeContains(this.keyGroupRange, kg)) changed.add(kg);
    }
    const kgs = [...changed].sort((a, b) => a - b);
    const states: Record<string, Record<number, KeyGroupEntries>> = {};
    for (const [name, reg] of this.states) states[name] = this.snapshotState(reg, kgs);
    for (const [name, groups] of this.pending) {
      const part: Record<number, KeyGroupEntries> = {};
      for (const kg of kgs) if (groups[kg]) part[kg] = groups[kg]!;
      states[name] = part;
    }
    return { states, incremental: { baseCheckpointId: base, changedKeyGroups: kgs } };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    if (!this.changesByCheckpoint.has(checkpointId)) return;
    this.lastCompleted = checkpointId;
    for (const id of [...this.changesByCheckpoint.keys()]) if (id <= checkpointId) this.changesByCheckpoint.delete(id);
  }

  private snapshotState(
    reg: Registered,
    onlyKeyGroups: readonly number[] | undefined,
  ): Record<number, KeyGroupEntries> {
    const groups: Record<number, KeyGroupEntries> = {};
    const isMap = reg.descriptor.kind === 'map';
    const ttl = reg.descriptor.ttl !== undefined;
    const r = this.reader;
    const range = this.keyGroupRange;
    const count = onlyKeyGroups ? onlyKeyGroups.length : range.end - range.start + 1;
    for (let i = 0; i < count; i++) {
      const kg = onlyKeyGroups ? onlyKeyGroups[i]! : range.start + i;
      const prefix = u16Chars(kg) + reg.state.idChars;
      const list: KeyGroupEntries = newKeyGroupEntries();
      // Map state: consecutive records of one (key, namespace) become one Map entry.
      let mapBase = '';
      let map: Map<unknown, unknown> | undefined;
      let stamp = 0;
      let key: unknown;
      let ns: unknown;
      const emitMap = () => {
        if (map !== undefined && map.size > 0) {
          pushEntry(list, key, ns as Namespace, ttl ? { v: map, t: stamp } : map);
        }
        map = undefined;
      };
      for (const e of this.store.scan(prefix)) {
        r.load(e.key).pos = 4;
        if (!isMap) {
          const k = r.tagged();
          pushEntry(list, k, r.tagged() as Namespace, e.value);
          continue;
        }
        r.skipTagged();
        const nsEnd = r.skipTagged();
        const base = e.key.slice(0, nsEnd);
        if (base !== mapBase) {
          emitMap();
          mapBase = base;
          map = new Map();
          r.pos = 4;
          key = r.tagged();
          ns = r.tagged();
        }
        if (r.u8() === SUFFIX_MAP_HEADER) stamp = e.value as number;
        else map!.set(r.tagged(), e.value);
      }
      emitMap();
      if (list.keys.length > 0) groups[kg] = list;
    }
    return groups;
  }

  restore(snapshots: readonly KeyedStateSnapshot[]): void {
    for (const snap of snapshots) {
      for (const [name, groups] of Object.entries(snap.states)) {
        const inRange: Record<number, KeyGroupEntries> = {};
        for (const [kgText, entries] of Object.entries(groups)) {
          const kg = Number(kgText);
          if (rangeContains(this.keyGroupRange, kg)) inRange[kg] = entries;
        }
        const reg = this.states.get(name);
        if (reg) this.write(reg.state, inRange);
        else {
          const target = this.pending.get(name) ?? {};
          for (const [kg, entries] of Object.entries(inRange)) {
            const existing = target[Number(kg)] ?? newKeyGroupEntries();
            appendEntries(existing, entries);
            target[Number(kg)] = existing;
          }
          this.pending.set(name, target);
        }
      }
    }
  }

  /** Records in lmdb (a map state counts one per user key) plus restored entries not yet registered. */
  entryCount(): number {
    // Metrics may ask once more after the task disposed its state.
    if (this.store.closed) return this.lastCount;
    let n = this.store.count(u16Chars(this.keyGroupRange.start), u16Chars(this.keyGroupRange.end + 1));
    for (const groups of this.pending.values()) for (const l of Object.values(groups)) n += l.keys.length;
    this.lastCount = n;
    return n;
  }

  dispose(): Promise<void> {
    this.states.clear();
    this.pending.clear();
    return this.store.close();
  }
}
