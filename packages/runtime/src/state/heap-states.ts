import type { Clock } from '@tributary/core';
import type { StateDescriptor, StateTtlConfig } from './descriptors.js';
import type { InternalKvState, Namespace } from './state.js';
import { VOID_NAMESPACE } from './state.js';

export type HeapTable = Map<Namespace, Map<unknown, unknown>>;

interface KeySource {
  currentNormalizedKey(): unknown;
}

/** Value wrapper used when TTL is on: `t` is the last access time that counts. */
interface Stamped {
  v: unknown;
  t: number;
}

/** Shared plumbing of all heap state kinds: namespace selection, TTL, raw get/put under the current key. */
abstract class HeapStateBase implements InternalKvState {
  protected ns: Namespace = VOID_NAMESPACE;
  protected byKey: Map<unknown, unknown> | undefined;
  constructor(
    protected readonly table: HeapTable,
    protected readonly keySource: KeySource,
    private readonly ttl: StateTtlConfig | undefined,
    private readonly clock: Clock,
  ) {
    this.byKey = table.get(VOID_NAMESPACE);
  }

  setNamespace(ns: Namespace): void {
    if (ns !== this.ns) {
      this.ns = ns;
      this.byKey = this.table.get(ns);
    }
  }

  protected getRaw(): unknown {
    const m = this.byKey;
    if (m === undefined) return undefined;
    const stored = m.get(this.keySource.currentNormalizedKey());
    if (this.ttl === undefined || stored === undefined) return stored;
    const s = stored as Stamped;
    const now = this.clock.now();
    if (now - s.t >= this.ttl.ttlMs) {
      if (this.ttl.visibility === 'ReturnExpiredIfNotCleanedUp') return s.v;
      m.delete(this.keySource.currentNormalizedKey());
      return undefined;
    }
    if (this.ttl.updateType === 'OnReadAndWrite') s.t = now;
    return s.v;
  }

  protected putRaw(value: unknown): void {
    let m = this.byKey;
    if (m === undefined) {
      m = new Map();
      this.table.set(this.ns, m);
      this.byKey = m;
    }
    m.set(this.keySource.currentNormalizedKey(), this.ttl === undefined ? value : { v: value, t: this.clock.now() });
  }

  clear(): void {
    const m = this.byKey;
    if (m === undefined) return;
    m.delete(this.keySource.currentNormalizedKey());
    if (m.size === 0) {
      this.table.delete(this.ns);
      this.byKey = undefined;
    }
  }

  /** Raw value in another namespace (TTL-unwrapped), used for merging windows. */
  protected takeFrom(ns: Namespace): unknown {
    const m = this.table.get(ns);
    if (!m) return undefined;
    const k = this.keySource.currentNormalizedKey();
    const stored = m.get(k);
    m.delete(k);
    if (m.size === 0) this.table.delete(ns);
    if (ns === this.ns && m.size === 0) this.byKey = undefined;
    return this.ttl === undefined || stored === undefined ? stored : (stored as Stamped).v;
  }
}

class HeapValueState extends HeapStateBase {
  constructor(
    table: HeapTable,
    keys: KeySource,
    ttl: StateTtlConfig | undefined,
    clock: Clock,
    private readonly defaultValue: unknown,
  ) {
    super(table, keys, ttl, clock);
  }
  value(): unknown {
    const v = this.getRaw();
    return v === undefined ? this.defaultValue : v;
  }
  update(v: unknown): void {
    if (v === undefined) this.clear();
    else this.putRaw(v);
  }
}

class HeapListState extends HeapStateBase {
  get(): unknown[] {
    return (this.getRaw() as unknown[] | undefined) ?? [];
  }
  add(v: unknown): void {
    const list = this.getRaw() as unknown[] | undefined;
    if (list === undefined) this.putRaw([v]);
    else {
      list.push(v);
      this.putRaw(list);
    }
  }
  addAll(vs: readonly unknown[]): void {
    if (vs.length === 0) return;
    const list = (this.getRaw() as unknown[] | undefined) ?? [];
    for (const v of vs) list.push(v);
    this.putRaw(list);
  }
  update(vs: readonly unknown[]): void {
    if (vs.length === 0) this.clear();
    else this.putRaw([...vs]);
  }
  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void {
    const merged: unknown[] = [];
    for (const s of sources) {
      const l = this.takeFrom(s) as unknown[] | undefined;
      if (l) merged.push(...l);
    }
    if (merged.length === 0) return;
    this.setNamespace(target);
    this.addAll(merged);
  }
}

