import { ProgramError } from '@tributary/core';

/**
 * Read-only view of broadcast state for the non-broadcast side (Flink's ReadOnlyBroadcastState). Writes from there
 * would make subtasks' copies diverge, so the mutators that a cast could reach throw instead of silently working.
 */
export class ReadOnlyMapView<K, V> implements ReadonlyMap<K, V> {
  constructor(private readonly map: Map<K, V>) {}
  get size(): number {
    return this.map.size;
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.map) fn.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[K, V]> {
    return this.map.entries();
  }
  keys(): MapIterator<K> {
    return this.map.keys();
  }
  values(): MapIterator<V> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.map.entries();
  }
  set(_key: K, _value: V): never {
    return readOnly();
  }
  delete(_key: K): never {
    return readOnly();
  }
  clear(): never {
    return readOnly();
  }
}

function readOnly(): never {
  throw new ProgramError(
    'Broadcast state is read-only in processElement; update it in processBroadcastElement so every subtask applies the same change',
  );
}
