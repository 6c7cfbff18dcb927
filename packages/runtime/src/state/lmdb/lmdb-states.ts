import type { Clock } from '@tributary/core';
import type { AggregateFunction, StateDescriptor, StateTtlConfig } from '../descriptors.js';
import type { InternalKvState, Namespace } from '../state.js';
import { VOID_NAMESPACE } from '../state.js';
import { type KeyReader, type KeyWriter, SUFFIX_MAP_ENTRY, SUFFIX_MAP_HEADER } from './key-codec.js';
import type { LmdbStore } from './lmdb-store.js';

/** What state objects need from the backend: the current key's encoded form and shared codec scratch. */
export interface LmdbKeyContext {
  readonly store: LmdbStore;
  readonly writer: KeyWriter;
  readonly reader: KeyReader;
  /** Incremented on every setCurrentKey, so states can reuse their last built key string. */
  readonly keyVersion: number;
  /** latin1 chars of the current key group (u16) */
  readonly keyGroupChars: string;
  /** latin1 tagged encoding of the current key */
  readonly keyChars: string;
}

/** Value wrapper when TTL is on, identical to the heap backend's so snapshots are portable. */
interface Stamped {
  v: unknown;
  t: number;
}

const HEADER_CHAR = String.fromCharCode(SUFFIX_MAP_HEADER);
const ENTRY_CHAR = String.fromCharCode(SUFFIX_MAP_ENTRY);

/**
 * Namespace selection, TTL and get/put of the (key, namespace) record. Semantics mirror heap-states.ts line by
 * line (TTL checks, when timestamps refresh, what clear removes), so the two backends are interchangeable.
 */
export abstract class LmdbStateBase implements InternalKvState {
  protected ns: Namespace = VOID_NAMESPACE;
  protected nsChars: string;
  private cachedVersion = -1;
  private cachedKey = '';

  constructor(
    protected readonly b: LmdbKeyContext,
    /** latin1 chars of this state's u16 id */
    readonly idChars: string,
    protected readonly ttl: StateTtlConfig | undefined,
    protected readonly clock: Clock,
  ) {
    this.nsChars = this.encodeNamespace(VOID_NAMESPACE);
  }

  encodeNamespace(ns: Namespace): string {
    return this.b.writer.reset().tagged(ns, 'State namespace').toKey();
  }

  get namespace(): Namespace {
    return this.ns;
  }

  setNamespace(ns: Namespace): void {
    if (ns !== this.ns) {
      this.ns = ns;
      this.nsChars = this.encodeNamespace(ns);
      this.cachedVersion = -1;
    }
  }

  /** lmdb key of the current (key, namespace) record; rebuilt only when the key or namespace changed. */
  protected recordKey(): string {
    if (this.cachedVersion !== this.b.keyVersion) {
      this.cachedKey = this.b.keyGroupChars + this.idChars + this.b.keyChars + this.nsChars;
      this.cachedVersion = this.b.keyVersion;
    }
    return this.cachedKey;
  }

  protected keyIn(ns: Namespace): string {
    return this.b.keyGroupChars + this.idChars + this.b.keyChars + this.encodeNamespace(ns);
  }

  protected getRaw(): unknown {
    const k = this.recordKey();
    const stored = this.b.store.get(k);
    if (this.ttl === undefined || stored === undefined) return stored;
    const s = stored as Stamped;
    const now = this.clock.now();
    if (now - s.t >= this.ttl.ttlMs) {
      if (this.ttl.visibility === 'ReturnExpiredIfNotCleanedUp') return s.v;
      this.b.store.remove(k);
      return undefined;
    }
    if (this.ttl.updateType === 'OnReadAndWrite') {
      s.t = now;
      this.b.store.put(k, s);
    }
    return s.v;
  }

  protected putRaw(value: unknown): void {
    this.b.store.put(this.recordKey(), this.ttl === undefined ? value : { v: value, t: this.clock.now() });
  }

  clear(): void {
    this.b.store.remove(this.recordKey());
  }

  /** Raw value in another namespace (TTL-unwrapped) and removes it, for merging windows. */
  protected takeFrom(ns: Namespace): unknown {
    const k = ns === this.ns ? this.recordKey() : this.keyIn(ns);
    const stored = this.b.store.get(k);
    if (stored === undefined) return undefined;
    this.b.store.remove(k);
    return this.ttl === undefined ? stored : (stored as Stamped).v;
  }

  /** Writes one restored snapshot entry (key already set as current, namespace selected). */
  restoreEntry(value: unknown): void {
    this.b.store.put(this.recordKey(), value);
  }
}

class LmdbValueState extends LmdbStateBase {
  defaultValue: unknown;
  value(): unknown {
    const v = this.getRaw();
    return v === undefined ? this.defaultValue : v;
  }
  update(v: unknown): void {
    if (v === undefined) this.clear();
    else this.putRaw(v);
  }
}