class HeapMapState extends HeapStateBase {
  private map(create: boolean): Map<unknown, unknown> | undefined {
    let m = this.getRaw() as Map<unknown, unknown> | undefined;
    if (m === undefined && create) {
      m = new Map();
      this.putRaw(m);
    }
    return m;
  }
  get(k: unknown): unknown {
    return this.map(false)?.get(k);
  }
  put(k: unknown, v: unknown): void {
    const m = this.map(true)!;
    m.set(k, v);
    this.putRaw(m);
  }
  putAll(entries: Iterable<readonly [unknown, unknown]>): void {
    const m = this.map(true)!;
    for (const [k, v] of entries) m.set(k, v);
    this.putRaw(m);
  }
  remove(k: unknown): void {
    const m = this.map(false);
    if (!m) return;
    m.delete(k);
    if (m.size === 0) this.clear();
  }
  contains(k: unknown): boolean {
    return this.map(false)?.has(k) ?? false;
  }
  entries(): [unknown, unknown][] {
    return [...(this.map(false)?.entries() ?? [])];
  }
  keys(): unknown[] {
    return [...(this.map(false)?.keys() ?? [])];
  }
  values(): unknown[] {
    return [...(this.map(false)?.values() ?? [])];
  }
  isEmpty(): boolean {
    return (this.map(false)?.size ?? 0) === 0;
  }
}

class HeapReducingState extends HeapStateBase {
  constructor(
    table: HeapTable,
    keys: KeySource,
    ttl: StateTtlConfig | undefined,
    clock: Clock,
    private readonly reduce: (a: unknown, b: unknown) => unknown,
  ) {
    super(table, keys, ttl, clock);
  }
  get(): unknown {
    return this.getRaw();
  }
  add(v: unknown): void {
    const cur = this.getRaw();
    this.putRaw(cur === undefined ? v : this.reduce(cur, v));
  }
  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void {
    let acc: unknown;
    for (const s of sources) {
      const v = this.takeFrom(s);
      if (v !== undefined) acc = acc === undefined ? v : this.reduce(acc, v);
    }
    if (acc === undefined) return;
    this.setNamespace(target);
    this.add(acc);
  }
}

class HeapAggregatingState extends HeapStateBase {
  constructor(
    table: HeapTable,
    keys: KeySource,
    ttl: StateTtlConfig | undefined,
    clock: Clock,
    private readonly fn: import('./descriptors.js').AggregateFunction<unknown, unknown, unknown>,
  ) {
    super(table, keys, ttl, clock);
  }
  get(): unknown {
    const acc = this.getRaw();
    return acc === undefined ? undefined : this.fn.getResult(acc);
  }
  add(v: unknown): void {
    const acc = this.getRaw();
    this.putRaw(this.fn.add(v, acc === undefined ? this.fn.createAccumulator() : acc));
  }
  /** Raw accumulator access for operators that keep the accumulator between results. */
  getAccumulator(): unknown {
    return this.getRaw();
  }
  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void {
    let acc: unknown;
    for (const s of sources) {
      const a = this.takeFrom(s);
      if (a === undefined) continue;
      if (acc === undefined) acc = a;
      else if (this.fn.merge) acc = this.fn.merge(acc, a);
      else throw new Error('AggregateFunction.merge is required for merging (session) windows');
    }
    if (acc === undefined) return;
    this.setNamespace(target);
    const existing = this.getRaw();
    this.putRaw(existing === undefined || !this.fn.merge ? acc : this.fn.merge(existing, acc));
  }
}

export function createHeapState(d: StateDescriptor, table: HeapTable, keys: KeySource, clock: Clock): InternalKvState {
  switch (d.kind) {
    case 'value':
      return new HeapValueState(table, keys, d.ttl, clock, d.defaultValue);
    case 'list':
      return new HeapListState(table, keys, d.ttl, clock);
    case 'map':
      return new HeapMapState(table, keys, d.ttl, clock);
    case 'reducing':
      return new HeapReducingState(table, keys, d.ttl, clock, d.reduce);
    case 'aggregating':
      return new HeapAggregatingState(table, keys, d.ttl, clock, d.aggregate);
  }
}
