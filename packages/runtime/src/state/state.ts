/** User-facing keyed state handles. All calls are synchronous and scoped to the current key (and namespace). */
export interface ValueState<T> {
  value(): T | undefined;
  update(value: T | undefined): void;
  clear(): void;
}

export interface ListState<T> {
  get(): T[];
  add(value: T): void;
  addAll(values: readonly T[]): void;
  update(values: readonly T[]): void;
  clear(): void;
}

export interface MapState<K, V> {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  putAll(entries: Iterable<readonly [K, V]>): void;
  remove(key: K): void;
  contains(key: K): boolean;
  entries(): [K, V][];
  keys(): K[];
  values(): V[];
  isEmpty(): boolean;
  clear(): void;
}

export interface ReducingState<T> {
  get(): T | undefined;
  add(value: T): void;
  clear(): void;
}

export interface AggregatingState<IN, OUT> {
  get(): OUT | undefined;
  add(value: IN): void;
  clear(): void;
}

export type Namespace = string | number;
/** Namespace of state that is not scoped to a window. */
export const VOID_NAMESPACE = 0;

/** Internal view every backend's state object offers on top of the user interface. */
export interface InternalKvState {
  setNamespace(ns: Namespace): void;
  /** Accumulators of `sources` are merged into `target` (for merging windows). */
  mergeNamespaces?(target: Namespace, sources: readonly Namespace[]): void;
  clear(): void;
}