class LmdbListState extends LmdbStateBase {
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

class LmdbReducingState extends LmdbStateBase {
  reduce!: (a: unknown, b: unknown) => unknown;
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

class LmdbAggregatingState extends LmdbStateBase {
  fn!: AggregateFunction<unknown, unknown, unknown>;
  get(): unknown {
    const acc = this.getRaw();
    return acc === undefined ? undefined : this.fn.getResult(acc);
  }
  add(v: unknown): void {
    const acc = this.getRaw();
    this.putRaw(this.fn.add(v, acc === undefined ? this.fn.createAccumulator() : acc));
  }
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

/**
 * Map state stores one lmdb record per user key (prefix + 0x01 + user key), so a get/put touches one entry, not
 * the whole map, and maps larger than memory work. With TTL a header record (prefix + 0x00) holds the map's
 * timestamp: the heap backend stamps the map as a whole, and so does this one.
 */
class LmdbMapState extends LmdbStateBase {
  private entryKey(k: unknown): string {
    return this.entryPrefix() + this.userKeyChars(k);
  }
  private userKeyChars(k: unknown): string {
    return this.b.writer.reset().tagged(k, 'Map state key').toKey();
  }
  private entryPrefix(): string {
    return this.recordKey() + ENTRY_CHAR;
  }

  /** Heap's map(create): TTL check of the whole map; false when there is no (visible) map. */
  private alive(create: boolean): boolean {
    if (this.ttl === undefined) return true;
    const hk = this.recordKey() + HEADER_CHAR;
    const t = this.b.store.get(hk) as number | undefined;
    if (t === undefined) {
      if (create) this.b.store.put(hk, this.clock.now());
      return create;
    }
    const now = this.clock.now();
    if (now - t >= this.ttl.ttlMs) {
      if (this.ttl.visibility === 'ReturnExpiredIfNotCleanedUp') return true;
      this.b.store.removePrefix(this.recordKey());
      if (create) this.b.store.put(hk, now);
      return create;
    }
    if (this.ttl.updateType === 'OnReadAndWrite') this.b.store.put(hk, now);
    return true;
  }
  private stamp(): void {
    if (this.ttl !== undefined) this.b.store.put(this.recordKey() + HEADER_CHAR, this.clock.now());
  }

  get(k: unknown): unknown {
    return this.alive(false) ? this.b.store.get(this.entryKey(k)) : undefined;
  }
  put(k: unknown, v: unknown): void {
    this.alive(true);
    this.b.store.put(this.entryKey(k), v);
    this.stamp();
  }
  putAll(entries: Iterable<readonly [unknown, unknown]>): void {
    this.alive(true);
    for (const [k, v] of entries) this.b.store.put(this.entryKey(k), v);
    this.stamp();
  }
  remove(k: unknown): void {
    if (!this.alive(false)) return;
    this.b.store.remove(this.entryKey(k));
    if (this.ttl !== undefined && !this.b.store.hasPrefix(this.entryPrefix())) this.clear();
  }
  contains(k: unknown): boolean {
    return this.alive(false) && this.b.store.has(this.entryKey(k));
  }
  entries(): [unknown, unknown][] {
    if (!this.alive(false)) return [];
    const out: [unknown, unknown][] = [];
    const prefix = this.entryPrefix();
    const r = this.b.reader;
    for (const e of this.b.store.scan(prefix)) {
      r.load(e.key).pos = prefix.length;
      out.push([r.tagged(), e.value]);
    }
    return out;
  }
  keys(): unknown[] {
    return this.entries().map((e) => e[0]);
  }
  values(): unknown[] {
    return this.entries().map((e) => e[1]);
  }
  isEmpty(): boolean {
    return !this.alive(false) || !this.b.store.hasPrefix(this.entryPrefix());
  }
  override clear(): void {
    this.b.store.removePrefix(this.recordKey());
  }
  /** Snapshot value of a map: a Map (wrapped with its timestamp under TTL), as the heap backend stores it. */
  override restoreEntry(value: unknown): void {
    let map = value as Map<unknown, unknown>;
    if (this.ttl !== undefined) {
      const s = value as Stamped;
      map = s.v as Map<unknown, unknown>;
      this.b.store.put(this.recordKey() + HEADER_CHAR, s.t);
    }
    for (const [k, v] of map) this.b.store.put(this.entryKey(k), v);
  }
}

export function createLmdbState(d: StateDescriptor, ctx: LmdbKeyContext, idChars: string, clock: Clock): LmdbStateBase {
  switch (d.kind) {
    case 'value': {
      const s = new LmdbValueState(ctx, idChars, d.ttl, clock);
      s.defaultValue = d.defaultValue;
      return s;
    }
    case 'list':
      return new LmdbListState(ctx, idChars, d.ttl, clock);
    case 'map':
      return new LmdbMapState(ctx, idChars, d.ttl, clock);
    case 'reducing': {
      const s = new LmdbReducingState(ctx, idChars, d.ttl, clock);
      s.reduce = d.reduce;
      return s;
    }
    case 'aggregating': {
      const s = new LmdbAggregatingState(ctx, idChars, d.ttl, clock);
      s.fn = d.aggregate;
      return s;
    }
  }
}

export { ENTRY_CHAR, HEADER_CHAR };
